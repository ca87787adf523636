/// A mapping whose keys were checked against the fields its place allows (see
/// `InputValue.mapping(fields:)`). Reads fields by name; a required field that is absent or null
/// is an error naming its full path at the mapping's line.
public struct InputMapping {
    struct Entry {
        let key: String
        let value: InputValue
    }

    /// The mapping node itself.
    public let owner: InputValue
    let entries: [Entry]

    /// The value of `key`, if present (even if null).
    public func value(_ key: String) -> InputValue? {
        entries.first { $0.key == key }?.value
    }

    /// Whether `key` is present with a non-null value.
    public func has(_ key: String) -> Bool {
        guard let value = value(key) else { return false }
        return !value.isNull
    }

    /// Decodes a field that must be present and not null.
    public func required<T>(_ key: String, _ decode: (InputValue) throws(InputError) -> T) throws(InputError) -> T {
        let found = value(key)
        guard let value = found, !value.isNull else {
            throw InputError(file: owner.file, line: found?.line ?? owner.line, path: owner.path.appending(key),
                             category: .missingField, message: "required field is missing")
        }
        return try decode(value)
    }

    /// Decodes a field that may be absent or null (`nil` then).
    public func optional<T>(_ key: String, _ decode: (InputValue) throws(InputError) -> T) throws(InputError) -> T? {
        guard let value = value(key), !value.isNull else { return nil }
        return try decode(value)
    }
}
