import Foundation
import Money
import Testing

@testable import LuaRuntime

/// One state serves many runs; nothing a run leaves behind is visible to the next.
@Suite(.timeLimit(.minutes(1)))
struct IsolationTests {
    static let modules = InMemoryModuleLoader(modules: [
        "shared": LuaModuleSource(text: "return { limit = 10, list = { 1, 2 } }", chunkName: "shared.lua"),
        "counter": LuaModuleSource(text: "count = (count or 0) + 1 return { n = count }", chunkName: "counter.lua"),
    ])

    /// Runs `polluter` (which may fail), then `probe` in a later run, returning what the probe saw.
    func afterPolluting(_ polluter: String, probe: String, lua: LuaState? = nil) throws -> [LuaValue] {
        let lua = try lua ?? LuaState(modules: Self.modules)
        _ = luaFailure { try runLua(lua, polluter, chunkName: "polluter.lua", limits: quickLimits) }
        let result = try runLua(lua, probe, chunkName: "probe.lua")
        expectHealthy(lua)
        return result.values
    }

    @Test func globalsDoNotLeak() throws {
        #expect(try afterPolluting("x_global = 1; answer = 42; _G.other = true", probe: "return x_global, answer, other") == [.nil, .nil, .nil])
    }

    @Test func globalsDoNotLeakEvenWhenTheRunFails() throws {
        #expect(try afterPolluting("leaked = 'yes' error('boom')", probe: "return leaked") == [.nil])
        #expect(try afterPolluting("leaked = 'yes' while true do end", probe: "return leaked") == [.nil])
    }

    @Test func baseFunctionsCannotBeReplacedForLaterRuns() throws {
        let values = try afterPolluting("""
            print = nil; pairs = function() error('hijacked') end; tostring = nil
            money = nil; require = nil; setmetatable = nil; type = function() return 'x' end
            """, probe: "return type(print), type(pairs), tostring(1), type(money), type(require), type(setmetatable), type(1)")
        #expect(values == ["function", "function", "1", "function", "function", "function", "number"])
    }

    @Test func environmentMetatableIsLocked() throws {
        let lua = try LuaState()
        let result = try runLua(lua, "return getmetatable(_G), getmetatable(_ENV), _G == _ENV")
        #expect(result.values == [false, false, true])
        let error = luaFailure { try runLua(lua, "setmetatable(_G, { __index = function() return 1 end })") }
        #expect(runtimeError(error) != nil)
        expectHealthy(lua)
    }

    @Test func stringMetatableCannotBeChanged() throws {
        let values = try afterPolluting("""
            pcall(function() getmetatable('').__index.upper = function() return 'pwned' end end)
            pcall(function() string.upper = function() return 'pwned' end end)
            pcall(function() rawset(string, 'upper', function() return 'pwned' end) end)
            pcall(function() local mt = getmetatable('') mt.__index = {} end)
            pcall(function() ('x').upper = nil end)
            """, probe: "return ('abc'):upper(), string.upper('d'), ('%d'):format(3)")
        #expect(values == ["ABC", "D", "3"])
    }

    @Test func libraryTablesCannotBeChangedForLaterRuns() throws {
        let values = try afterPolluting("""
            for _, lib in ipairs({ string, table, math, utf8 }) do
              pcall(function() lib.injected = true end)
            end
            pcall(function() table.insert = nil end)
            pcall(function() math.huge = 0 end)
            """, probe: "return string.injected, table.injected, math.injected, utf8.injected, type(table.insert), math.huge > 0")
        #expect(values == [.nil, .nil, .nil, .nil, "function", true])
    }

    @Test func localShadowingOfLibrariesIsPerRun() throws {
        let values = try afterPolluting("string = { upper = function() return 'pwned' end } math = {} table = nil", probe: "return string.upper('a'), math.abs(-1), type(table)")
        #expect(values == ["A", 1, "table"])
    }

    @Test func moneyMetatableIsLocked() throws {
        let lua = try LuaState()
        let result = try runLua(lua, "return getmetatable(money(1)), is_money(money(1)), is_money(1)")
        #expect(result.values == ["money", true, false])
        let values = try afterPolluting("""
            pcall(function() getmetatable(money(1)).__add = nil end)
            pcall(setmetatable, money(1), {})
            pcall(function() money(1).fen = function() return 0 end end)
            """, probe: "return (money(1) + money(2)):fen(), tostring(money(3))", lua: lua)
        #expect(values == [300, "¥3.00"])
    }

