import Crypto
import Foundation
import PolicyEngine
import SalesDomain

/// What a sign-off covers, as a SHA-256: the step (role, action, task, scope, assignee), the codes
/// and facts of its reasons, and the whole request it was asked about — the document, the
/// customer, the branch, and every document the request cites (a contract's quote, a shipment's
/// contract). Reason texts and rule locations are left out: they change with the language and with
/// edits to the rules that do not change the decision.
///
/// An amendment keeps a sign-off only when the new route has a step with the same hash, so no
/// approval carries over to terms it never saw.
enum Coverage {
    private struct Covered: Encodable {
        var role: Role
        var action: StepAction
        var task: String?
        var scope: StepScope?
        var user: String?
        var reasons: [ReasonFacts]
        var kind: RequestKind
        var customer: String
        var branch: String?
        var refs: [String: String]
        var document: Document
        var cited: [String: StoredDocumentBody]
    }

    /// A reason as covered: its code and facts.
    struct ReasonFacts: Encodable {
        var code: String
        var facts: [String: FactValue]
    }

    /// A cited document without its progress (progress figures the rules use are in the facts).
    struct StoredDocumentBody: Encodable {
        var id: String
        var kind: RequestKind
        var document: Document
    }

    static func hash(step: Step, request: Request, cited: [String: StoredDocument]) throws -> String {
        let digest = SHA256.hash(data: Data(try StoreJSON.encode(covered(step: step, request: request, cited: cited)).utf8))
        return "sha256:" + Hex.string(digest)
    }

    /// What the hash is taken over (its JSON form is hashed).
    static func covered(step: Step, request: Request, cited: [String: StoredDocument]) -> some Encodable {
        Covered(
            role: step.role, action: step.action, task: step.task, scope: step.scope, user: step.user,
            reasons: step.reasons.map { .init(code: $0.code, facts: $0.facts) },
            kind: request.kind, customer: request.customer.id, branch: request.branch, refs: request.refs,
            document: request.document,
            cited: cited.mapValues { StoredDocumentBody(id: $0.id, kind: $0.kind, document: $0.document) })
    }

    /// The coverage hashes of the steps of one request, cheaper than `hash` per step: the
    /// request's members of the covered JSON (kind, customer, branch, refs, document, cited) are
    /// encoded once, and each step's JSON is those members and its own, in sorted key order —
    /// the very bytes `hash` encodes, since an object's JSON is its members' JSON in key order.
    /// If encoding a part fails, `hash` itself runs (its result or error stands).
    struct Hasher {
        private let request: Request
        private let cited: [String: StoredDocument]
        /// `"key":value` of the request's members; nil when one could not be encoded here.
        private let requestMembers: [(key: String, json: String)]?

        init(request: Request, cited: [String: StoredDocument]) {
            self.request = request
            self.cited = cited
            var members: [(key: String, json: String)]? = nil
            do {
                var parts = [
                    (key: "kind", json: try StoreJSON.encode(request.kind)),
                    (key: "customer", json: try StoreJSON.encode(request.customer.id)),
                    (key: "refs", json: try StoreJSON.encode(request.refs)),
                    (key: "document", json: try StoreJSON.encode(request.document)),
                    (key: "cited", json: try StoreJSON.encode(cited.mapValues {
                        StoredDocumentBody(id: $0.id, kind: $0.kind, document: $0.document)
                    })),
                ]
                if let branch = request.branch { parts.append((key: "branch", json: try StoreJSON.encode(branch))) }
                members = parts
            } catch {
                members = nil
            }
            requestMembers = members
        }

        func hash(_ step: Step) throws -> String {
            guard var members = requestMembers else { return try Coverage.hash(step: step, request: request, cited: cited) }
            do {
                members.append((key: "role", json: try StoreJSON.encode(step.role)))
                members.append((key: "action", json: try StoreJSON.encode(step.action)))
                if let task = step.task { members.append((key: "task", json: try StoreJSON.encode(task))) }
                if let scope = step.scope { members.append((key: "scope", json: try StoreJSON.encode(scope))) }
                if let user = step.user { members.append((key: "user", json: try StoreJSON.encode(user))) }
                members.append((key: "reasons", json: try StoreJSON.encode(step.reasons.map {
                    ReasonFacts(code: $0.code, facts: $0.facts)
                })))
            } catch {
                return try Coverage.hash(step: step, request: request, cited: cited)
            }
            return "sha256:" + Hex.string(SHA256.hash(data: Data(try StoreJSON.object(members).utf8)))
        }
    }
}
