/// A type read strictly from an `InputValue` (YAML or JSON node with its position).
/// Conformers list their fields exactly; anything else in the file is an error.
public protocol InputDecodable {
    init(from input: InputValue) throws(InputError)
}

extension InputValue {
    /// Decodes a conforming type at this node.
    public func decode<T: InputDecodable>(_ type: T.Type = T.self) throws(InputError) -> T {
        try T(from: self)
    }
}
