import GRDB
import SalesDomain

extension Store {
    /// The context `submit` decides a request in: like `context(db, for:)`, but with only the
    /// master data the request can look up — its submitter, the request's and the submitter's
    /// branches, its customer, the products of its lines, its service product and the lines of
    /// the documents it cites — instead of every user, customer and product.
    ///
    /// Why it decides the same: `PolicyContext.resolve` reaches master data only through
    /// `user(_:)`, `branch(_:)`, `customer(_:)` and `product(_:)` with exactly those keys, and
    /// each lookup answers the first row, in `masterData`'s order, whose id equals the key as a
    /// Swift string. Here every row whose id equals a wanted key that way (not only byte for byte,
    /// as SQL would compare) is kept, in that same order, so each lookup finds the same row or
    /// the same nothing: the same resolved request, the same errors. The stored context is
    /// `decisionContext`, made of the resolved values (and the branches among them), so it is the
    /// same too; the rare fallback that stores the whole context asks for it (`wholeContext`).
    func requestContext(_ db: Database, for request: Request) throws -> PolicyContext {
        let today = self.today
        let documents = try citedDocuments(db, for: request)
        let users = try Self.masterRows(db, ids: "SELECT rowid, id FROM users ORDER BY id",
                                        row: "SELECT * FROM users WHERE rowid = ?",
                                        wanted: [request.submittedBy], read: Self.user)
        let branches = try Self.masterRows(db, ids: "SELECT rowid, id FROM branches ORDER BY id",
                                           row: "SELECT * FROM branches WHERE rowid = ?",
                                           wanted: [request.branch].compactMap { $0 } + users.compactMap(\.branch),
                                           read: Self.branch)
        var customerIDs: [String] = []
        if case .id(let id) = request.customer { customerIDs.append(id) }
        let customers = try Self.masterRows(db, ids: "SELECT rowid, id FROM customers ORDER BY id",
                                            row: "SELECT * FROM customers WHERE rowid = ?",
                                            wanted: customerIDs, read: Self.customer)
        var skus = request.document.lines.map(\.sku)
        if case .service(let service) = request.document, let sku = service.product { skus.append(sku) }
        for document in documents { skus += document.document.lines.map(\.sku) }
        let products = try Self.masterRows(db, ids: "SELECT rowid, sku FROM products ORDER BY sku",
                                           row: "SELECT * FROM products WHERE rowid = ?",
                                           wanted: skus, read: Self.product)
        return PolicyContext(today: today, branches: branches, users: users, customers: customers, products: products,
                             documents: documents)
    }

    /// What `context(db, for:)` would have given where `requestContext` gave `context`: all the
    /// master data, with the same day and documents.
    func wholeContext(_ db: Database, as context: PolicyContext) throws -> PolicyContext {
        let master = try masterData(db)
        return PolicyContext(today: context.today, branches: master.branches, users: master.users,
                             customers: master.customers, products: master.products, documents: context.documents)
    }

    /// The rows of a master table whose id equals one of `wanted` as a Swift string, in id order:
    /// `ids` lists rowid and id of every row in the order `masterData` reads them, `row` reads one
    /// row by rowid.
    static func masterRows<T>(_ db: Database, ids: String, row: String, wanted: [String],
                              read: (Row) throws -> T) throws -> [T] {
        guard !wanted.isEmpty else { return [] }
        let keys = Set(wanted)
        var rowids: [Int64] = []
        let cursor = try Row.fetchCursor(db.cachedStatement(sql: ids))
        while let entry = try cursor.next() {
            let id: String = try entry.decode(atIndex: 1)
            if keys.contains(id) { rowids.append(try entry.decode(atIndex: 0)) }
        }
        var found: [T] = []
        for rowid in rowids {
            if let match = try Row.fetchOne(db.cachedStatement(sql: row), arguments: [rowid]) {
                found.append(try read(match))
            }
        }
        return found
    }
}
