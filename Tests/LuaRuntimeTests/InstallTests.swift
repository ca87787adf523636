import Testing

@testable import LuaRuntime

/// `LuaState.install`: a helper library defined once per state, shared by every later run
/// without letting one run change what the next one sees.
@Suite(.timeLimit(.minutes(1)))
struct InstallTests {
    static let library = """
        local calls = 0                      -- the library's own state, reset by start()
        function start() calls = 0 end
        function bump() calls = calls + 1 return calls end
        greeting = "hello"
        limit = money("500.00")
        """

    func installed(_ source: String = library) throws -> LuaState {
        let lua = try LuaState()
        try lua.install(lua.compile(source, chunkName: "library.lua"))
        return lua
    }

    @Test func installedGlobalsAreSeenByEveryRun() throws {
        let lua = try installed()
        for _ in 0..<2 {
            let result = try runLua(lua, "start() bump() return bump(), greeting, tostring(limit), type(pairs)")
            #expect(result.values == [2, "hello", "¥500.00", "function"])
        }
    }

    @Test func aRunCannotReplaceAnInstalledFunctionForTheNext() throws {
        let lua = try installed()
        _ = try runLua(lua, "bump = function() return 99 end; greeting = 'changed'; _G.start = nil")
        let result = try runLua(lua, "start() return bump(), greeting")
        #expect(result.values == [1, "hello"])
        expectHealthy(lua)
    }

    @Test func installedFunctionsCannotSetGlobals() throws {
        let lua = try installed("function leak() smuggled = 1 end")
        let error = luaFailure { try runLua(lua, "leak()") }
        #expect(error?.description.contains("installed functions cannot set globals (tried 'smuggled')") == true)
        #expect(try runLua(lua, "return smuggled").values == [.nil])
    }

    @Test func tablesCannotBeInstalled() throws {
        let lua = try LuaState()
        let error = luaFailure { try lua.install(lua.compile("shared = { 1, 2 }", chunkName: "library.lua")) }
        #expect(error?.description.contains("global 'shared' is a table") == true)
    }

    @Test func aFailingLibraryNamesItsLine() throws {
        let lua = try LuaState()
        let error = luaFailure { try lua.install(lua.compile("local x = 1\nerror('broken')", chunkName: "library.lua")) }
        #expect(error?.scriptError?.location == "library.lua:2")
    }

    @Test func callerLocationSkipsTheLibrarysOwnFrames() throws {
        let lua = try installed("""
            local function inner() return caller_location(1, "library.lua") end
            function outer() local loc, level = inner() return loc, level end  -- no tail call: a frame of its own
            """)
        let result = try runLua(lua, "local a, level = outer()\nreturn a, level", chunkName: "rules/contract.lua")
        // level 1 is inner, 2 is outer (both library.lua), 3 is the script's line 1
        #expect(result.values == ["rules/contract.lua:1", 3])
    }
}
