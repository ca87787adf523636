import GRDB
import Money
import SalesDomain

extension Store {
    /// The context a policy decides `request` in: today (from the store's clock), the org,
    /// customers and products, and the documents the request cites — each either imported or an
    /// approved case; a contract with its progress: imported progress plus everything that open
    /// and approved cases ship, return, invoice and collect against it, summed exactly. Open cases
    /// count so that two requests in flight at once cannot together overshoot a hard stop.
    /// `excluding` leaves out a case being amended (it must not count against itself).
    public func context(for request: Request, excluding caseID: String? = nil) throws(StoreError) -> PolicyContext {
        try read { db in try context(db, for: request, excluding: caseID) }
    }

    func context(_ db: Database, for request: Request, excluding caseID: String? = nil) throws -> PolicyContext {
        let master = try masterData(db)
        let documents = try citedDocuments(db, for: request, excluding: caseID)
        return PolicyContext(today: master.today, branches: master.branches, users: master.users,
                             customers: master.customers, products: master.products, documents: documents)
    }

    /// The documents `request` refers to, in the order of its reference names; a reference to a
    /// case that is not approved (yet) is refused, one to nothing at all is left to `resolve`.
    func citedDocuments(_ db: Database, for request: Request, excluding caseID: String? = nil) throws -> [StoredDocument] {
        var documents: [StoredDocument] = []
        for name in request.refs.keys.sorted() {
            guard let id = request.refs[name] else { continue }
            if let document = try storedDocument(db, id: id, excluding: caseID) {
                documents.append(document)
            } else if let state = try String.fetchOne(db.cachedStatement(sql: "SELECT state FROM cases WHERE id = ?"), arguments: [id])
                .flatMap(CaseState.init(rawValue:)) {
                throw StoreError.referenceNotApproved(name: name, id: id, state: state)
            }
        }
        return documents
    }

    /// The documents `request` cites, by reference name, as found in `context`.
    static func cited(_ request: Request, in context: PolicyContext) -> [String: StoredDocument] {
        var cited: [String: StoredDocument] = [:]
        for (name, id) in request.refs {
            if let document = context.document(id) { cited[name] = document }
        }
        return cited
    }

    /// An imported document, or the request document of an approved case; contracts with progress.
    func storedDocument(_ db: Database, id: String, excluding caseID: String? = nil) throws -> StoredDocument? {
        var found: StoredDocument?
        if let body = try String.fetchOne(db.cachedStatement(sql: "SELECT body FROM documents WHERE id = ?"), arguments: [id]) {
            do {
                found = try InputDecoder.decodeStored(body, file: "stored document \(id)") { value throws(InputError) in
                    try StoredDocument(from: value)
                }
            } catch {
                throw StoreError.damagedRow(table: "documents", id: id, detail: "\(error)")
            }
        } else if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM cases WHERE id = ? AND state = 'approved'"),
                                              arguments: [id]) {
            let record = try Self.caseRecord(row)
            found = StoredDocument(id: id, customer: record.customer, document: record.request.document)
        }
        guard var document = found, document.kind == .contract else { return found }
        document.progress = try progress(db, contract: id, base: document.progress, excluding: caseID)
        return document
    }

    /// `base` plus what every open or approved case against contract `id` does (but `excluding`).
    func progress(_ db: Database, contract id: String, base: ContractProgress?, excluding caseID: String? = nil) throws -> ContractProgress {
        var progress = base ?? .none
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM cases WHERE contract_ref = ? AND state IN ('open', 'approved') AND id IS NOT ?
            ORDER BY created_at, id
            """), arguments: [id, caseID])
        for row in rows {
            let record = try Self.caseRecord(row)
            do {
                try ProgressLedger.add(record.request.document, to: &progress)
            } catch {
                throw StoreError.damagedRow(table: "cases", id: record.id, detail: "progress of \(id) overflows: \(error)")
            }
        }
        return progress
    }
}
