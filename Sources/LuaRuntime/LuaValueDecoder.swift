import Foundation
import Money

/// Decodes a `LuaValue` (typically what a script returned) into a `Decodable` type.
///
/// Errors are `LuaError.value` with the path in Lua terms and what was expected, e.g.
/// `lines[3].qty: expected integer, got string` (sequence indexes are 1-based, as in Lua).
/// Integers decode into any integer type that holds them; a float decodes into an integer type
/// only when it is whole. `Money` decodes from a money value or from text in yuan ("12.50"),
/// never from a number (a float could not be exact). Unknown fields are ignored.
public struct LuaValueDecoder {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from value: LuaValue) throws(LuaError) -> T {
        do {
            return try LuaValueDecoding(value: value, codingPath: []).decodeValue(T.self)
        } catch let error as DecodingError {
            throw .value(Self.describe(error))
        } catch let error as LuaError {
            throw error
        } catch {
            throw .value("\(error)")
        }
    }

    /// `lines[3].qty: expected integer, got string`.
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return prefix(context.codingPath) + context.debugDescription
        case .keyNotFound(let key, let context):
            return prefix(context.codingPath + [key]) + "missing"
        @unknown default:
            return "\(error)"
        }
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue, key is LuaIndexKey {
                text += "[\(index + 1)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text
    }

    private static func prefix(_ codingPath: [any CodingKey]) -> String {
        let p = path(codingPath)
        return p.isEmpty ? "" : p + ": "
    }
}

/// An index into a Lua sequence, 0-based like Swift's own `Index n` keys.
struct LuaIndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { return nil }
    init?(intValue: Int) { self.intValue = intValue }
}

struct LuaStringKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}

struct LuaValueDecoding: Decoder {
    let value: LuaValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func mismatch(_ expected: String) -> DecodingError {
        .typeMismatch(Any.self, .init(codingPath: codingPath, debugDescription: "expected \(expected), got \(value.typeName)"))
    }

    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == Money.self {
            switch value {
            case .money(let m): return m as! T
            case .string(let s):
                do { return try Money(parsing: s) as! T } catch {
                    throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "\(error)"))
                }
            default: throw mismatch("money")
            }
        }
        if T.self == LuaValue.self { return value as! T }
        return try T(from: self)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .table(let table) = value else { throw mismatch("table") }
        return KeyedDecodingContainer(LuaKeyedDecoding<Key>(table: table, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .table(let table) = value else { throw mismatch("sequence (table)") }
        guard table.fields.isEmpty else {
            throw DecodingError.typeMismatch(
                Any.self, .init(codingPath: codingPath, debugDescription: "expected a sequence, got a table with named fields"))
        }
        return LuaUnkeyedDecoding(values: table.array, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        LuaSingleValueDecoding(decoder: self)
    }
}

struct LuaKeyedDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let table: LuaTable
    let codingPath: [any CodingKey]

    var allKeys: [Key] {
        table.fields.keys.compactMap { key -> Key? in
            switch key {
            case .string(let s): return Key(stringValue: s)
            case .integer(let i): return Key(intValue: Int(i)) ?? Key(stringValue: String(i))
            default: return nil
            }
        } + table.array.indices.compactMap { Key(intValue: $0 + 1) ?? Key(stringValue: String($0 + 1)) }
    }

    private func lookup(_ key: Key) -> LuaValue {
        if let v = table.fields[.string(key.stringValue)] { return v }
        if let i = key.intValue ?? Int(key.stringValue) {
            return table[i]
        }
        return .nil
    }

    func contains(_ key: Key) -> Bool { !lookup(key).isNil }

    func decoder(for key: Key) throws -> LuaValueDecoding {
        LuaValueDecoding(value: lookup(key), codingPath: codingPath + [key])
    }

    func decodeNil(forKey key: Key) throws -> Bool { lookup(key).isNil }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let value = lookup(key)
        if value.isNil, !(T.self == LuaValue.self) {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing"))
        }
        return try LuaValueDecoding(value: value, codingPath: codingPath + [key]).decodeValue(T.self)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        let value = lookup(key)
        if value.isNil { return nil }
        return try LuaValueDecoding(value: value, codingPath: codingPath + [key]).decodeValue(T.self)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder(for: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder(for: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        LuaValueDecoding(value: table["super"], codingPath: codingPath + [LuaStringKey("super")])
    }

    func superDecoder(forKey key: Key) throws -> any Decoder { try decoder(for: key) }
}

struct LuaUnkeyedDecoding: UnkeyedDecodingContainer {
    let values: [LuaValue]
    let codingPath: [any CodingKey]
    var currentIndex = 0

    init(values: [LuaValue], codingPath: [any CodingKey]) {
        self.values = values
        self.codingPath = codingPath
    }

    var count: Int? { values.count }
    var isAtEnd: Bool { currentIndex >= values.count }

    private mutating func next() throws -> LuaValueDecoding {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                Any.self, .init(codingPath: codingPath + [LuaIndexKey(currentIndex)], debugDescription: "expected more elements"))
        }
        defer { currentIndex += 1 }
        return LuaValueDecoding(value: values[currentIndex], codingPath: codingPath + [LuaIndexKey(currentIndex)])
    }

    mutating func decodeNil() throws -> Bool {
        if !isAtEnd, values[currentIndex].isNil {
            currentIndex += 1
            return true
        }
        return false
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decodeValue(T.self) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }

    mutating func superDecoder() throws -> any Decoder { try next() }
}

struct LuaSingleValueDecoding: SingleValueDecodingContainer {
    let decoder: LuaValueDecoding
    var codingPath: [any CodingKey] { decoder.codingPath }
    var value: LuaValue { decoder.value }

    func decodeNil() -> Bool { value.isNil }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .boolean(let b) = value else { throw decoder.mismatch("boolean") }
        return b
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let s) = value else { throw decoder.mismatch("string") }
        return s
    }

    func decode(_ type: Double.Type) throws -> Double {
        switch value {
        case .number(let d): return d
        case .integer(let i): return Double(i)
        default: throw decoder.mismatch("number")
        }
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

    private func integer<I: FixedWidthInteger>(_: I.Type) throws -> I {
        switch value {
        case .integer(let i):
            guard let v = I(exactly: i) else {
                throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "\(i) does not fit \(I.self)"))
            }
            return v
        case .number(let d):
            guard let v = I(exactly: d) else { throw decoder.mismatch("integer") }
            return v
        default:
            throw decoder.mismatch("integer")
        }
    }

    func decode(_ type: Int.Type) throws -> Int { try integer(Int.self) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(Int8.self) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(Int16.self) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(Int32.self) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(Int64.self) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(UInt.self) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(UInt8.self) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(UInt16.self) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(UInt32.self) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(UInt64.self) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeValue(T.self) }
}
