import Crypto
import Foundation
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
        struct ReasonFacts: Encodable {
            var code: String
            var facts: [String: FactValue]
        }
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
}
