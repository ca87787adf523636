import Foundation
import Money
import Testing

@testable import LuaRuntime

/// Swift functions registered in a state: arguments in, results out, errors as Lua errors at the
/// calling line, and no longjmp through Swift.
@Suite(.timeLimit(.minutes(1)))
struct HostFunctionTests {
    struct HostFailure: Error, CustomStringConvertible {
        var description: String
    }

    final class Recorder: @unchecked Sendable {
        var calls: [[LuaValue]] = []
    }

    @Test func argumentsAndResultsCross() throws {
        let lua = try LuaState()
        let recorder = Recorder()
        try lua.register("host_echo") { args in
            recorder.calls.append(args)
            return args
        }
        try lua.register("host_sum") { args in
            var total: Int64 = 0
            for case .integer(let i) in args { total += i }
            return [.integer(total)]
        }
        let result = try runLua(lua, """
            local a, b, c, d, e, f = host_echo(1, "二", { x = { 1, 2 } }, money('3.30'), nil, 2.5)
            return host_sum(1, 2, 3, 4), a, b, c.x[2], d + money('0.70'), e, f, select('#', host_echo())
            """)
        #expect(result.values == [10, 1, "二", 2, .money(Money(fen: 400)), .nil, 2.5, 0])
        #expect(recorder.calls.first == [1, "二", ["x": [1, 2]], .money(Money(fen: 330)), .nil, 2.5])
        #expect(recorder.calls.last == [])
        expectHealthy(lua)
    }

    @Test func functionsAndOtherValuesArriveAsUnsupported() throws {
        let lua = try LuaState()
        let recorder = Recorder()
        try lua.register("host_take") { args in
            recorder.calls.append(args)
            return []
        }
        try runLua(lua, "host_take(print, function() end, { f = print })")
        #expect(recorder.calls == [[.unsupported(typeName: "function"), .unsupported(typeName: "function"), ["f": .unsupported(typeName: "function")]]])
    }

    @Test func hostResultsBecomeLuaValues() throws {
        let lua = try LuaState()
        try lua.register("customer") { args in
            guard case .string(let id)? = args.first else { throw HostFailure(description: "customer id required") }
            return [["id": .string(id), "name": "华东农机", "credit": .money(Money(fen: 1_000_000_00)), "tags": ["vip", "east"]], true]
        }
        let result = try runLua(lua, """
            local c, found = customer("C-7")
            return c.name, c.credit > 999999, c.tags[2], #c.tags, found, c.id
            """)
        #expect(result.values == ["华东农机", true, "east", 2, true, "C-7"])
    }

    @Test func throwingFunctionRaisesAtTheCallingLine() throws {
        let lua = try LuaState()
        try lua.register("lookup") { _ in throw HostFailure(description: "customer C-9 not found") }
        let error = luaFailure {
            try runLua(lua, """
                local x = 1
                local function f()
                  return lookup("C-9")
                end
                local r = f()
                return r
                """, chunkName: "rules/host.lua")
        }
        guard let script = runtimeError(error) else { return }
        #expect(script.message == "customer C-9 not found")
        #expect(script.chunk == "rules/host.lua")
        #expect(script.line == 3)
        #expect(script.traceback?.contains("rules/host.lua:5") == true)
        expectHealthy(lua)
    }

    @Test func pcallCatchesHostErrors() throws {
        let lua = try LuaState()
        try lua.register("fail") { args in throw HostFailure(description: "failed with \(args.count) args") }
        let result = try runLua(lua, """
            local ok, err = pcall(fail, 1, 2)
            local ok2, err2 = pcall(function()
              return fail()
            end)
            return ok, err, ok2, err2
            """, chunkName: "catch.lua")
        #expect(result.values == [false, "failed with 2 args", false, "catch.lua:3: failed with 0 args"])
        expectHealthy(lua)
    }

    @Test func hostErrorMessagesAreNotFormatStrings() throws {
        let lua = try LuaState()
        try lua.register("fail") { _ in throw HostFailure(description: "100% %s %d %n \u{0}tail") }
        let error = luaFailure { try runLua(lua, "fail()") }
        #expect(runtimeError(error)?.message.hasPrefix("100% %s %d %n ") == true, "\(String(describing: error))")
        expectHealthy(lua)
    }

    @Test func manyCallsInALoop() throws {
        let lua = try LuaState()
        try lua.register("inc") { args in
            guard case .integer(let i)? = args.first else { return [.nil] }
            return [.integer(i + 1)]
        }
        let result = try runLua(lua, "local n = 0 for i = 1, 10000 do n = inc(n) end return n")
        #expect(result.values == [10000])
    }

    @Test func hostErrorsInsideLimitedRunsStillClassifyRight() throws {
        let lua = try LuaState()
        try lua.register("spin") { _ in [] }
        try lua.register("boom") { _ in throw HostFailure(description: "instruction limit reached") }
        // Few instructions and a long deadline: every iteration calls into Swift, which is slow in
        // a debug build, and the limit that must trip is the instruction limit, not the deadline.
        let limits = LuaLimits(instructions: 200_000, timeout: .seconds(60), memory: 16 << 20)
        guard case .instructionLimit? = luaFailure({ try runLua(lua, "while true do spin() end", limits: limits) }) else {
            Issue.record("expected the instruction limit")
            return
        }
        // A host error whose text looks like a limit is still a runtime error.
        #expect(runtimeError(luaFailure { try runLua(lua, "boom()") })?.message == "instruction limit reached")
        expectHealthy(lua)
    }

    @Test func hostCallsUnderTheMemoryCap() throws {
        let lua = try LuaState()
        try lua.register("big") { _ in [.string(String(repeating: "x", count: 1 << 20))] }
        let limits = LuaLimits(instructions: nil, timeout: .seconds(10), memory: 4 << 20)
        #expect(try runLua(lua, "return #big()", limits: limits).values == [.integer(1 << 20)])
        let error = luaFailure { try runLua(lua, "local t = {} for i = 1, 100 do t[i] = big() end", limits: limits) }
        guard case .memoryLimit? = error else {
            Issue.record("expected the memory limit, got \(String(describing: error))")
            return
        }
        expectHealthy(lua)
    }

    @Test func registeredFunctionsSurviveScriptsOverwritingThem() throws {
        let lua = try LuaState()
        try lua.register("ping") { _ in ["pong"] }
        _ = try runLua(lua, "ping = nil")
        #expect(try runLua(lua, "return ping()").values == ["pong"])
    }

    @Test func registeringAfterCompilingWorks() throws {
        let lua = try LuaState()
        let chunk = try lua.compile("return later and later()", chunkName: "late.lua")
        #expect(try lua.run(chunk).values == [.nil])
        try lua.register("later") { _ in [42] }
        #expect(try lua.run(chunk).values == [42])
    }

    @Test func cyclicArgumentsAreRefused() throws {
        let lua = try LuaState()
        try lua.register("take") { _ in [] }
        let error = luaFailure { try runLua(lua, "local t = {} t.t = t take(t)") }
        #expect(runtimeError(error)?.message.contains("nested too deeply") == true, "\(String(describing: error))")
        expectHealthy(lua)
    }
}
