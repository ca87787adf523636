import Money

/// Writes the wire encoding shared with the C shim (format in `Sources/CLuaShim/wire.c`).
/// Tables are written with placeholder counts that `endTable` patches, so values can stream in
/// without knowing sizes up front.
struct LuaWireWriter {
    /// The bytes written so far, then zeros up to the buffer's size: writes go straight into the
    /// buffer through a pointer. `Array.append` took ~70 instructions per call whatever the
    /// argument, and a decision's request view makes a few thousand of them.
    private var buffer: [UInt8]
    /// How many bytes are written.
    private(set) var count = 0

    init(capacity: Int = 512) { buffer = Array(repeating: 0, count: max(capacity, 16)) }

    /// The bytes written (a copy only when the buffer has room left; see `trim()`).
    var bytes: [UInt8] { buffer.count == count ? buffer : Array(buffer[..<count]) }

    /// Drops the spare room, so `bytes` hands the buffer over without copying it.
    mutating func trim() {
        if buffer.count > count { buffer.removeSubrange(count...) }
    }

    mutating func writeNil() { put(UInt8(ascii: "n")) }
    mutating func writeBool(_ v: Bool) { put(UInt8(ascii: v ? "t" : "f")) }
    mutating func writeInteger(_ v: Int64) { put(UInt8(ascii: "i"), v) }
    mutating func writeNumber(_ v: Double) { put(UInt8(ascii: "d"), v.bitPattern) }
    mutating func writeMoney(_ v: Money) { put(UInt8(ascii: "m"), v.fen) }
    mutating func writeString(_ s: String) {
        var s = s  // withUTF8 is mutating (it may first make bridged text contiguous)
        s.withUTF8 { utf8 in
            let n = utf8.count
            room(5 + n)
            let at = count
            buffer.withUnsafeMutableBytes { target in
                target.storeBytes(of: UInt8(ascii: "s"), toByteOffset: at, as: UInt8.self)
                target.storeBytes(of: UInt32(truncatingIfNeeded: n).littleEndian, toByteOffset: at + 1, as: UInt32.self)
                if let source = utf8.baseAddress, n > 0 {
                    target.baseAddress?.advanced(by: at + 5).copyMemory(from: source, byteCount: n)
                }
            }
            count += 5 + n
        }
    }
    /// Starts a table; returns the offset `endTable` needs.
    mutating func beginTable() -> Int {
        put(UInt8(ascii: "T"), UInt64(0))  // both counts, patched by `endTable`
        return count - 8
    }
    mutating func endTable(at offset: Int, arrayCount: Int, fieldCount: Int) {
        patch(UInt32(truncatingIfNeeded: arrayCount), at: offset)
        patch(UInt32(truncatingIfNeeded: fieldCount), at: offset + 4)
    }
    mutating func writeListHeader(count: Int) { put(UInt32(truncatingIfNeeded: count)) }

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

    /// Makes room for `n` more bytes (at least doubling, so growth is amortized).
    @inline(__always)
    private mutating func room(_ n: Int) {
        let spare = buffer.count - count
        if spare < n { buffer.append(contentsOf: repeatElement(0, count: max(n - spare, buffer.count))) }
    }

    @inline(__always)
    private mutating func put(_ byte: UInt8) {
        room(1)
        buffer[count] = byte
        count += 1
    }

    /// A tag and a little-endian value (as the C side reads it), in one access to the buffer.
    @inline(__always)
    private mutating func put<T: FixedWidthInteger>(_ tag: UInt8, _ v: T) {
        let size = 1 + MemoryLayout<T>.size
        room(size)
        let at = count
        buffer.withUnsafeMutableBytes { target in
            target.storeBytes(of: tag, toByteOffset: at, as: UInt8.self)
            target.storeBytes(of: v.littleEndian, toByteOffset: at + 1, as: T.self)
        }
        count += size
    }

    /// A little-endian value with no tag (a list's count).
    private mutating func put<T: FixedWidthInteger>(_ v: T) {
        let size = MemoryLayout<T>.size
        room(size)
        let at = count
        buffer.withUnsafeMutableBytes { $0.storeBytes(of: v.littleEndian, toByteOffset: at, as: T.self) }
        count += size
    }

    /// Overwrites the four bytes at `offset` (a table's placeholder count).
    mutating func patch(_ v: UInt32, at offset: Int) {
        precondition(offset >= 0 && offset + 4 <= count, "patch outside the bytes written")
        buffer.withUnsafeMutableBytes { $0.storeBytes(of: v.littleEndian, toByteOffset: offset, as: UInt32.self) }
    }
    /// The four bytes at `offset`, as `patch` wrote them.
    func u32(at offset: Int) -> UInt32 {
        precondition(offset >= 0 && offset + 4 <= count, "read outside the bytes written")
        return UInt32(littleEndian: buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self) })
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
