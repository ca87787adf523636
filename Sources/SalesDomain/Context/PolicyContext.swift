/// Everything a decision may look at besides the request: the date, the org, master data and
/// earlier documents. Read from a `--context` file (see `InputDecoder.context`) or filled by the
/// store. Lookups are by id through dictionaries built once at initialization.
public struct PolicyContext: Sendable, Equatable, Encodable {
    /// The only clock a policy sees; nil when not given.
    public let today: Day?
    public let branches: [Branch]
    public let users: [User]
    public let customers: [Customer]
    public let products: [Product]
    public let documents: [StoredDocument]

    private let branchIndex: [String: Int]
    private let userIndex: [String: Int]
    private let customerIndex: [String: Int]
    private let productIndex: [String: Int]
    private let documentIndex: [String: Int]

    /// Builds the context and its indexes. With duplicate ids the first one wins (the input decoder
    /// rejects duplicates with an error instead).
    public init(today: Day? = nil, branches: [Branch] = [], users: [User] = [], customers: [Customer] = [],
                products: [Product] = [], documents: [StoredDocument] = []) {
        self.today = today
        self.branches = branches
        self.users = users
        self.customers = customers
        self.products = products
        self.documents = documents
        func index<T>(_ items: [T], _ key: (T) -> String) -> [String: Int] {
            var result: [String: Int] = [:]
            for (offset, item) in items.enumerated() where result[key(item)] == nil {
                result[key(item)] = offset
            }
            return result
        }
        branchIndex = index(branches, \.id)
        userIndex = index(users, \.id)
        customerIndex = index(customers, \.id)
        productIndex = index(products, \.sku)
        documentIndex = index(documents, \.id)
    }

    /// An empty context (no org, no master data) for stateless use with inline customers.
    public static let empty = PolicyContext()

    public func branch(_ id: String) -> Branch? { branchIndex[id].map { branches[$0] } }
    public func user(_ id: String) -> User? { userIndex[id].map { users[$0] } }
    public func customer(_ id: String) -> Customer? { customerIndex[id].map { customers[$0] } }
    public func product(_ sku: String) -> Product? { productIndex[sku].map { products[$0] } }
    public func document(_ id: String) -> StoredDocument? { documentIndex[id].map { documents[$0] } }

    public static func == (lhs: PolicyContext, rhs: PolicyContext) -> Bool {
        lhs.today == rhs.today && lhs.branches == rhs.branches && lhs.users == rhs.users
            && lhs.customers == rhs.customers && lhs.products == rhs.products && lhs.documents == rhs.documents
    }

    enum CodingKeys: String, CodingKey {
        case today, branches, users, customers, products, documents
    }

    /// The context-file shape; `InputDecoder.context(from:file:)` reads the JSON back.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(today, forKey: .today)
        try container.encode(branches, forKey: .branches)
        try container.encode(users, forKey: .users)
        try container.encode(customers, forKey: .customers)
        try container.encode(products, forKey: .products)
        try container.encode(documents, forKey: .documents)
    }
}
