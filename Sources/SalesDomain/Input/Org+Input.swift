/// Input shapes of the org: `{ id, name }` branches and `{ id, name, roles, branch }` users.
extension Branch: InputDecodable {
    public static let fields = ["id", "name"]

    public init(from input: InputValue) throws(InputError) {
        let map = try input.mapping(fields: Self.fields)
        self.init(id: try map.required("id") { v throws(InputError) in try v.identifier() },
                  name: try map.required("name") { v throws(InputError) in try v.identifier("a name") })
    }
}

extension User: InputDecodable {
    public static let fields = ["id", "name", "roles", "branch"]

    public init(from input: InputValue) throws(InputError) {
        let map = try input.mapping(fields: Self.fields)
        let id = try map.required("id") { v throws(InputError) in try v.identifier() }
        let name = try map.required("name") { v throws(InputError) in try v.identifier("a name") }
        let roles = try map.required("roles") { v throws(InputError) -> [Role] in
            var roles: [Role] = []
            for element in try v.nonEmptyList(of: "role") {
                let role = try element.oneOf(Role.self)
                guard !roles.contains(role) else { throw element.error(.duplicateField, "role \(role) listed twice") }
                roles.append(role)
            }
            return roles
        }
        let branch = try map.optional("branch") { v throws(InputError) in try v.identifier("a branch id") }
        self.init(id: id, name: name, roles: roles, branch: branch)
    }
}
