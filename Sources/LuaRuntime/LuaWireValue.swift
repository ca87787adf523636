/// One value inside a run's result bytes (the wire encoding of `Sources/CLuaShim/wire.c`), read
/// in place: scalars are read when asked for and tables are walked without building a
/// `LuaValue` tree or any dictionary.
///
/// Why: a host that knows the shape of what a script returns (the policy engine's decision
/// table) pays more for materialising the generic tree than for everything it then does with it.
///
/// Contract:
/// - A view is valid only inside the `LuaState.run(_:globals:limits:readingFirst:)` body that
///   handed it out (it points into bytes the next run overwrites or frees): never keep one.
/// - The first view is checked whole when it is made (every tag, count and length within the
///   bytes), throwing `LuaError.host("malformed results")` on bytes the shim could not have
///   written. Views reached through it lie inside those checked bytes, so they are made and
///   walked without checking again (one check per result, not one per nesting level).
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
        end = try Self.checkedEnd(of: bytes, at: offset)
    }

    /// A value inside bytes already checked (see the type's contract): only its end is found.
    init(checked bytes: UnsafeRawBufferPointer, at offset: Int) {
        self.bytes = bytes
        self.offset = offset
        end = Self.end(of: bytes, at: offset)
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

    /// Where the value at `offset` ends, checking that every tag, count and length on the way
    /// stays within `bytes`. Iterative (a count of values still to skip, tables adding theirs),
    /// so nesting costs no stack; `decoded()` has the generic reader's depth limit.
    static func checkedEnd(of bytes: UnsafeRawBufferPointer, at offset: Int) throws(LuaError) -> Int {
        var position = offset
        var pending = 1
        while pending > 0 {
            pending -= 1
            guard position >= 0, position < bytes.count else { throw .host("malformed results") }
            let tag = bytes[position]
            position += 1
            var skip = 0
            switch tag {
            case UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "f"): break
            case UInt8(ascii: "i"), UInt8(ascii: "d"), UInt8(ascii: "m"): skip = 8
            case UInt8(ascii: "s"), UInt8(ascii: "x"):
                guard bytes.count - position >= 4 else { throw .host("malformed results") }
                skip = 4 + Int(bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self))
            case UInt8(ascii: "T"):
                guard bytes.count - position >= 8 else { throw .host("malformed results") }
                let array = Int(bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self))
                let fields = Int(bytes.loadUnaligned(fromByteOffset: position + 4, as: UInt32.self))
                // Every value takes a byte at least: counts beyond what is left are malformed.
                guard array + 2 * fields <= bytes.count - position - 8 else { throw .host("malformed results") }
                pending += array + 2 * fields
                skip = 8
            default: throw .host("malformed results")
            }
            guard bytes.count - position >= skip else { throw .host("malformed results") }
            position += skip
        }
        return position
    }

    /// Where the value at `offset` ends, in bytes `checkedEnd` has checked: the same walk
    /// without the checks.
    static func end(of bytes: UnsafeRawBufferPointer, at offset: Int) -> Int {
        var position = offset
        var pending = 1
        while pending > 0 {
            pending -= 1
            let tag = bytes[position]
            position += 1
            switch tag {
            case UInt8(ascii: "i"), UInt8(ascii: "d"), UInt8(ascii: "m"): position += 8
            case UInt8(ascii: "s"), UInt8(ascii: "x"):
                position += 4 + Int(bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self))
            case UInt8(ascii: "T"):
                pending += Int(bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self))
                    + 2 * Int(bytes.loadUnaligned(fromByteOffset: position + 4, as: UInt32.self))
                position += 8
            default: break
            }
        }
        return position
    }
}
