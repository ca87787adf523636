import Money

/// One value inside a run's result bytes (the wire encoding of `Sources/CLuaShim/wire.c`), read
/// in place: scalars are read when asked for and tables are walked without building a
/// `LuaValue` tree or any dictionary.
///
/// Why: a host that knows the shape of what a script returns (the policy engine's decision
/// table) pays more for materialising the generic tree than for everything it then does with it.
///
/// Contract:
/// - A view is valid only inside the `LuaState.run(_:globals:limits:readingFirst:)` body that
///   handed it out (it points into bytes the run frees afterwards): never keep one.
/// - Every view covers a value whose bytes were checked when it was made (bounds, tags, nesting
///   depth), so reading its scalars cannot fail; walking a table checks each element as it goes
///   and throws `LuaError.host("malformed results")` on bytes the shim could not have written.
public struct LuaWireValue {
    let bytes: UnsafeRawBufferPointer
    /// Offset of the value's tag.
    let offset: Int
    /// Offset just past the value.
    let end: Int

    /// The value whose tag is at `offset`, after checking its bytes.
    init(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(LuaError) {
        self.bytes = bytes
        self.offset = offset
        end = try Self.end(of: bytes, at: offset, depth: 0)
    }

    private var tag: UInt8 { bytes[offset] }

    /// The Lua type name, as `LuaValue.typeName` gives it (`money` for amounts; a function or
    /// other value that cannot cross says what it was).
    public var typeName: String {
        switch tag {
        case UInt8(ascii: "n"): "nil"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): "boolean"
        case UInt8(ascii: "i"): "integer"
        case UInt8(ascii: "d"): "number"
        case UInt8(ascii: "s"): "string"
        case UInt8(ascii: "m"): "money"
        case UInt8(ascii: "T"): "table"
        default: text
        }
    }

    public var isNil: Bool { tag == UInt8(ascii: "n") }

    /// The text of a string (invalid UTF-8 replaced, as in `LuaValue.string`), else nil.
    public var string: String? { tag == UInt8(ascii: "s") ? text : nil }

    /// Whether this is the string `name`, compared byte for byte without making a `String`.
    public func isString(_ name: StaticString) -> Bool {
        guard tag == UInt8(ascii: "s") else { return false }
        let length = Int(u32(at: offset + 1))
        guard length == name.utf8CodeUnitCount else { return false }
        let start = offset + 5
        return name.withUTF8Buffer { expected in
            for i in 0..<length where bytes[start + i] != expected[i] { return false }
            return true
        }
    }

    /// The value of an integer, else nil (a float is not an integer here, as in Lua 5.4).
    public var integer: Int64? {
        guard tag == UInt8(ascii: "i") else { return nil }
        return bytes.loadUnaligned(fromByteOffset: offset + 1, as: Int64.self)
    }

    /// The table, else nil.
    public var table: LuaWireTable? {
        guard tag == UInt8(ascii: "T") else { return nil }
        return LuaWireTable(bytes: bytes, header: offset, end: end,
                            arrayCount: Int(u32(at: offset + 1)), fieldCount: Int(u32(at: offset + 5)))
    }

    /// The whole value as a `LuaValue`, for the small parts a host keeps generic.
    public func decoded() throws(LuaError) -> LuaValue {
        var reader = LuaWireReader(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
        do {
            return try reader.readValue(depth: 0)
        } catch {
            throw .host("malformed results")
        }
    }

    /// The payload of an `s` or `x` value.
    private var text: String {
        let length = Int(u32(at: offset + 1))
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(offset + 5)..<(offset + 5 + length)]), as: UTF8.self)
    }

    private func u32(at position: Int) -> UInt32 {
        bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self)
    }

    /// Where the value at `offset` ends, checking every byte of it on the way; the same limits
    /// as `LuaWireReader` (nesting deeper than 256 is malformed).
    static func end(of bytes: UnsafeRawBufferPointer, at offset: Int, depth: Int) throws(LuaError) -> Int {
        guard depth <= 256, offset >= 0, offset < bytes.count else { throw .host("malformed results") }
        var position = offset + 1
        func take(_ n: Int) throws(LuaError) {
            guard n >= 0, bytes.count - position >= n else { throw .host("malformed results") }
            position += n
        }
        func count() throws(LuaError) -> Int {
            try take(4)
            return Int(bytes.loadUnaligned(fromByteOffset: position - 4, as: UInt32.self))
        }
        switch bytes[offset] {
        case UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "f"): break
        case UInt8(ascii: "i"), UInt8(ascii: "d"), UInt8(ascii: "m"): try take(8)
        case UInt8(ascii: "s"), UInt8(ascii: "x"): try take(try count())
        case UInt8(ascii: "T"):
            let values = try count() + 2 * count()
            for _ in 0..<values { position = try end(of: bytes, at: position, depth: depth + 1) }
        default: throw .host("malformed results")
        }
        return position
    }
}
