import Money

/// Writes the wire encoding shared with the C shim (format in `Sources/CLuaShim/wire.c`).
/// Tables are written with placeholder counts that `endTable` patches, so values can stream in
/// without knowing sizes up front.
struct LuaWireWriter {
    var bytes: [UInt8] = []

    init(capacity: Int = 512) { bytes.reserveCapacity(capacity) }

    mutating func writeNil() { bytes.append(UInt8(ascii: "n")) }
    mutating func writeBool(_ v: Bool) { bytes.append(UInt8(ascii: v ? "t" : "f")) }
    mutating func writeInteger(_ v: Int64) {
        bytes.append(UInt8(ascii: "i"))
        appendRaw(v)
    }
    mutating func writeNumber(_ v: Double) {
        bytes.append(UInt8(ascii: "d"))
        appendRaw(v)
    }
    mutating func writeMoney(_ v: Money) {
        bytes.append(UInt8(ascii: "m"))
        appendRaw(v.fen)
    }
    mutating func writeString(_ s: String) {
        bytes.append(UInt8(ascii: "s"))
        appendRaw(UInt32(truncatingIfNeeded: s.utf8.count))
        bytes.append(contentsOf: s.utf8)
    }
    /// Starts a table; returns the offset `endTable` needs.
    mutating func beginTable() -> Int {
        bytes.append(UInt8(ascii: "T"))
        let at = bytes.count
        appendRaw(UInt32(0))
        appendRaw(UInt32(0))
        return at
    }
    mutating func endTable(at offset: Int, arrayCount: Int, fieldCount: Int) {
        patch(UInt32(truncatingIfNeeded: arrayCount), at: offset)
        patch(UInt32(truncatingIfNeeded: fieldCount), at: offset + 4)
    }
    mutating func writeListHeader(count: Int) { appendRaw(UInt32(truncatingIfNeeded: count)) }

    mutating func write(_ value: LuaValue) {
        switch value {
        case .nil, .unsupported: writeNil()
        case .boolean(let b): writeBool(b)
        case .integer(let i): writeInteger(i)
        case .number(let d): writeNumber(d)
        case .string(let s): writeString(s)
        case .money(let m): writeMoney(m)
        case .table(let t):
            let at = beginTable()
            for v in t.array { write(v) }
            let fields = t.sortedFields
            for (k, v) in fields {
                write(k)
                write(v)
            }
            endTable(at: at, arrayCount: t.array.count, fieldCount: fields.count)
        }
    }

    /// Little-endian bytes, appended one by one: `append(contentsOf:)` of a raw buffer goes
    /// through the generic Sequence path and cost more than the rest of writing a value.
    private mutating func appendRaw<T: FixedWidthInteger>(_ v: T) {
        var v = v.littleEndian
        for _ in 0..<MemoryLayout<T>.size {
            bytes.append(UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }
    private mutating func appendRaw(_ v: Double) { appendRaw(v.bitPattern) }
    /// Overwrites the four bytes at `offset` (a table's placeholder count).
    mutating func patch(_ v: UInt32, at offset: Int) {
        withUnsafeBytes(of: v) { raw in
            for i in 0..<4 { bytes[offset + i] = raw[i] }
        }
    }
    /// The four bytes at `offset`, as `patch` wrote them.
    func u32(at offset: Int) -> UInt32 {
        bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self) }
    }
}

/// Reads wire bytes produced by the C shim into `LuaValue`s.
struct LuaWireReader {
    private let base: UnsafeRawBufferPointer
    private var position = 0

    init(_ buffer: UnsafeRawBufferPointer) { base = buffer }

    enum Failure: Error { case malformed }

    mutating func readList() throws(Failure) -> [LuaValue] {
        guard base.count >= 4 else { return [] }
        let count = try readU32()
        var values: [LuaValue] = []
        values.reserveCapacity(Int(min(count, 1024)))
        for _ in 0..<count { values.append(try readValue(depth: 0)) }
        return values
    }

    mutating func readValue(depth: Int) throws(Failure) -> LuaValue {
        guard depth <= 256, position < base.count else { throw .malformed }
        let tag = base[position]
        position += 1
        switch tag {
        case UInt8(ascii: "n"): return .nil
        case UInt8(ascii: "f"): return .boolean(false)
        case UInt8(ascii: "t"): return .boolean(true)
        case UInt8(ascii: "i"): return .integer(try readFixed(Int64.self))
        case UInt8(ascii: "d"): return .number(Double(bitPattern: try readFixed(UInt64.self)))
        case UInt8(ascii: "m"): return .money(Money(fen: try readFixed(Int64.self)))
        case UInt8(ascii: "s"): return .string(try readText())
        case UInt8(ascii: "x"): return .unsupported(typeName: try readText())
        case UInt8(ascii: "T"):
            let narr = try readU32(), nrec = try readU32()
            var table = LuaTable()
            table.array.reserveCapacity(Int(min(narr, 4096)))
            for _ in 0..<narr { table.array.append(try readValue(depth: depth + 1)) }
            for _ in 0..<nrec {
                let key = try readValue(depth: depth + 1)
                let value = try readValue(depth: depth + 1)
                table.fields[key] = value
            }
            return .table(table)
        default: throw .malformed
        }
    }

    private mutating func readU32() throws(Failure) -> UInt32 { try readFixed(UInt32.self) }

    private mutating func readFixed<T: FixedWidthInteger>(_: T.Type) throws(Failure) -> T {
        let size = MemoryLayout<T>.size
        guard base.count - position >= size else { throw .malformed }
        let v = base.loadUnaligned(fromByteOffset: position, as: T.self)
        position += size
        return v
    }

    private mutating func readText() throws(Failure) -> String {
        let n = Int(try readU32())
        guard base.count - position >= n else { throw .malformed }
        let slice = UnsafeRawBufferPointer(rebasing: base[position..<(position + n)])
        position += n
        return String(decoding: slice, as: UTF8.self)
    }
}
