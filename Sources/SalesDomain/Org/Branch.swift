/// A regional sales branch (分部). Steps scoped to `branch` go to users of the request's branch.
public struct Branch: Sendable, Hashable, Encodable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}
