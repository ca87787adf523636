import Foundation

/// The one JSON form the store writes: compact, sorted keys, so equal values are equal bytes
/// (the audit chain and the coverage hashes depend on it).
enum StoreJSON {
    /// The text of `value`; `CompactJSONEncoder` writes it when it can (the same bytes, cheaper),
    /// else Foundation's encoder does — which also reports any error.
    static func encode<T: Encodable>(_ value: T) throws -> String {
        if let text = CompactJSONEncoder.encode(value) { return text }
        return try foundationEncode(value)
    }

    /// The reference form, with Foundation's `JSONEncoder`.
    static func foundationEncode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// An object's text from its members' already-encoded values: the members in the order
    /// `encode` sorts keys (by UTF-8 bytes), so it is the very text `encode` gives for the object
    /// whose members these are. Lets a caller reuse a part it has encoded anyway.
    static func object(_ members: [(key: String, json: String)]) throws -> String {
        var text = "{"
        for (index, member) in members.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }).enumerated() {
            if index > 0 { text += "," }
            text += try encode(member.key) + ":" + member.json
        }
        return text + "}"
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
