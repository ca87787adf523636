/// What one master-data file put into the store (rows inserted or updated, by table).
public struct ImportSummary: Sendable, Hashable, Codable {
    public var file: String
    public var branches: Int
    public var users: Int
    public var customers: Int
    public var products: Int
    public var documents: Int
}