    @Test func requiredModuleTablesAreFreshEachRun() throws {
        let lua = try LuaState(modules: Self.modules)
        let mutate = try lua.compile("""
            local m = require("shared")
            local before = m.limit
            m.limit = 999; m.list[1] = 'changed'; m.extra = true
            return before, require("shared").limit
            """, chunkName: "mutate.lua")
        let first = try lua.run(mutate)
        #expect(first.values == [10, 999])  // within a run, require returns the same table
        let second = try lua.run(mutate)
        #expect(second.values == [10, 999])
        let probe = try runLua(lua, "local m = require('shared') return m.limit, m.list[1], m.extra")
        #expect(probe.values == [10, 1, .nil])
        expectHealthy(lua)
    }

    @Test func modulesRunOncePerRunInTheCallersEnvironment() throws {
        let lua = try LuaState(modules: Self.modules)
        let chunk = try lua.compile("""
            local a = require("counter"); local b = require("counter")
            return a.n, b.n, count, rawequal(a, b)
            """, chunkName: "count.lua")
        for _ in 0..<3 {
            #expect(try lua.run(chunk).values == [1, 1, 1, true])
        }
    }

    @Test func runsOfDifferentChunksAreSeparate() throws {
        let lua = try LuaState()
        let writer = try lua.compile("secret = 'from writer' return secret", chunkName: "writer.lua")
        let reader = try lua.compile("return secret", chunkName: "reader.lua")
        #expect(try lua.run(writer).values == ["from writer"])
        #expect(try lua.run(reader).values == [.nil])
        #expect(try lua.run(writer).values == ["from writer"])
    }

    @Test func globalsPassedInAreFreshEachRun() throws {
        struct Globals: Encodable { var doc: [String: Int] }
        let lua = try LuaState()
        let chunk = try lua.compile("doc.seen = (doc.seen or 0) + 1 doc.a = doc.a + 1 return doc.a, doc.seen", chunkName: "g.lua")
        for _ in 0..<3 {
            #expect(try lua.run(chunk, globals: Globals(doc: ["a": 1])).values == [2, 1])
        }
    }

    @Test func closuresFromEarlierRunsSeeNothingLater() throws {
        // A module-level closure created in one run keeps that run's environment; a later run gets a
        // fresh module with a fresh closure.
        let lua = try LuaState(modules: InMemoryModuleLoader(modules: [
            "m": LuaModuleSource(text: "local n = 0 return { bump = function() n = n + 1 return n end }", chunkName: "m.lua"),
        ]))
        let chunk = try lua.compile("local m = require('m') m.bump() return m.bump()", chunkName: "c.lua")
        for _ in 0..<3 {
            #expect(try lua.run(chunk).values == [2])
        }
    }

    @Test func manyRunsDoNotLeakMemory() throws {
        let lua = try LuaState(modules: Self.modules)
        let chunk = try lua.compile("""
            local t = {}
            for i = 1, 100 do t[i] = { i, tostring(i), money(i) } end
            shared = require('shared')
            return #t
            """, chunkName: "leak.lua")
        for _ in 0..<200 { _ = try lua.run(chunk) }
        lua.collectGarbage()
        let baseline = lua.memoryInUse
        for _ in 0..<2000 { _ = try lua.run(chunk) }
        lua.collectGarbage()
        #expect(lua.memoryInUse <= baseline + 64 << 10, "grew from \(baseline) to \(lua.memoryInUse)")
    }

    @Test func statesAreIndependent() throws {
        let a = try LuaState()
        let b = try LuaState()
        try a.register("only_a") { _ in [1] }
        #expect(try runLua(a, "return type(only_a)").values == ["function"])
        #expect(try runLua(b, "return type(only_a)").values == ["nil"])
    }

    @Test func statesWorkConcurrentlyOnSeparateThreads() async throws {
        try await withThrowingTaskGroup(of: Int64.self) { group in
            for i in 0..<4 {
                group.addTask {
                    let lua = try LuaState()
                    let chunk = try lua.compile("local n = ... local s = 0 for i = 1, n do s = s + i end return s", chunkName: "t.lua")
                    var last: Int64 = 0
                    for _ in 0..<200 {
                        guard case .integer(let v) = try lua.run(chunk, arguments: [.integer(Int64(1000 + i))]).first else { return -1 }
                        last = v
                    }
                    return last
                }
            }
            var sums: [Int64] = []
            for try await s in group { sums.append(s) }
            let expected: [Int64] = (0..<4).map { (i: Int) -> Int64 in
                let n = Int64(1000 + i)
                return n * (n + 1) / 2
            }
            #expect(sums.sorted() == expected)
        }
    }
}
