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
        let users = try Self.masterRows(db, table: "users", key: "id",
                                        wanted: [request.submittedBy], read: Self.user)
        let branches = try Self.masterRows(db, table: "branches", key: "id",
                                           wanted: [request.branch].compactMap { $0 } + users.compactMap(\.branch),
                                           read: Self.branch)
        var customerIDs: [String] = []
        if case .id(let id) = request.customer { customerIDs.append(id) }
        let customers = try Self.masterRows(db, table: "customers", key: "id",
                                            wanted: customerIDs, read: Self.customer)
        var skus = request.document.lines.map(\.sku)
        if case .service(let service) = request.document, let sku = service.product { skus.append(sku) }
        for document in documents { skus += document.document.lines.map(\.sku) }
        let products = try Self.masterRows(db, table: "products", key: "sku",
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

    /// The rows of a master table whose id equals one of `wanted` as a Swift string, in the order
    /// `masterData` reads them (`SELECT * FROM table ORDER BY key`, `key` being the id column).
    /// Rows are decoded only when they match.
    static func masterRows<T>(_ db: Database, table: String, key: String, wanted: [String],
                              read: (Row) throws -> T) throws -> [T] {
        guard !wanted.isEmpty else { return [] }
        let statement = try db.cachedStatement(sql: "SELECT * FROM \(table) ORDER BY \(key)")
        guard let keyIndex = statement.index(ofColumn: key) else {
            throw StoreError.damagedRow(table: table, id: key, detail: "no column \"\(key)\"")
        }
        var found: [T] = []
        let cursor = try Row.fetchCursor(statement)
        while let entry = try cursor.next() {
            let id: String = try entry.decode(atIndex: keyIndex)
            // A few wanted keys: comparing is cheaper than hashing every id (same Swift equality).
            if wanted.contains(id) { found.append(try read(entry)) }
        }
        return found
    }
}
