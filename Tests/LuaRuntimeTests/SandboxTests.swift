import Foundation
import Money
import Testing

@testable import LuaRuntime

/// Everything the sandbox withholds must be absent or refused, and the state must keep working.
@Suite(.timeLimit(.minutes(1)))
struct SandboxTests {
    /// Names that must not exist in a script's environment (Lua 5.4 and older-version spellings).
    @Test(arguments: [
        "io", "os", "debug", "package", "coroutine", "dofile", "loadfile", "rawset", "warn",
        "loadstring", "setfenv", "getfenv", "module", "unpack", "newproxy", "gcinfo",
        "string.dump", "math.random", "math.randomseed", "_G.io", "_G.os", "_G.debug", "_G.package",
    ])
    func forbiddenNameIsAbsent(_ name: String) throws {
        let lua = try LuaState()
        let result = try runLua(lua, "return \(name) == nil, type(\(name))")
        #expect(result.values == [.boolean(true), .string("nil")], "\(name) is reachable")
        expectHealthy(lua)
    }

    @Test(arguments: ["io", "os", "debug", "package", "coroutine", "rawset", "dofile", "loadfile"])
    func forbiddenNameIsNotInRawGlobals(_ name: String) throws {
        let lua = try LuaState()
        let result = try runLua(lua, "return rawget(_G, '\(name)'), rawget(_ENV, '\(name)')")
        #expect(result.values == [.nil, .nil])
    }

