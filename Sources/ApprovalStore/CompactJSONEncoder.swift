import Foundation

/// Writes the same bytes as Foundation's `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]`
/// (the form `StoreJSON` stores and hashes), for less work: no boxing per value, no `Data`.
///
/// Contract: `encode` returns exactly the text `JSONEncoder` would, or nil when the value takes a
/// path this encoder does not reproduce — then the caller uses `JSONEncoder` itself (so results
/// and errors never differ). It reproduces: keys sorted by their UTF-8 bytes; strings escaped as
/// Foundation does (`"` `\` and C0 controls, `/` left alone); integers and booleans as text;
/// doubles as their `description` without a trailing `.0`. It leaves to Foundation: dates, data,
/// URLs, decimals, `Float`s, non-finite doubles, nested/super encoders, a key written twice in
/// one object, a value that encodes nothing, and any error thrown while encoding.
enum CompactJSONEncoder {
    static func encode<T: Encodable>(_ value: T) -> String? {
        let state = EncodingState()
        guard let node = try? state.wrap(value), !state.unsupported else { return nil }
        var writer = Writer()
        guard writer.write(node) else { return nil }
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

/// A value on its way to text.
private enum EncodedValue {
    case null
    case bool(Bool)
    /// Number text, ready to write.
    case number(String)
    case string(String)
    case array(ArrayBox)
    case object(ObjectBox)
}

private final class ArrayBox {
    var items: [EncodedValue] = []
}

private final class ObjectBox {
    var members: [(key: String, value: EncodedValue)] = []
}

/// Shared by every encoder and container of one `encode` call.
private final class EncodingState {
    /// Set when the value took a path Foundation handles differently (see the type's contract).
    var unsupported = false

    func wrap<T: Encodable>(_ value: T) throws -> EncodedValue {
        let type = T.self
        if type == String.self, let value = value as? String { return .string(value) }
        if type == Int.self, let value = value as? Int { return .number(String(value)) }
        if type == Int64.self, let value = value as? Int64 { return .number(String(value)) }
        if type == Bool.self, let value = value as? Bool { return .bool(value) }
        if type == Double.self, let value = value as? Double { return number(value) }
        // Foundation writes these its own way (dates, data, URLs, decimals; floats by strategy).
        if type == Date.self || type == Data.self || type == URL.self || type == Decimal.self || type == Float.self {
            unsupported = true
            return .null
        }
        let encoder = NodeEncoder(state: self)
        try value.encode(to: encoder)
        guard let node = encoder.node else {
            unsupported = true
            return .null
        }
        return node
    }

    /// nil for non-finite values (Foundation throws, or converts by strategy).
    static func double(_ value: Double) -> EncodedValue? {
        guard value.isFinite else { return nil }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return .number(text)
    }

    func number(_ value: Double) -> EncodedValue {
        if let node = Self.double(value) { return node }
        unsupported = true
        return .null
    }
}

private final class NodeEncoder: Encoder {
    let state: EncodingState
    var node: EncodedValue?
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(state: EncodingState) { self.state = state }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        switch node {
        case .object(let box):
            return KeyedEncodingContainer(KeyedContainer(state: state, box: box))
        case nil:
            let box = ObjectBox()
            node = .object(box)
            return KeyedEncodingContainer(KeyedContainer(state: state, box: box))
        default:
            state.unsupported = true
            return KeyedEncodingContainer(KeyedContainer(state: state, box: ObjectBox()))
        }
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        switch node {
        case .array(let box):
            return UnkeyedContainer(state: state, box: box)
        case nil:
            let box = ArrayBox()
            node = .array(box)
            return UnkeyedContainer(state: state, box: box)
        default:
            state.unsupported = true
            return UnkeyedContainer(state: state, box: ArrayBox())
        }
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(encoder: self)
    }

    /// The single value container's one write.
    func set(_ value: EncodedValue) {
        if node != nil { state.unsupported = true }
        node = value
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let state: EncodingState
    let box: ObjectBox
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { box.members.append((key.stringValue, .null)) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { box.members.append((key.stringValue, .bool(value))) }
    mutating func encode(_ value: String, forKey key: Key) throws { box.members.append((key.stringValue, .string(value))) }
    mutating func encode(_ value: Double, forKey key: Key) throws { box.members.append((key.stringValue, state.number(value))) }
    mutating func encode(_ value: Float, forKey key: Key) throws { state.unsupported = true }
    mutating func encode(_ value: Int, forKey key: Key) throws { box.members.append((key.stringValue, .number(String(value)))) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { box.members.append((key.stringValue, .number(String(value)))) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { box.members.append((key.stringValue, .number(String(value)))) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { box.members.append((key.stringValue, .number(String(value)))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { box.members.append((key.stringValue, .number(String(value)))) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { box.members.append((key.stringValue, .number(String(value)))) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { box.members.append((key.stringValue, .number(String(value)))) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { box.members.append((key.stringValue, .number(String(value)))) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { box.members.append((key.stringValue, .number(String(value)))) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { box.members.append((key.stringValue, .number(String(value)))) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        box.members.append((key.stringValue, try state.wrap(value)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        state.unsupported = true
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(state: state, box: ObjectBox()))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        state.unsupported = true
        return UnkeyedContainer(state: state, box: ArrayBox())
    }

    mutating func superEncoder() -> any Encoder {
        state.unsupported = true
        return NodeEncoder(state: state)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        state.unsupported = true
        return NodeEncoder(state: state)
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let state: EncodingState
    let box: ArrayBox
    var codingPath: [any CodingKey] { [] }
    var count: Int { box.items.count }

    mutating func encodeNil() throws { box.items.append(.null) }
    mutating func encode(_ value: Bool) throws { box.items.append(.bool(value)) }
    mutating func encode(_ value: String) throws { box.items.append(.string(value)) }
    mutating func encode(_ value: Double) throws { box.items.append(state.number(value)) }
    mutating func encode(_ value: Float) throws { state.unsupported = true }
    mutating func encode(_ value: Int) throws { box.items.append(.number(String(value))) }
    mutating func encode(_ value: Int8) throws { box.items.append(.number(String(value))) }
    mutating func encode(_ value: Int16) throws { box.items.append(.number(String(value))) }
    mutating func encode(_ value: Int32) throws { box.items.append(.number(String(value))) }
    mutating func encode(_ value: Int64) throws { box.items.append(.number(String(value))) }
    mutating func encode(_ value: UInt) throws { box.items.append(.number(String(value))) }
    mutating func encode(_ value: UInt8) throws { box.items.append(.number(String(value))) }
    mutating func encode(_ value: UInt16) throws { box.items.append(.number(String(value))) }
    mutating func encode(_ value: UInt32) throws { box.items.append(.number(String(value))) }
    mutating func encode(_ value: UInt64) throws { box.items.append(.number(String(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws { box.items.append(try state.wrap(value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        state.unsupported = true
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(state: state, box: ObjectBox()))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        state.unsupported = true
        return UnkeyedContainer(state: state, box: ArrayBox())
    }

    mutating func superEncoder() -> any Encoder {
        state.unsupported = true
        return NodeEncoder(state: state)
    }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let encoder: NodeEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { encoder.set(.null) }
    mutating func encode(_ value: Bool) throws { encoder.set(.bool(value)) }
    mutating func encode(_ value: String) throws { encoder.set(.string(value)) }
    mutating func encode(_ value: Double) throws { encoder.set(encoder.state.number(value)) }
    mutating func encode(_ value: Float) throws { encoder.state.unsupported = true }
    mutating func encode(_ value: Int) throws { encoder.set(.number(String(value))) }
    mutating func encode(_ value: Int8) throws { encoder.set(.number(String(value))) }
    mutating func encode(_ value: Int16) throws { encoder.set(.number(String(value))) }
    mutating func encode(_ value: Int32) throws { encoder.set(.number(String(value))) }
    mutating func encode(_ value: Int64) throws { encoder.set(.number(String(value))) }
    mutating func encode(_ value: UInt) throws { encoder.set(.number(String(value))) }
    mutating func encode(_ value: UInt8) throws { encoder.set(.number(String(value))) }
    mutating func encode(_ value: UInt16) throws { encoder.set(.number(String(value))) }
    mutating func encode(_ value: UInt32) throws { encoder.set(.number(String(value))) }
    mutating func encode(_ value: UInt64) throws { encoder.set(.number(String(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws { encoder.set(try encoder.state.wrap(value)) }
}

/// The serializer: compact, keys sorted by UTF-8 bytes, Foundation's escapes.
private struct Writer {
    var bytes: [UInt8] = []
    private static let hex = Array("0123456789abcdef".utf8)

    init() { bytes.reserveCapacity(512) }

    /// false when an object holds a key twice (Foundation keeps the last; left to it).
    mutating func write(_ node: EncodedValue) -> Bool {
        switch node {
        case .null: bytes.append(contentsOf: "null".utf8)
        case .bool(let value): bytes.append(contentsOf: (value ? "true" : "false").utf8)
        case .number(let text): bytes.append(contentsOf: text.utf8)
        case .string(let text): write(string: text)
        case .array(let box):
            bytes.append(UInt8(ascii: "["))
            for (index, item) in box.items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                guard write(item) else { return false }
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let box):
            if box.members.count > 1 {
                box.members.sort { Self.precedes($0.key, $1.key) }
                guard Self.distinct(box.members) else { return false }
            }
            bytes.append(UInt8(ascii: "{"))
            for index in box.members.indices {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(string: box.members[index].key)
                bytes.append(UInt8(ascii: ":"))
                guard write(box.members[index].value) else { return false }
            }
            bytes.append(UInt8(ascii: "}"))
        }
        return true
    }

    /// Foundation's key order: `a.utf8.lexicographicallyPrecedes(b.utf8)`, by comparing the bytes.
    static func precedes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { left in
            b.withUTF8 { right in
                let common = min(left.count, right.count)
                if common > 0, let l = left.baseAddress, let r = right.baseAddress {
                    let order = memcmp(l, r, common)
                    if order != 0 { return order < 0 }
                }
                return left.count < right.count
            }
        }
    }

    /// No two keys equal as Swift strings (what Foundation's dictionary of members goes by), given
    /// members sorted by bytes. ASCII keys are equal only when their bytes are, so neighbours
    /// suffice for them; otherwise a set decides.
    static func distinct(_ members: [(key: String, value: EncodedValue)]) -> Bool {
        var ascii = true
        for index in members.indices {
            if ascii && !members[index].key.utf8.allSatisfy({ $0 < 0x80 }) { ascii = false }
            if index > 0 && members[index - 1].key.utf8.elementsEqual(members[index].key.utf8) { return false }
        }
        return ascii || Set(members.map(\.key)).count == members.count
    }

    mutating func write(string: String) {
        bytes.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0c: bytes.append(UInt8(ascii: "f"))
                case 0x0a: bytes.append(UInt8(ascii: "n"))
                case 0x0d: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                              Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 0x0f)]])
                }
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<utf8.count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
