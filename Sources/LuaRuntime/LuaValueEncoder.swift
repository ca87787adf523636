import Foundation
import Money

/// Encodes any `Encodable` value straight into the wire bytes the C shim turns into Lua tables,
/// with no intermediate tree: this is the hot path of every evaluation.
///
/// Mapping: structs and dictionaries → tables with string keys (integer keys for `[Int: V]`),
/// arrays → sequences, `Money` → the exact `money` type, `LuaValue` → itself, `Decimal` → its
/// exact decimal text, integers → Lua integers (a `UInt64` above `Int64.max` is an error), floats
/// → Lua floats, `nil` optionals → absent fields. Keys are used as given: give Lua-facing types
/// snake_case `CodingKeys`.
///
/// Encoding must be sequential (each value finished before its sibling starts), which every
/// synthesized `Encodable` conformance is; a conformance that interleaves containers gets an
/// `EncodingError` instead of a wrong table.
public struct LuaValueEncoder {
    public init() {}

    /// Encodes `value` as a single wire value.
    func encodeValue<T: Encodable>(_ value: T, into writer: inout LuaWireWriter) throws {
        let sink = LuaWireSink(writer: writer)
        writer = LuaWireWriter()  // the sink owns the bytes while encoding
        defer { writer = sink.writer }
        try sink.encodeSlot(value, depth: 0)
        sink.closeDeeper(than: -1)
        if let failure = sink.failure { throw failure }
    }

    /// Encodes `value` and converts the result to a `LuaValue` (handy in tests and tools).
    public func encode<T: Encodable>(_ value: T) throws -> LuaValue {
        var writer = LuaWireWriter()
        try encodeValue(value, into: &writer)
        return try writer.bytes.withUnsafeBytes { raw in
            var reader = LuaWireReader(raw)
            do { return try reader.readValue(depth: 0) } catch { throw LuaError.host("malformed encoding") }
        }
    }
}

/// The shared state of one encoding: the bytes and the tables still open.
final class LuaWireSink {
    struct OpenTable {
        let offset: Int
        let depth: Int
        let slot: Int
        let id: Int
        let keyed: Bool
        var count: Int
    }

    var writer: LuaWireWriter
    var open: [OpenTable] = []
    var nextID = 0
    var nextSlot = 0
    var failure: EncodingError?

    init(writer: LuaWireWriter) {
        self.writer = writer
        open.reserveCapacity(16)
    }

    func fail(_ message: String) {
        if failure == nil {
            failure = EncodingError.invalidValue((), .init(codingPath: [], debugDescription: message))
        }
    }

    /// Ends every table nested deeper than `depth`: their last value is complete.
    func closeDeeper(than depth: Int) {
        while let last = open.last, last.depth > depth {
            open.removeLast()
            writer.endTable(
                at: last.offset, arrayCount: last.keyed ? 0 : last.count, fieldCount: last.keyed ? last.count : 0)
        }
    }

    /// Makes table `id` (at `depth`) current for a write; false if it was already closed.
    func prepareWrite(depth: Int, id: Int) -> Bool {
        closeDeeper(than: depth)
        guard let last = open.last, last.id == id else {
            fail("values must be encoded one after another (a container was used after a sibling started)")
            return false
        }
        open[open.count - 1].count += 1
        return true
    }

    func openTable(depth: Int, slot: Int, keyed: Bool) -> Int {
        closeDeeper(than: depth)  // whatever a previous container of this value nested is complete
        if let last = open.last, last.slot == slot, last.depth == depth {
            return last.id  // a second container request for the same value (e.g. a superclass)
        }
        let id = nextID
        nextID += 1
        open.append(OpenTable(offset: writer.beginTable(), depth: depth, slot: slot, id: id, keyed: keyed, count: 0))
        return id
    }

