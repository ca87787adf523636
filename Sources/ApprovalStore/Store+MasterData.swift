import Foundation
import GRDB
import Money
import SalesDomain

extension Store {
    /// Loads the org (branches, users with roles), customers, products and earlier documents from
    /// a YAML or JSON file in the context-file shape (docs/policy-api.md). All or nothing: the
    /// file is checked completely first (errors name line and field) and then written in one
    /// transaction. Rows with an existing id are updated. `today` in the file is ignored (the
    /// store's clock decides).
    @discardableResult
    public func importMasterData(file path: String, actor: String) throws(StoreError) -> ImportSummary {
        let context: PolicyContext
        // References to branches, customers and products already in the store are fine: each is
        // checked against the store as the rows go in, all in one transaction.
        do { context = try InputDecoder.context(contentsOf: path, checkingReferences: false) } catch { throw .input(error) }
        return try importMasterData(context, source: path, actor: actor)
    }

    /// Stores `context`'s master data (see `importMasterData(file:actor:)`).
    @discardableResult
    public func importMasterData(_ context: PolicyContext, source: String, actor: String) throws(StoreError) -> ImportSummary {
        try write { db in
            for branch in context.branches {
                try db.cachedStatement(sql: """
                    INSERT INTO branches (id, name) VALUES (?, ?)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name
                    """).execute(arguments: [branch.id, branch.name])
            }
            for user in context.users {
                if let branch = user.branch,
                   try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM branches WHERE id = ?"), arguments: [branch]) == nil {
                    throw StoreError.input(InputError(file: source, path: FieldPath([.key("users")]), category: .reference,
                                                      message: "user \"\(user.id)\": no branch \"\(branch)\""))
                }
                try db.cachedStatement(sql: """
                    INSERT INTO users (id, name, roles, branch) VALUES (?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, roles = excluded.roles, branch = excluded.branch
                    """).execute(arguments: [user.id, user.name, try StoreJSON.encode(user.roles.map(\.rawValue)), user.branch])
            }
            for customer in context.customers {
                try db.cachedStatement(sql: """
                    INSERT INTO customers (id, name, government, credit_limit_fen, overdue_fen) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, government = excluded.government,
                        credit_limit_fen = excluded.credit_limit_fen, overdue_fen = excluded.overdue_fen
                    """).execute(arguments: [customer.id, customer.name, customer.government, customer.creditLimit.fen,
                                     customer.overdue.fen])
            }
            for product in context.products {
                try db.cachedStatement(sql: """
                    INSERT INTO products (sku, name, unit, difficult, key, standard_specs, unit_cost_fen)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(sku) DO UPDATE SET name = excluded.name, unit = excluded.unit,
                        difficult = excluded.difficult, key = excluded.key,
                        standard_specs = excluded.standard_specs, unit_cost_fen = excluded.unit_cost_fen
                    """).execute(arguments: [product.sku, product.name, product.unit, product.difficult, product.key,
                                     try StoreJSON.encode(product.standardSpecs), product.unitCost?.fen])
            }
            for document in context.documents {
                if try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM cases WHERE id = ?"), arguments: [document.id]) != nil {
                    throw StoreError.duplicateID(document.id)
                }
                if try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM customers WHERE id = ?"), arguments: [document.customer]) == nil {
                    throw StoreError.input(InputError(file: source, path: FieldPath([.key("documents")]), category: .reference,
                                                      message: "document \"\(document.id)\": no customer \"\(document.customer)\""))
                }
                for line in document.document.lines
                where try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM products WHERE sku = ?"), arguments: [line.sku]) == nil {
                    throw StoreError.input(InputError(file: source, path: FieldPath([.key("documents")]), category: .reference,
                                                      message: "document \"\(document.id)\": no product \"\(line.sku)\""))
                }
                try db.cachedStatement(sql: """
                    INSERT INTO documents (id, kind, customer, body) VALUES (?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, customer = excluded.customer, body = excluded.body
                    """).execute(arguments: [document.id, document.kind.rawValue, document.customer,
                                     try StoreJSON.encode(document)])
            }
            let summary = ImportSummary(file: source, branches: context.branches.count, users: context.users.count,
                                        customers: context.customers.count, products: context.products.count,
                                        documents: context.documents.count)
            try AuditLog.append(db, at: now, actor: actor, event: "data.import", caseID: nil, data: summary)
            return summary
        }
    }

    // MARK: Reading master data back

    func loadUser(_ db: Database, _ id: String) throws -> User? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM users WHERE id = ?"), arguments: [id]).map(Self.user)
    }

    /// The user `id`, or `.unknownUser`.
    public func user(_ id: String) throws(StoreError) -> User {
        guard let user = try read({ db in try loadUser(db, id) }) else { throw .unknownUser(id) }
        return user
    }

    static func user(_ row: Row) throws -> User {
        let id: String = try row.decode(forColumn: "id")
        let roleIDs = try StringListColumn.decode(try row.decode(forColumn: "roles"))
        var roles: [Role] = []
        for raw in roleIDs {
            guard let role = Role(rawValue: raw) else {
                throw StoreError.damagedRow(table: "users", id: id, detail: "unknown role \"\(raw)\"")
            }
            roles.append(role)
        }
        return User(id: id, name: try row.decode(forColumn: "name"), roles: roles,
                    branch: try row.decode(forColumn: "branch"))
    }

    /// Branches, users, customers and products, with `today` from the clock (no documents).
    func masterData(_ db: Database) throws -> PolicyContext {
        let branches = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM branches ORDER BY id")).map(Self.branch)
        let users = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM users ORDER BY id")).map(Self.user)
        let customers = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM customers ORDER BY id")).map(Self.customer)
        let products = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM products ORDER BY sku")).map(Self.product)
        return PolicyContext(today: today, branches: branches, users: users, customers: customers, products: products)
    }

    static func branch(_ row: Row) throws -> Branch {
        Branch(id: try row.decode(forColumn: "id"), name: try row.decode(forColumn: "name"))
    }

    static func customer(_ row: Row) throws -> Customer {
        Customer(id: try row.decode(forColumn: "id"), name: try row.decode(forColumn: "name"),
                 government: try row.decode(forColumn: "government"),
                 creditLimit: Money(fen: try row.decode(forColumn: "credit_limit_fen")),
                 overdue: Money(fen: try row.decode(forColumn: "overdue_fen")))
    }

    static func product(_ row: Row) throws -> Product {
        let cost: Int64? = try row.decode(forColumn: "unit_cost_fen")
        return Product(sku: try row.decode(forColumn: "sku"), name: try row.decode(forColumn: "name"),
                       unit: try row.decode(forColumn: "unit"), difficult: try row.decode(forColumn: "difficult"),
                       key: try row.decode(forColumn: "key"),
                       standardSpecs: try StringListColumn.decode(try row.decode(forColumn: "standard_specs")),
                       unitCost: cost.map { Money(fen: $0) })
    }
}
