import Money
import Testing

@testable import LuaRuntime

/// `LuaWireWriter` writes into spare room through a pointer: the bytes must be exactly the wire
/// format's, however often the buffer grows, and a run must see exactly what was written.
struct WireWriterTests {
    /// Every kind of value, byte for byte: tag, then little-endian integers, then string bytes.
    @Test func bytesAreTheWireFormat() {
        var w = LuaWireWriter(capacity: 1)
        w.writeNil()
        w.writeBool(true)
        w.writeInteger(-2)
        w.writeMoney(Money(fen: 258))
        w.writeString("é")
        w.writeString("")
        let at = w.beginTable()
        w.writeInteger(1)
        w.endTable(at: at, arrayCount: 1, fieldCount: 0)
        w.writeListHeader(count: 3)
        let expected: [UInt8] =
            [UInt8(ascii: "n"), UInt8(ascii: "t")]
            + [UInt8(ascii: "i"), 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
            + [UInt8(ascii: "m"), 0x02, 0x01, 0, 0, 0, 0, 0, 0]
            + [UInt8(ascii: "s"), 2, 0, 0, 0, 0xC3, 0xA9]
            + [UInt8(ascii: "s"), 0, 0, 0, 0]
            + [UInt8(ascii: "T"), 1, 0, 0, 0, 0, 0, 0, 0, UInt8(ascii: "i"), 1, 0, 0, 0, 0, 0, 0, 0]
            + [3, 0, 0, 0]
        #expect(w.bytes == expected)
        #expect(w.count == expected.count)
        #expect(w.u32(at: at) == 1 && w.u32(at: at + 4) == 0)
        w.trim()
        #expect(w.bytes == expected)
    }

    /// Thousands of values from a tiny buffer: every growth keeps what was written, and the
    /// bytes read back as the values written.
    @Test func growingKeepsEveryValue() throws {
        var w = LuaWireWriter(capacity: 16)
        var expected: [LuaValue] = []
        for i in 0..<5_000 {
            let value: LuaValue
            switch i % 5 {
            case 0: value = .string(String(repeating: "价", count: i % 37))
            case 1: value = .integer(Int64(i) * 1_000_003)
            case 2: value = .money(Money(fen: Int64(i) - 2_500))
            case 3: value = .boolean(i % 2 == 0)
            default: value = .table(LuaTable(array: [.integer(Int64(i))], fields: [.string("k\(i)"): .string("v")]))
            }
            w.write(value)
            expected.append(value)
        }
        var list = LuaWireWriter(capacity: 16)
        list.writeListHeader(count: expected.count)
        for value in expected { list.write(value) }
        let read = list.bytes.withUnsafeBytes { raw in
            var reader = LuaWireReader(raw)
            return try? reader.readList()
        }
        #expect(read == expected)
        // the same values without the list header are the same bytes after it
        #expect(Array(list.bytes.dropFirst(4)) == w.bytes)
    }

    /// A request-sized table written from a small buffer reaches Lua intact.
    @Test func aRunSeesWhatWasWritten() throws {
        var writer = LuaTableWriter(capacity: 16)
        writer.beginRecord()
        writer.key("lines")
        writer.beginList()
        for i in 0..<300 {
            writer.beginRecord()
            writer.field("sku", "SKU-\(i)")
            writer.field("quantity", Int64(i))
            writer.field("unit_price", Money(fen: Int64(i) * 100 + 5))
            writer.end()
        }
        writer.end()
        writer.end()
        let lua = try LuaState()
        let chunk = try lua.compile("""
            local n, fen = 0, 0
            for i, line in ipairs(lines) do
              assert(line.sku == 'SKU-' .. (i - 1) and line.quantity == i - 1)
              n = n + 1; fen = fen + line.unit_price:fen()
            end
            return n, fen
            """, chunkName: "lines.lua")
        let result = try lua.run(chunk, globals: writer)
        let fen: Int64 = (0..<300).reduce(0) { sum, i in sum + Int64(i) * 100 + 5 }
        #expect(result.values == [.integer(300), .integer(fen)])
    }
}
