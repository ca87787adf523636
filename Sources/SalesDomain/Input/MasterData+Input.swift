/// Input shapes of master data. Customers: `{ id, name, government?, credit_limit?, overdue? }`
/// (flags default to false, amounts to zero). Products: `{ sku, name, unit?, difficult?, key?,
/// standard_specs?, unit_cost? }`.
extension Customer: InputDecodable {
    public static let fields = ["id", "name", "government", "credit_limit", "overdue"]

    public init(from input: InputValue) throws(InputError) {
        let map = try input.mapping(fields: Self.fields)
        self.init(
            id: try map.required("id") { v throws(InputError) in try v.identifier() },
            name: try map.required("name") { v throws(InputError) in try v.identifier("a name") },
            government: try map.optional("government") { v throws(InputError) in try v.bool() } ?? false,
            creditLimit: try map.optional("credit_limit") { v throws(InputError) in try v.money() } ?? .zero,
            overdue: try map.optional("overdue") { v throws(InputError) in try v.money() } ?? .zero)
    }
}

extension Product: InputDecodable {
    public static let fields = ["sku", "name", "unit", "difficult", "key", "standard_specs", "unit_cost"]

    public init(from input: InputValue) throws(InputError) {
        let map = try input.mapping(fields: Self.fields)
        self.init(
            sku: try map.required("sku") { v throws(InputError) in try v.identifier("a sku") },
            name: try map.required("name") { v throws(InputError) in try v.identifier("a name") },
            unit: try map.optional("unit") { v throws(InputError) in try v.identifier("a unit") },
            difficult: try map.optional("difficult") { v throws(InputError) in try v.bool() } ?? false,
            key: try map.optional("key") { v throws(InputError) in try v.bool() } ?? false,
            standardSpecs: try map.optional("standard_specs") { v throws(InputError) -> [String] in
                var specs: [String] = []
                for element in try v.list() { specs.append(try element.identifier("a spec")) }
                return specs
            } ?? [],
            unitCost: try map.optional("unit_cost") { v throws(InputError) in try v.money() })
    }
}
