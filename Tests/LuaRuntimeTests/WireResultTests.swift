import Money
import Testing

@testable import LuaRuntime

/// `LuaState.run(_:globals:limits:readingFirst:)`: the first result read in place, agreeing with
/// what the `LuaValue` path reads, and refusing bytes the shim could not have written.
struct WireResultTests {
    /// Globals holding nothing.
    var noGlobals: LuaTableWriter {
        var writer = LuaTableWriter()
        writer.beginRecord()
        writer.end()
        return writer
    }

    /// Runs `source` both ways and hands `body` the in-place view of its first result.
    func withFirst<T>(_ lua: LuaState, _ source: String, _ body: (LuaWireValue) throws(LuaError) -> T) throws -> T {
        let chunk = try lua.compile(source, chunkName: "wire.lua")
        return try lua.run(chunk, globals: noGlobals, readingFirst: body)
    }

    @Test func decodedAgreesWithTheValuePath() throws {
        let lua = try LuaState()
        let source = """
            return { 'a', 2, 2.5, true, money('3.10'), { x = { 'deep', [5] = false } }, k = 'v', [7] = 'seven',
                     [true] = 1, f = function() end }, 'second'
            """
        let expected = try runLua(lua, source).first
        let decoded = try withFirst(lua, source) { value throws(LuaError) in try value.decoded() }
        #expect(decoded == expected)
        #expect(decoded["f"] == .unsupported(typeName: "function"))
    }

    @Test func scalarsReadInPlace() throws {
        let lua = try LuaState()
        let names = try withFirst(lua, "return { nil, true, 1, 1.5, 's', money('1.00'), {}, function() end }") { value throws(LuaError) in
            var names: [String] = []
            try value.table?.forEachElement { _, item throws(LuaError) in names.append(item.typeName) }
            return names
        }
        // The hole at 1 is inside Lua's border here; it reads as nil, like `LuaValue`.
        #expect(names == ["nil", "boolean", "integer", "number", "string", "money", "table", "function"])
        #expect(try withFirst(lua, "return 42") { $0.integer } == 42)
        #expect(try withFirst(lua, "return 4.0") { $0.integer } == nil)
        #expect(try withFirst(lua, "return 'héllo'") { $0.string } == "héllo")
        #expect(try withFirst(lua, "return 7") { $0.string } == nil)
        #expect(try withFirst(lua, "return 'code'") { $0.isString("code") && !$0.isString("cod") && !$0.isString("codes") })
        #expect(try withFirst(lua, "return 'cade'") { $0.isString("code") } == false)
        #expect(try withFirst(lua, "return 1") { $0.isString("1") } == false)
        #expect(try withFirst(lua, "return") { $0.isNil && $0.typeName == "nil" })
        #expect(try withFirst(lua, "return nil, 1") { $0.isNil })
    }

    @Test func tablesWalkTheirSequenceThenTheirFields() throws {
        let lua = try LuaState()
        let (elements, fields) = try withFirst(lua, "return { 'a', 'b', x = 1, [9] = 2 }") { value throws(LuaError) in
            guard let table = value.table else { throw LuaError.host("not a table") }
            #expect(table.arrayCount == 2 && table.fieldCount == 2)
            var elements: [String] = []
            try table.forEachElement { index, item throws(LuaError) in elements.append("\(index)=\(item.string ?? "?")") }
            var fields: [LuaValue: LuaValue] = [:]
            try table.forEachField { key, item throws(LuaError) in fields[try key.decoded()] = try item.decoded() }
            return (elements, fields)
        }
        #expect(elements == ["1=a", "2=b"])
        #expect(fields == ["x": 1, .integer(9): 2])
    }

    @Test func aRunInsideTheBodyDoesNotDisturbTheView() throws {
        // The results buffer is kept between runs; a run started while a view is live must not
        // reuse (and overwrite) the bytes the view points into.
        let lua = try LuaState()
        let outer = try lua.compile("return { 'outer', n = 1 }", chunkName: "outer.lua")
        let inner = try lua.compile("return { 'inner', 'a much longer value that would overwrite the outer bytes', n = 2 }",
                                    chunkName: "inner.lua")
        let (innerValue, outerValue) = try lua.run(outer, globals: noGlobals) { value throws(LuaError) in
            let innerValue = try lua.run(inner, globals: noGlobals) { value throws(LuaError) in try value.decoded() }
            return (innerValue, try value.decoded())
        }
        #expect(outerValue == .table(LuaTable(array: ["outer"], fields: ["n": 1])))
        #expect(innerValue["n"] == 2)
        #expect(try lua.run(inner, globals: noGlobals) { value throws(LuaError) in try value.decoded() } == innerValue)
        #expect(try lua.run(outer, globals: noGlobals) { value throws(LuaError) in try value.decoded() } == outerValue)
    }

    @Test func malformedBytesAreRefused() {
        func view(_ bytes: [UInt8]) -> LuaError? {
            bytes.withUnsafeBytes { raw -> LuaError? in
                do throws(LuaError) {
                    let value = try LuaWireValue(raw, at: 0)
                    try value.table?.forEachField { _, _ throws(LuaError) in }
                    return nil
                } catch {
                    return error
                }
            }
        }
        #expect(view([UInt8(ascii: "i"), 1, 2]) == .host("malformed results"))
        #expect(view([UInt8(ascii: "s"), 9, 0, 0, 0, 65]) == .host("malformed results"))
        #expect(view([UInt8(ascii: "T"), 0, 0, 0, 0, 1, 0, 0, 0, UInt8(ascii: "n")]) == .host("malformed results"))
        #expect(view([UInt8(ascii: "?")]) == .host("malformed results"))
        #expect(view([]) == .host("malformed results"))
        #expect(view([UInt8(ascii: "T"), 0, 0, 0, 0, 1, 0, 0, 0, UInt8(ascii: "t"), UInt8(ascii: "f")]) == nil)
        let level: [UInt8] = [UInt8(ascii: "T"), 1, 0, 0, 0, 0, 0, 0, 0]
        let deep: [UInt8] = Array(Array(repeating: level, count: 300).joined()) + [UInt8(ascii: "n")]
        // Walking needs no depth limit (it does not recurse); decoding keeps the reader's.
        #expect(view(deep) == nil)
        let decodedDeep = deep.withUnsafeBytes { raw -> LuaError? in
            do throws(LuaError) {
                _ = try LuaWireValue(raw, at: 0).decoded()
                return nil
            } catch {
                return error
            }
        }
        #expect(decodedDeep == .host("malformed results"))
        #expect(view([UInt8(ascii: "T"), 255, 255, 255, 255, 0, 0, 0, 0, UInt8(ascii: "n")]) == .host("malformed results"))
    }
}