    /// Encodes one value into the slot at `depth` (a field value, array element or the root).
    func encodeSlot<T: Encodable>(_ value: T, depth: Int) throws {
        if T.self == Money.self, let money = value as? Money {
            writer.writeMoney(money)
            return
        }
        if T.self == LuaValue.self, let lua = value as? LuaValue {
            writer.write(lua)
            return
        }
        if T.self == Decimal.self, let decimal = value as? Decimal {
            writer.writeString(decimal.description)
            return
        }
        let before = writer.count
        let slot = nextSlot
        nextSlot += 1
        try value.encode(to: LuaSlotEncoder(sink: self, depth: depth, slot: slot))
        if writer.count == before { writer.writeNil() }
    }

    func writeKey<K: CodingKey>(_ key: K) {
        if let int = key.intValue, key.stringValue == String(int) {
            writer.writeInteger(Int64(int))
        } else {
            writer.writeString(key.stringValue)
        }
    }

    func writeInteger<I: BinaryInteger>(_ value: I) {
        guard let v = Int64(exactly: value) else {
            fail("\(value) does not fit a Lua integer (64-bit signed)")
            writer.writeNil()
            return
        }
        writer.writeInteger(v)
    }
}

struct LuaSlotEncoder: Encoder {
    let sink: LuaWireSink
    let depth: Int
    let slot: Int

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let id = sink.openTable(depth: depth, slot: slot, keyed: true)
        return KeyedEncodingContainer(LuaKeyedEncoding<Key>(sink: sink, depth: depth, id: id))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let id = sink.openTable(depth: depth, slot: slot, keyed: false)
        return LuaUnkeyedEncoding(sink: sink, depth: depth, id: id)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        LuaSingleValueEncoding(sink: sink, depth: depth)
    }
}

struct LuaKeyedEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let sink: LuaWireSink
    let depth: Int
    let id: Int
    var codingPath: [any CodingKey] { [] }

    private func begin(_ key: Key) -> Bool {
        guard sink.prepareWrite(depth: depth, id: id) else { return false }
        sink.writeKey(key)
        return true
    }

    mutating func encodeNil(forKey key: Key) throws {
        if begin(key) { sink.writer.writeNil() }
    }
    mutating func encode(_ value: Bool, forKey key: Key) throws { if begin(key) { sink.writer.writeBool(value) } }
    mutating func encode(_ value: String, forKey key: Key) throws { if begin(key) { sink.writer.writeString(value) } }
    mutating func encode(_ value: Double, forKey key: Key) throws { if begin(key) { sink.writer.writeNumber(value) } }
    mutating func encode(_ value: Float, forKey key: Key) throws { if begin(key) { sink.writer.writeNumber(Double(value)) } }
    mutating func encode(_ value: Int, forKey key: Key) throws { if begin(key) { sink.writer.writeInteger(Int64(value)) } }
    mutating func encode(_ value: Int8, forKey key: Key) throws { if begin(key) { sink.writeInteger(value) } }
    mutating func encode(_ value: Int16, forKey key: Key) throws { if begin(key) { sink.writeInteger(value) } }
    mutating func encode(_ value: Int32, forKey key: Key) throws { if begin(key) { sink.writeInteger(value) } }
    mutating func encode(_ value: Int64, forKey key: Key) throws { if begin(key) { sink.writer.writeInteger(value) } }
    mutating func encode(_ value: UInt, forKey key: Key) throws { if begin(key) { sink.writeInteger(value) } }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { if begin(key) { sink.writeInteger(value) } }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { if begin(key) { sink.writeInteger(value) } }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { if begin(key) { sink.writeInteger(value) } }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { if begin(key) { sink.writeInteger(value) } }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        if begin(key) { try sink.encodeSlot(value, depth: depth + 1) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        _ = begin(key)
        let slot = sink.nextSlot
        sink.nextSlot += 1
        return LuaSlotEncoder(sink: sink, depth: depth + 1, slot: slot).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        _ = begin(key)
        let slot = sink.nextSlot
        sink.nextSlot += 1
        return LuaSlotEncoder(sink: sink, depth: depth + 1, slot: slot).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        if sink.prepareWrite(depth: depth, id: id) { sink.writer.writeString("super") }
        let slot = sink.nextSlot
        sink.nextSlot += 1
        return LuaSlotEncoder(sink: sink, depth: depth + 1, slot: slot)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        _ = begin(key)
        let slot = sink.nextSlot
        sink.nextSlot += 1
        return LuaSlotEncoder(sink: sink, depth: depth + 1, slot: slot)
    }
}

