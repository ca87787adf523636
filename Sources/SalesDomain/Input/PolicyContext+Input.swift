/// The context-file shape (see `docs/policy-api.md`, "Context file"). Besides each entry's own
/// fields, the file is checked for internal consistency: ids are unique, a user's branch is a
/// listed branch, a stored document's customer and skus are listed, and only contracts carry
/// progress.
extension PolicyContext: InputDecodable {
    public static let fields = ["today", "branches", "users", "customers", "products", "documents"]

    public init(from input: InputValue) throws(InputError) {
        try self.init(from: input, checkingReferences: true)
    }

    /// - Parameter checkingReferences: whether a user's branch, a document's customer and its skus
    ///   must be in this same file. A master-data import checks them against the store instead,
    ///   so one file (say, users.csv) may refer to branches imported earlier.
    public init(from input: InputValue, checkingReferences: Bool) throws(InputError) {
        let map = try input.mapping(fields: Self.fields)
        let today = try map.optional("today") { v throws(InputError) in try v.day() }

        func entries<T>(_ key: String, id: (T) -> String, what: String,
                        _ decode: (InputValue) throws(InputError) -> T) throws(InputError) -> [(T, InputValue)] {
            try map.optional(key) { v throws(InputError) -> [(T, InputValue)] in
                var seen: [String: Int] = [:]
                var result: [(T, InputValue)] = []
                for (index, element) in try v.list().enumerated() {
                    let item = try decode(element)
                    if let first = seen[id(item)] {
                        throw element.error(.duplicateField,
                                            "duplicate \(what) \(InputText.quoted(id(item))) (also \(key)[\(first)])")
                    }
                    seen[id(item)] = index
                    result.append((item, element))
                }
                return result
            } ?? []
        }

        let branches = try entries("branches", id: \Branch.id, what: "branch id") { v throws(InputError) in try Branch(from: v) }
        let users = try entries("users", id: \User.id, what: "user id") { v throws(InputError) in try User(from: v) }
        let customers = try entries("customers", id: \Customer.id, what: "customer id") { v throws(InputError) in
            try Customer(from: v)
        }
        let products = try entries("products", id: \Product.sku, what: "product sku") { v throws(InputError) in
            try Product(from: v)
        }
        let documents = try entries("documents", id: \StoredDocument.id, what: "document id") { v throws(InputError) in
            try StoredDocument(from: v)
        }

        let branchIDs = Set(branches.map(\.0.id))
        for (user, element) in users where checkingReferences {
            if let branch = user.branch, !branchIDs.contains(branch) {
                let at = (try? element.mapping(fields: User.fields).value("branch")) ?? nil
                throw (at ?? element).error(.reference, "no branch \(InputText.quoted(branch)) in branches")
            }
        }
        let customerIDs = Set(customers.map(\.0.id))
        let skus = Set(products.map(\.0.sku))
        for (stored, element) in documents where checkingReferences {
            let fields = (try? element.mapping(fields: StoredDocument.fields)) ?? nil
            if !customerIDs.contains(stored.customer) {
                throw (fields?.value("customer") ?? element).error(
                    .reference, "no customer \(InputText.quoted(stored.customer)) in customers")
            }
            for (index, line) in stored.document.lines.enumerated() where !skus.contains(line.sku) {
                let at = element.path.appending("document").appending("lines").appending(index: index).appending("sku")
                throw InputError(file: element.file, line: element.line, path: at, category: .reference,
                                 message: "no product \(InputText.quoted(line.sku)) in products")
            }
        }

        self.init(today: today, branches: branches.map(\.0), users: users.map(\.0), customers: customers.map(\.0),
                  products: products.map(\.0), documents: documents.map(\.0))
    }
}

extension StoredDocument: InputDecodable {
    public static let fields = ["id", "kind", "customer", "document", "progress"]

    public init(from input: InputValue) throws(InputError) {
        let map = try input.mapping(fields: Self.fields)
        let id = try map.required("id") { v throws(InputError) in try v.identifier("a document id") }
        let kind = try map.required("kind") { v throws(InputError) in try v.oneOf(RequestKind.self) }
        let customer = try map.required("customer") { v throws(InputError) in try v.identifier("a customer id") }
        let document = try map.required("document") { v throws(InputError) in try Document(kind: kind, from: v) }
        let progress = try map.optional("progress") { v throws(InputError) -> ContractProgress in
            guard kind == .contract else {
                throw v.error(.unknownField, "only a contract has progress, this is \(kind.withArticle)")
            }
            return try ContractProgress(from: v)
        }
        self.init(id: id, customer: customer, document: document, progress: progress)
    }
}

extension ContractProgress: InputDecodable {
    public static let fields = ["shipped", "returned", "invoiced", "collected"]

    public init(from input: InputValue) throws(InputError) {
        let map = try input.mapping(fields: Self.fields)
        func quantities(_ key: String) throws(InputError) -> [String: Int64] {
            try map.optional(key) { v throws(InputError) -> [String: Int64] in
                var result: [String: Int64] = [:]
                for (sku, value) in try v.dictionary() { result[sku] = try value.nonNegativeInteger() }
                return result
            } ?? [:]
        }
        self.init(shipped: try quantities("shipped"), returned: try quantities("returned"),
                  invoiced: try map.optional("invoiced") { v throws(InputError) in try v.money() } ?? .zero,
                  collected: try map.optional("collected") { v throws(InputError) in try v.money() } ?? .zero)
    }
}