    /// What scripts are meant to have is there and works.
    @Test func offeredLibrariesWork() throws {
        let lua = try LuaState()
        let result = try runLua(lua, """
            return string.upper("abc"), ("x"):rep(3, "-"), table.concat({1, 2, 3}, "+"),
                   math.floor(3.7), math.maxinteger, utf8.char(0x559D), utf8.len("喷雾机"),
                   select("#", 1, 2, 3), tonumber("0x10"), type(assert), _VERSION,
                   string.format("%5.2f|%d|%s|%q", 3.14159, 42, "s", "q"), next({}),
                   rawequal(string, string), rawlen({1, 2}), math.type(1), math.type(1.0)
            """)
        #expect(result.values == [
            "ABC", "x-x-x", "1+2+3", 3, .integer(Int64.max), "喝", 3, 3, 16, "function", "Lua 5.4",
            " 3.14|42|s|\"q\"", .nil, true, 2, "integer", "float",
        ])
    }

    @Test func stringDumpIsRefusedThroughStrings() throws {
        let lua = try LuaState()
        for source in ["return ('x'):dump()", "return string.dump(function() end)", "local s = 'x' return s.dump(print)"] {
            let error = luaFailure { try runLua(lua, source) }
            #expect(runtimeError(error) != nil, "\(source)")
            expectHealthy(lua)
        }
    }

    @Test func binaryChunksAreRefusedByLoad() throws {
        let lua = try LuaState()
        let result = try runLua(lua, #"""
            local f, err = load("\27Lua\84\0\25\147\13\10\26\10\4\8\8\120\86\0\0\0\0\0\0\0\0\0\0\0\40\119\64\1")
            return f == nil, err
            """#)
        #expect(result.values.first == .boolean(true))
        guard case .string(let message) = result.values.dropFirst().first else {
            Issue.record("no message from load: \(result.values)")
            return
        }
        #expect(message.contains("binary"), "\(message)")
        expectHealthy(lua)
    }

    @Test func loadRefusesReaderFunctionsButRunsText() throws {
        let lua = try LuaState()
        let error = luaFailure { try runLua(lua, "return load(function() return nil end)") }
        #expect(runtimeError(error)?.message.contains("only source text") == true, "\(String(describing: error))")
        expectHealthy(lua)
        // Text chunks run in the caller's environment, or in the one given.
        let result = try runLua(lua, """
            x = 5
            local f = load("return x, ...")
            local g = load("return x", "inner", "t", { x = 7 })
            local bad, message = load("return +", "=broken")
            return f(1), g(), bad, message
            """)
        // Only the last expression of a list keeps all its values: f(1) gives just 5 here.
        #expect(result.values.prefix(3) == [5, 7, .nil])
        #expect(result.values.count == 4)
        #expect(result.values.last.map { "\($0)" }?.contains("broken") == true)
    }

    @Test func collectGarbageOnlyCounts() throws {
        let lua = try LuaState()
        let count = try runLua(lua, "return collectgarbage('count')")
        guard case .number(let kilobytes) = count.first else {
            Issue.record("count returned \(count.values)")
            return
        }
        #expect(kilobytes > 0)
        for option in ["", "'collect'", "'stop'", "'restart'", "'step'", "'incremental'", "'generational'", "'isrunning'"] {
            let error = luaFailure { try runLua(lua, "return collectgarbage(\(option))") }
            #expect(runtimeError(error)?.message.contains("only \"count\"") == true, "collectgarbage(\(option))")
            expectHealthy(lua)
        }
    }

    @Test func stringMetatableIsLocked() throws {
        let lua = try LuaState()
        let result = try runLua(lua, "return getmetatable(''), getmetatable('abc'), getmetatable(string)")
        #expect(result.values == [false, false, false])
        for source in [
            "getmetatable('').__index.upper = function() return 'pwned' end",
            "getmetatable('').__index = {}",
            "setmetatable('', {})",
            "setmetatable(string, {})",
        ] {
            let error = luaFailure { try runLua(lua, source) }
            #expect(runtimeError(error) != nil, "\(source)")
            expectHealthy(lua)
        }
        #expect(try runLua(lua, "return ('x'):upper()").values == ["X"])
    }

    @Test(arguments: [
        "string.upper = function() return 'pwned' end", "string.upper = nil", "string.extra = 1",
        "table.insert = nil", "table.concat = print", "math.pi = 3", "math.floor = nil", "utf8.char = nil",
        "string.format = nil", "table.sort = nil",
    ])
    func libraryTablesAreReadOnly(_ source: String) throws {
        let lua = try LuaState()
        let error = luaFailure { try runLua(lua, source) }
        #expect(runtimeError(error)?.message.contains("cannot be changed") == true, "\(String(describing: error))")
        let after = try runLua(lua, """
            return ("abc"):upper(), string.upper("x"), string.extra, math.pi > 3.14,
                   type(table.insert), type(utf8.char), type(math.floor), string.format("%d", 7)
            """)
        #expect(after.values == ["ABC", "X", .nil, true, "function", "function", "function", "7"])
        expectHealthy(lua)
    }

    @Test func libraryTablesCannotBeEnumeratedOrRawModified() throws {
        let lua = try LuaState()
        let result = try runLua(lua, """
            local n = 0
            for _ in pairs(string) do n = n + 1 end
            return n, next(math), rawget(string, "upper")
            """)
        #expect(result.values == [0, .nil, .nil])
        // table.insert goes through __newindex, so it cannot write into a library either.
        let error = luaFailure { try runLua(lua, "table.insert(math, 1)") }
        #expect(runtimeError(error) != nil)
        expectHealthy(lua)
    }

    @Test func addressFormatIsRefused() throws {
        let lua = try LuaState()
        for source in ["return string.format('%p', {})", "return ('%10p'):format(print)", "return string.format('%-p', 'x')"] {
            let error = luaFailure { try runLua(lua, source) }
            #expect(runtimeError(error)?.message.contains("%p") == true, "\(source): \(String(describing: error))")
            expectHealthy(lua)
        }
        #expect(try runLua(lua, "return string.format('100%% %s', 'p')").values == ["100% p"])
    }

    @Test func tostringShowsNoAddresses() throws {
        let lua = try LuaState()
        let result = try runLua(lua, """
            print({}, print)
            return tostring({}), tostring(print), tostring(function() end), tostring(setmetatable({}, { __name = "Thing" })),
                   tostring(setmetatable({}, { __tostring = function() return "custom" end })),
                   string.format("%s|%s", {}, print), string.format("%s", money(3))
            """)
        #expect(result.values == ["table", "function", "function", "Thing", "custom", "table|function", "¥3.00"])
        #expect(result.output == "table\tfunction\n")
    }

    @Test func pairsVisitsKeysInSortedOrder() throws {
        let lua = try LuaState()
        let source = """
            local t = {}
            for _, k in ipairs({ "zeta", "alpha", "mid", "Beta", "喷雾", "_x" }) do t[k] = true end
            t[10] = 1; t[-3] = 1; t[2.5] = 1; t[true] = 1; t[false] = 1; t[1] = 1
            local out = {}
            for k in pairs(t) do out[#out + 1] = tostring(k) end
            return table.concat(out, " ")
            """
        let expected: LuaValue = "-3 1 2.5 10 Beta _x alpha mid zeta 喷雾 false true"
        for _ in 0..<3 {
            #expect(try runLua(lua, source).first == expected)
        }
        // A fresh state (new string hash seed) gives the same order.
        #expect(try runLua(try LuaState(), source).first == expected)
    }

    @Test func pairsToleratesRemovalDuringTraversal() throws {
        let lua = try LuaState()
        let result = try runLua(lua, """
            local t = { a = 1, b = 2, c = 3, d = 4 }
            local seen = {}
            for k in pairs(t) do seen[#seen + 1] = k; t.c = nil; t[k] = nil end
            return table.concat(seen), next(t)
            """)
        #expect(result.values == ["abd", .nil])
    }

    @Test func requireCannotReachHostLibraries() throws {
        let lua = try LuaState(modules: InMemoryModuleLoader(modules: [:]))
        for name in ["io", "os", "debug", "package", "coroutine", "string", "_G"] {
            let error = luaFailure { try runLua(lua, "return require('\(name)')") }
            #expect(runtimeError(error)?.message.contains("not found") == true, "\(name): \(String(describing: error))")
        }
        expectHealthy(lua)
    }

    @Test func printIsCapturedAndBounded() throws {
        let lua = try LuaState()
        let result = try runLua(lua, "print('a', 1, nil, true, money('1.5')) print('喷')")
        #expect(result.output == "a\t1\tnil\ttrue\t¥1.50\n喷\n")
        let big = try runLua(lua, "for i = 1, 2000 do print(('x'):rep(100)) end")
        #expect(big.output.utf8.count == 64 << 10)
        expectHealthy(lua)
    }

    @Test func callerLocationNamesTheScript() throws {
        let lua = try LuaState()
        let result = try runLua(lua, """
            local function where() return caller_location(2) end
            return caller_location(),
              where()
            """, chunkName: "rules/contract.lua")
        #expect(result.values == ["rules/contract.lua:2", "rules/contract.lua:3"])
    }

    @Test func setmetatableStillWorksWithoutGc() throws {
        let lua = try LuaState()
        let result = try runLua(lua, """
            local t = setmetatable({}, { __index = function(_, k) return k .. "!" end })
            return t.hi
            """)
        #expect(result.values == ["hi!"])
    }
}
