import GRDB
import PolicyEngine
import SalesDomain

extension Store {
    /// Keeps the context revision `revision` of a case was decided in, with the deciding
    /// version: only what the decision could see (today, the submitter, the branch, the customer,
    /// the products and the cited documents with their progress) — unless that smaller context
    /// would not resolve the request to the very same input, in which case all of it (`whole`
    /// gives it when `context` holds only what the request looks up, see `requestContext`).
    func saveContext(_ db: Database, caseID: String, revision: Int, policy: String, context: PolicyContext,
                     resolved: ResolvedRequest, whole: (() throws -> PolicyContext)? = nil) throws {
        var json = try StoreJSON.encode(Self.decisionContext(context, resolved: resolved))
        let same = (try? InputDecoder.context(stored: json, file: "context").resolve(resolved.request)) == resolved
        if !same { json = try StoreJSON.encode(try whole?() ?? context) }
        try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO case_contexts (case_id, revision, policy, context) VALUES (?, ?, ?, ?)
            """).execute(arguments: [caseID, revision, policy, json])
    }

    /// The part of `context` that resolving the request used.
    static func decisionContext(_ context: PolicyContext, resolved: ResolvedRequest) -> PolicyContext {
        let request = resolved.request
        let branchIDs = Set([request.branch, resolved.branch, resolved.submitter.branch].compactMap { $0 })
        var customers: [Customer] = []
        if case .id = request.customer { customers = [resolved.customer] }
        var documents: [StoredDocument] = []
        for document in [resolved.tender, resolved.quote, resolved.contract].compactMap({ $0 })
        where !documents.contains(where: { $0.id == document.id }) {
            documents.append(document)
        }
        return PolicyContext(today: context.today, branches: context.branches.filter { branchIDs.contains($0.id) },
                             users: [resolved.submitter], customers: customers,
                             products: resolved.products.values.sorted { $0.sku < $1.sku },
                             documents: documents.sorted { $0.id < $1.id })
    }

    /// The stored context of a case's revision, as JSON (the context-file shape), if kept.
    public func decisionContext(caseID: String, revision: Int? = nil) throws(StoreError) -> String? {
        try read { db in
            let revision = try revision ?? Int.fetchOne(db.cachedStatement(sql: "SELECT revision FROM cases WHERE id = ?"), arguments: [caseID])
            return try String.fetchOne(db.cachedStatement(sql: "SELECT context FROM case_contexts WHERE case_id = ? AND revision = ?"),
                                       arguments: [caseID, revision])
        }
    }
}
