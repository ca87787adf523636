import Foundation
import Money
import Testing

@testable import LuaRuntime

/// Money inside Lua is exact: integer fen, no binary floating point in anything that decides.
@Suite(.timeLimit(.minutes(1)))
struct MoneyInLuaTests {
    func eval(_ expression: String, _ arguments: [LuaValue] = []) throws -> [LuaValue] {
        let lua = try LuaState()
        return try lua.run(try lua.compile("return \(expression)", chunkName: "money.lua"), arguments: arguments).values
    }

    func failure(_ source: String) throws -> String? {
        let lua = try LuaState()
        let error = luaFailure { try runLua(lua, source, chunkName: "money.lua") }
        let message = runtimeError(error)?.message
        expectHealthy(lua)
        return message
    }

    @Test func tenthsAddUpExactly() throws {
        #expect(try eval("money('0.10') + money('0.20') == money('0.30')") == [true])
        #expect(try eval("0.1 + 0.2 == 0.3") == [false])  // what money avoids
        let cents = try eval("(...) + select(2, ...)", [.money(Money(fen: 10)), .money(Money(fen: 20))])
        #expect(cents == [.money(Money(fen: 30))])
        #expect(try eval("tostring(money('0.10') + money('0.20'))") == ["¥0.30"])
    }