struct LuaUnkeyedEncoding: UnkeyedEncodingContainer {
    let sink: LuaWireSink
    let depth: Int
    let id: Int
    var codingPath: [any CodingKey] { [] }
    var count: Int { sink.open.first(where: { $0.id == id })?.count ?? 0 }

    private func begin() -> Bool { sink.prepareWrite(depth: depth, id: id) }

    mutating func encodeNil() throws { if begin() { sink.writer.writeNil() } }
    mutating func encode(_ value: Bool) throws { if begin() { sink.writer.writeBool(value) } }
    mutating func encode(_ value: String) throws { if begin() { sink.writer.writeString(value) } }
    mutating func encode(_ value: Double) throws { if begin() { sink.writer.writeNumber(value) } }
    mutating func encode(_ value: Float) throws { if begin() { sink.writer.writeNumber(Double(value)) } }
    mutating func encode(_ value: Int) throws { if begin() { sink.writer.writeInteger(Int64(value)) } }
    mutating func encode(_ value: Int8) throws { if begin() { sink.writeInteger(value) } }
    mutating func encode(_ value: Int16) throws { if begin() { sink.writeInteger(value) } }
    mutating func encode(_ value: Int32) throws { if begin() { sink.writeInteger(value) } }
    mutating func encode(_ value: Int64) throws { if begin() { sink.writer.writeInteger(value) } }
    mutating func encode(_ value: UInt) throws { if begin() { sink.writeInteger(value) } }
    mutating func encode(_ value: UInt8) throws { if begin() { sink.writeInteger(value) } }
    mutating func encode(_ value: UInt16) throws { if begin() { sink.writeInteger(value) } }
    mutating func encode(_ value: UInt32) throws { if begin() { sink.writeInteger(value) } }
    mutating func encode(_ value: UInt64) throws { if begin() { sink.writeInteger(value) } }
    mutating func encode<T: Encodable>(_ value: T) throws {
        if begin() { try sink.encodeSlot(value, depth: depth + 1) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        _ = begin()
        let slot = sink.nextSlot
        sink.nextSlot += 1
        return LuaSlotEncoder(sink: sink, depth: depth + 1, slot: slot).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        _ = begin()
        let slot = sink.nextSlot
        sink.nextSlot += 1
        return LuaSlotEncoder(sink: sink, depth: depth + 1, slot: slot).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        _ = begin()
        let slot = sink.nextSlot
        sink.nextSlot += 1
        return LuaSlotEncoder(sink: sink, depth: depth + 1, slot: slot)
    }
}

struct LuaSingleValueEncoding: SingleValueEncodingContainer {
    let sink: LuaWireSink
    let depth: Int
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { sink.writer.writeNil() }
    mutating func encode(_ value: Bool) throws { sink.writer.writeBool(value) }
    mutating func encode(_ value: String) throws { sink.writer.writeString(value) }
    mutating func encode(_ value: Double) throws { sink.writer.writeNumber(value) }
    mutating func encode(_ value: Float) throws { sink.writer.writeNumber(Double(value)) }
    mutating func encode(_ value: Int) throws { sink.writer.writeInteger(Int64(value)) }
    mutating func encode(_ value: Int8) throws { sink.writeInteger(value) }
    mutating func encode(_ value: Int16) throws { sink.writeInteger(value) }
    mutating func encode(_ value: Int32) throws { sink.writeInteger(value) }
    mutating func encode(_ value: Int64) throws { sink.writer.writeInteger(value) }
    mutating func encode(_ value: UInt) throws { sink.writeInteger(value) }
    mutating func encode(_ value: UInt8) throws { sink.writeInteger(value) }
    mutating func encode(_ value: UInt16) throws { sink.writeInteger(value) }
    mutating func encode(_ value: UInt32) throws { sink.writeInteger(value) }
    mutating func encode(_ value: UInt64) throws { sink.writeInteger(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try sink.encodeSlot(value, depth: depth) }
}
