import Foundation
import Money
import Testing

@testable import LuaRuntime

/// Swift values cross into Lua and back exactly; decoding errors name the path.
@Suite(.timeLimit(.minutes(1)))
struct ValueBridgeTests {
    struct Parameter: Codable, Equatable {
        var name: String
        var value: String
    }

    struct Line: Codable, Equatable {
        var sku: String
        var name: String
        var qty: Int64
        var unitPrice: Money
        var discount: Double?
        var parameters: [String: String]
        var tags: [String]
        var extra: [Parameter]

        enum CodingKeys: String, CodingKey {
            case sku, name, qty, discount, parameters, tags, extra
            case unitPrice = "unit_price"
        }
    }

    struct Customer: Codable, Equatable {
        var id: Int
        var name: String
        var vip: Bool
        var creditLimit: Money?

        enum CodingKeys: String, CodingKey {
            case id, name, vip
            case creditLimit = "credit_limit"
        }
    }

    struct Contract: Codable, Equatable {
        var id: String
        var customer: Customer
        var lines: [Line]
        var matrix: [[Int]]
        var note: String?
        var byYear: [Int: String]
        var flags: [String: Bool]

        enum CodingKeys: String, CodingKey {
            case id, customer, lines, matrix, note, flags
            case byYear = "by_year"
        }
    }

    struct Globals<T: Encodable>: Encodable { var doc: T }

    static let contract = Contract(
        id: "HT-2024-001",
        customer: Customer(id: 7, name: "华东农机有限公司", vip: true, creditLimit: Money(fen: 50_000_000_00)),
        lines: [
            Line(sku: "SP-16", name: "背负式喷雾机 16L", qty: 120, unitPrice: Money(fen: 359_00), discount: 0.05,
                 parameters: ["容量": "16L", "color": "red", "emoji": "🚜"], tags: ["a", "b"],
                 extra: [Parameter(name: "warranty", value: "2y")]),
            Line(sku: "DR-1", name: "植保无人机", qty: 2, unitPrice: Money(fen: -1_50), discount: nil, parameters: [:], tags: [],
                 extra: []),
        ],
        matrix: [[1, 2], [3], []],
        note: nil,
        byYear: [2023: "old", 2024: "new"],
        flags: ["urgent": false, "export": true])

    @Test func nestedCodableRoundTrip() throws {
        let lua = try LuaState()
        let chunk = try lua.compile("return doc", chunkName: "echo.lua")
        let result = try lua.run(chunk, globals: Globals(doc: Self.contract))
        // Empty arrays come back as empty tables, which decode as empty arrays or dictionaries.
        #expect(try result.decode(Contract.self) == Self.contract)
    }

