/// Decodes a column holding a JSON list of strings (a user's `roles`, a product's
/// `standard_specs`): read for every user and product each time master data is loaded.
///
/// Contract: exactly `StoreJSON.decode([String].self, from: text)` — the compact form the store
/// writes is read directly; anything else goes to that decoder (same result, same error).
enum StringListColumn {
    static func decode(_ text: String) throws -> [String] {
        if case .array(let items) = CompactJSON.parse(text) {
            var strings: [String] = []
            strings.reserveCapacity(items.count)
            for item in items {
                guard case .string(let string) = item else { return try StoreJSON.decode([String].self, from: text) }
                strings.append(string)
            }
            return strings
        }
        return try StoreJSON.decode([String].self, from: text)
    }
}