    @Test func sumOfManyAmountsIsExact() throws {
        #expect(try eval("(function() local t = money(0) for i = 1, 1000 do t = t + money('0.01') end return t end)()")
            == [.money(Money(fen: 1000))])
    }

    @Test func formatting() throws {
        #expect(try eval("tostring(money('612000'))") == ["¥612,000.00"])
        #expect(try eval("tostring(money('612,000.5'))") == ["¥612,000.50"])
        #expect(try eval("tostring(money('-1.5'))") == ["-¥1.50"])
        #expect(try eval("tostring(money(0))") == ["¥0.00"])
        #expect(try eval("tostring(money('1234567890.12'))") == ["¥1,234,567,890.12"])
        #expect(try eval("money('612000'):yuan(), money('-0.05'):yuan(), money('3.07'):fen()") == ["612000.00", "-0.05", 307])
        #expect(try eval("'total: ' .. money('99.9'), money(5) .. ' due'") == ["total: ¥99.90", "¥5.00 due"])
        #expect(try eval("string.format('%s', money('1.01'))") == ["¥1.01"])
    }

    @Test func formattingMatchesSwift() throws {
        for fen: Int64 in [0, 1, -1, 99, 100, 123_456_789, -100_000_00, 999_999_999_999_99, -999_999_999_999_99] {
            let values = try eval("tostring(...), (...):yuan()", [.money(Money(fen: fen))])
            #expect(values == [.string(Money(fen: fen).formatted), .string(Money(fen: fen).description)], "\(fen)")
        }
    }

    @Test func negativeAmounts() throws {
        #expect(try eval("-money('1.50'), money(1) - money(3), money('-2') < money('-1'), (-money(5)):fen()")
            == [.money(Money(fen: -150)), .money(Money(fen: -200)), true, -500])
        #expect(try eval("money('-0.01') < 0, money('-0.01') >= -1") == [true, true])
    }

    @Test func comparisonsWithWholeYuan() throws {
        #expect(try eval("money('500000') >= 500000, money('499999.99') < 500000, 500000 <= money('500000.00'), 3 > money('2.99')")
            == [true, true, true, true])
        #expect(try eval("money(5) == money('5.00'), money(5) ~= money('5.01'), money(1) < money(2), money(2) <= money(2)")
            == [true, true, true, true])
        // Lua never calls __eq between a userdata and a number: equality with a plain number is
        // always false, so scripts compare amounts with amounts (or use is_zero / <=, >=).
        #expect(try eval("money(5) == 5, money(0):is_zero(), money('0.01'):is_zero()") == [false, true, false])
    }

    @Test func multiplicationByWholeNumbers() throws {
        #expect(try eval("money('359.00') * 120, 3 * money('0.10'), money('1.5') * -2, money(7) * 2.0")
            == [.money(Money(fen: 43_080_00)), .money(Money(fen: 30)), .money(Money(fen: -300)), .money(Money(fen: 1400))])
    }

    @Test(arguments: [
        ("return money(1) / 2", "cannot be divided"),
        ("return money(1) // 2", "cannot be divided"),
        ("return money(1) % 2", "cannot be divided"),
        ("return money(1) ^ 2", "cannot be divided"),
        ("return money(1) * 1.5", "whole number"),
        ("return money(1) * money(2)", "no meaning"),
        ("return money(1) < 0.1", "not a whole number of yuan"),
        ("return money(1) >= 0.1", "not a whole number of yuan"),
        ("return 0.5 <= money(1)", "not a whole number of yuan"),
        ("return money(1) < '1'", "expected money or a whole number"),
        ("return money(1) + 1", "expected money"),
        ("return money(1) - 0.1", "expected money"),
        ("return money(0.1)", "not a whole number of yuan"),
        ("return money('1.234')", "at most two decimal places"),
        ("return money('abc')", "at most two decimal places"),
        ("return money('1,00')", "at most two decimal places"),
        ("return money('')", "at most two decimal places"),
        ("return money('1\\0')", "at most two decimal places"),
        ("return money({})", "expected money or a whole number"),
        ("return money('99999999999999')", "at most two decimal places"),
        ("return money(10^14)", "out of range"),
        ("return money('9999999999999.99') * 1000", "out of range"),
        ("return money(1):fen(1) .. money.fen", "attempt to index"),
    ])
    func refusedOperations(_ source: String, _ expected: String) throws {
        let message = try failure(source)
        #expect(message?.contains(expected) == true, "\(source): \(message ?? "succeeded")")
    }

    /// Amounts handed in from Swift may exceed what scripts can create; arithmetic on them must
    /// still refuse to overflow rather than wrap around.
    @Test func extremeAmountsFromSwiftDoNotWrap() throws {
        let lua = try LuaState()
        let chunk = try lua.compile("""
            local m, op = ...
            if op == 'add' then return m + m
            elseif op == 'sub' then return money(0) - m - m
            elseif op == 'neg' then return -m
            elseif op == 'mul' then return m * 2
            else return m end
            """, chunkName: "extreme.lua")
        for (fen, op) in [(Int64.max, "add"), (Int64.max, "sub"), (Int64.min, "neg"), (Int64.min, "add"), (Int64.max, "mul")] {
            let error = luaFailure { try lua.run(chunk, arguments: [.money(Money(fen: fen)), .string(op)]) }
            #expect(runtimeError(error)?.message.contains("out of range") == true, "\(fen) \(op): \(String(describing: error))")
            expectHealthy(lua)
        }
        // Passing them through untouched is exact.
        for fen in [Int64.max, Int64.min] {
            #expect(try lua.run(chunk, arguments: [.money(Money(fen: fen)), "echo"]).values == [.money(Money(fen: fen))])
        }
        #expect(try eval("tostring(...)", [.money(Money(fen: .min))]) == [.string(Money(fen: .min).formatted)])
    }

    @Test func moneyCrossesFromCodable() throws {
        struct Line: Encodable { var price: Money; var qty: Int }
        struct Env: Encodable { var lines: [Line]; var cap: Money }
        let lua = try LuaState()
        let chunk = try lua.compile("""
            local total = money(0)
            for _, l in ipairs(lines) do total = total + l.price * l.qty end
            return total, total > cap, is_money(lines[1].price), math.type(lines[1].qty)
            """, chunkName: "total.lua")
        let env = Env(lines: [Line(price: Money(fen: 10), qty: 3), Line(price: Money(fen: 20), qty: 1)], cap: Money(fen: 49))
        #expect(try lua.run(chunk, globals: env).values == [.money(Money(fen: 50)), true, true, "integer"])
        struct Back: Decodable { var total: Money }
        let back = try runLua(lua, "return { total = money('612000.5') }")
        #expect(try back.decode(Back.self).total == Money(fen: 612_000_50))
    }

    @Test func moneyIsNotATableOrNumber() throws {
        #expect(try eval("type(money(1)), math.type(money(1)), tonumber(money(1)), is_money(money(1)), is_money('1')")
            == ["userdata", .nil, .nil, true, false])
        #expect(try eval("money(money('2.5')) == money('2.5')") == [true])
    }

    @Test func moneyCanKeyTablesAndSort() throws {
        #expect(try eval("""
            (function()
              local t = { money(3), money('0.5'), money(-1), money(2) }
              table.sort(t)
              local out = {}
              for i, m in ipairs(t) do out[i] = m:yuan() end
              return table.concat(out, ' ')
            end)()
            """) == ["-1.00 0.50 2.00 3.00"])
    }
}
