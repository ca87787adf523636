/// A person who submits or signs off requests. `branch` is nil for head-office staff.
/// A user may hold several roles (e.g. a branch manager who also sells).
public struct User: Sendable, Hashable, Encodable {
    public var id: String
    public var name: String
    public var roles: [Role]
    public var branch: String?

    public init(id: String, name: String, roles: [Role], branch: String? = nil) {
        self.id = id
        self.name = name
        self.roles = roles
        self.branch = branch
    }

    public func has(_ role: Role) -> Bool { roles.contains(role) }
}