    @Test func nestedValuesAreReadableInLua() throws {
        let lua = try LuaState()
        let result = try runLua(lua, "return 0", chunkName: "x.lua")
        #expect(result.values == [0])
        let chunk = try lua.compile("""
            local l = doc.lines[1]
            return doc.customer.name, #doc.lines, l.parameters["容量"], l.unit_price * l.qty, l.discount,
                   doc.lines[2].discount == nil, doc.note == nil, doc.by_year[2024], doc.matrix[1][2], #doc.matrix[3],
                   doc.flags.urgent, math.type(l.qty), utf8.len(l.name), #l.name, l.parameters.emoji
            """, chunkName: "read.lua")
        let values = try lua.run(chunk, globals: Globals(doc: Self.contract)).values
        #expect(values == [
            "华东农机有限公司", 2, "16L", .money(Money(fen: 43_080_00)), 0.05, true, true, "new", 2, 0, false, "integer", 10,
            22, "🚜",
        ])
    }

    @Test func unicodeTextRoundTrips() throws {
        let lua = try LuaState()
        let samples = ["合同审批：华东区 ¥612,000.00", "emoji 🚜👩‍🌾", "ÅΩ€", "", "tab\tnew\nline", "nul\0inside", "\"quotes\" 'and' \\"]
        let chunk = try lua.compile("local s = ... return s, #s, s .. '', s:upper() == s:upper()", chunkName: "u.lua")
        for text in samples {
            let values = try lua.run(chunk, arguments: [.string(text)]).values
            #expect(values == [.string(text), .integer(Int64(text.utf8.count)), .string(text), true])
        }
        let made = try runLua(lua, "return '审批' .. utf8.char(0x901A, 0x8FC7), ('签'):rep(3)")
        #expect(made.values == ["审批通过", "签签签"])
    }

    @Test func invalidUTF8IsReplaced() throws {
        let lua = try LuaState()
        let result = try runLua(lua, #"return "\xff\xfeok""#)
        #expect(result.values == ["\u{FFFD}\u{FFFD}ok"])
    }

    @Test func sixtyFourBitIntegersRoundTrip() throws {
        let lua = try LuaState()
        let chunk = try lua.compile("""
            local a, b = ...
            return a, b, a == math.maxinteger, b == math.mininteger, a + 1 == math.mininteger, math.type(a), a // 1, -(b + 1)
            """, chunkName: "int.lua")
        let values = try lua.run(chunk, arguments: [.integer(.max), .integer(.min)]).values
        #expect(values == [.integer(.max), .integer(.min), true, true, true, "integer", .integer(.max), .integer(.max)])
        struct Big: Codable, Equatable { var max: Int64; var min: Int64; var u: UInt64; var small: Int8; var i: Int }
        let big = Big(max: .max, min: .min, u: UInt64(Int64.max), small: -128, i: Int.max)
        let echoed = try lua.run(try lua.compile("return doc", chunkName: "e.lua"), globals: Globals(doc: big))
        #expect(try echoed.decode(Big.self) == big)
        // Integer and float keep their identity.
        let kinds = try runLua(lua, "return 3, 3.0, 2^53, 9007199254740993")
        #expect(kinds.values == [.integer(3), .number(3.0), .number(9_007_199_254_740_992), .integer(9_007_199_254_740_993)])
    }

    @Test func unsignedBeyondInt64IsAnEncodingError() throws {
        struct U: Encodable { var big: UInt64 }
        let lua = try LuaState()
        let chunk = try lua.compile("return 1", chunkName: "u.lua")
        let error = luaFailure { try lua.run(chunk, globals: U(big: .max)) }
        guard case .value(let message)? = error else {
            Issue.record("expected a value error, got \(String(describing: error))")
            return
        }
        #expect(message.contains("does not fit a Lua integer"))
        expectHealthy(lua)
    }

    @Test func decimalCrossesAsExactText() throws {
        struct D: Encodable { var rate: Decimal }
        let value = try LuaValueEncoder().encode(D(rate: Decimal(string: "0.1")!))
        #expect(value == ["rate": "0.1"])
    }

    @Test func encoderMapsTypes() throws {
        struct S: Encodable {
            var b = true
            var d = 1.5
            var f: Float = 0.25
            var i8: Int8 = -3
            var u16: UInt16 = 65535
            var none: String? = nil
            var arr = [1, 2]
            var dict = [3: "three"]
            var money = Money(fen: 1)
            var lua: LuaValue = ["x": 1]
        }
        let value = try LuaValueEncoder().encode(S())
        #expect(value == .table(LuaTable(fields: [
            "b": true, "d": 1.5, "f": 0.25, "i8": -3, "u16": 65535, "arr": [1, 2], "dict": .table(LuaTable(fields: [.integer(3): "three"])),
            "money": .money(Money(fen: 1)), "lua": ["x": 1],
        ])))
        #expect(try LuaValueEncoder().encode([String]()) == .table(LuaTable()))
        #expect(try LuaValueEncoder().encode("top") == "top")
        #expect(try LuaValueEncoder().encode(Optional<Int>.none) == .nil)
    }

    @Test func argumentsAndResults() throws {
        let lua = try LuaState()
        let chunk = try lua.compile("local a, b, c = ... return c, b, a, select('#', ...)", chunkName: "args.lua")
        let values = try lua.run(chunk, arguments: [1, "two", ["k": [1, 2]]]).values
        #expect(values == [["k": [1, 2]], "two", 1, 3])
        let single = try lua.run(chunk, argument: Self.contract.customer)
        #expect(single.values.first == .nil)
        #expect(single.values[2]["name"] == "华东农机有限公司")
        let none = try runLua(lua, "return")
        #expect(none.values == [])
        #expect(none.first == .nil)
        #expect(try runLua(lua, "return nil, 1").values == [.nil, 1])
    }

    @Test func mixedTablesSplitIntoArrayAndFields() throws {
        let lua = try LuaState()
        let value = try runLua(lua, "return { 'a', 'b', [4] = 'd', x = 1, [2.5] = true, [true] = 0 }").first
        guard case .table(let table) = value else {
            Issue.record("not a table: \(value)")
            return
        }
        #expect(table.array == ["a", "b"])
        #expect(table.fields == [.integer(4): "d", "x": 1, .number(2.5): true, .boolean(true): 0])
        #expect(table.sortedFields.map(\.key) == [.number(2.5), .integer(4), "x", .boolean(true)])
        #expect(value[4] == "d")
        #expect(value[1] == "a")
        #expect(value["x"] == 1)
    }

    @Test func unsupportedValuesAreReported() throws {
        let lua = try LuaState()
        let result = try runLua(lua, "return print, { f = function() end }")
        #expect(result.values == [.unsupported(typeName: "function"), ["f": .unsupported(typeName: "function")]])
        struct R: Decodable { var f: String }
        let error = luaFailure { try result.decode(R.self, at: 1) }
        #expect(error == .value("f: expected string, got function"))
    }

    struct Decision: Decodable, Equatable {
        struct Line: Decodable, Equatable {
            var sku: String
            var qty: Int
        }
        var outcome: String
        var lines: [Line]
        var total: Money
        var reasons: [String]?
    }

    @Test func decodingErrorsNameThePath() throws {
        let lua = try LuaState()
        let cases: [(String, String)] = [
            ("{ outcome = 'ok', total = money(1), lines = { {sku='a',qty=1}, {sku='b',qty=2}, {sku='c',qty='3'} } }",
             "lines[3].qty: expected integer, got string"),
            ("{ outcome = 'ok', total = money(1), lines = { {sku='a'} } }", "lines[1].qty: missing"),
            ("{ total = money(1), lines = {} }", "outcome: missing"),
            ("{ outcome = 1, total = money(1), lines = {} }", "outcome: expected string, got integer"),
            ("{ outcome = 'ok', total = 1.5, lines = {} }", "total: expected money, got number"),
            ("{ outcome = 'ok', total = money(1), lines = { {sku='a', qty=1.5} } }", "lines[1].qty: expected integer, got number"),
            ("{ outcome = 'ok', total = money(1), lines = { x = 1 } }", "lines: expected a sequence, got a table with named fields"),
            ("{ outcome = 'ok', total = money(1), lines = 'none' }", "lines: expected sequence (table), got string"),
            ("{ outcome = 'ok', total = money(1), lines = {}, reasons = { 'a', false } }", "reasons[2]: expected string, got boolean"),
            ("'just text'", "expected table, got string"),
        ]
        for (table, message) in cases {
            let result = try runLua(lua, "return \(table)")
            let error = luaFailure { try result.decode(Decision.self) }
            #expect(error == .value(message), "\(table)")
        }
        let good = try runLua(lua, "return { outcome = 'ok', total = '12.50', lines = { { sku = 'a', qty = 2.0 } } }")
        #expect(try good.decode(Decision.self) == Decision(outcome: "ok", lines: [.init(sku: "a", qty: 2)], total: Money(fen: 12_50), reasons: nil))
    }

    @Test func integerOverflowWhenDecodingNamesThePath() throws {
        struct Small: Decodable { var n: Int8 }
        let result = try runLua(try LuaState(), "return { n = 300 }")
        let error = luaFailure { try result.decode(Small.self) }
        #expect(error == .value("n: 300 does not fit Int8"))
    }

    @Test func decodeAtIndexAndOutOfRange() throws {
        let result = try runLua(try LuaState(), "return 1, 'two'")
        #expect(try result.decode(String.self, at: 1) == "two")
        #expect(try result.decode(Int?.self, at: 5) == nil)
        #expect(luaFailure { try result.decode(Int.self, at: 5) } != nil)
    }

    @Test func valueLiteralsAndSubscripts() {
        let v: LuaValue = ["a": [1, 2, ["b": true]], "n": nil]
        #expect(v["a"][3]["b"] == true)
        #expect(v["n"] == .nil)
        #expect(v["missing"][1] == .nil)
        #expect(LuaValue.money(.zero).typeName == "money")
        #expect(LuaValue.unsupported(typeName: "thread").typeName == "thread")
    }
}
