import Foundation
import Money
import Testing

@testable import LuaRuntime

/// Errors carry chunk, line, message and traceback, and are classified from runtime flags only.
@Suite(.timeLimit(.minutes(1)))
struct ErrorTests {
    @Test func syntaxErrorNamesChunkAndLine() throws {
        let lua = try LuaState()
        let error = luaFailure { try lua.compile("local a = 1\nlocal b = 2\nlocal c = = 3\n", chunkName: "rules/contract.lua") }
        guard case .syntax(let script)? = error else {
            Issue.record("expected a syntax error, got \(String(describing: error))")
            return
        }
        #expect(script.chunk == "rules/contract.lua")
        #expect(script.line == 3)
        #expect(script.message.contains("unexpected symbol"))
        #expect(script.location == "rules/contract.lua:3")
        #expect("\(error!)".hasPrefix("syntax error: rules/contract.lua:3: "))
        expectHealthy(lua)
    }

    @Test func syntaxErrorAtEndOfFile() throws {
        let lua = try LuaState()
        let error = luaFailure { try lua.compile("if true then\n  x = 1\n", chunkName: "eof.lua") }
        guard case .syntax(let script)? = error else {
            Issue.record("expected a syntax error, got \(String(describing: error))")
            return
        }
        #expect(script.chunk == "eof.lua")
        #expect(script.line == 3)
        #expect(script.message.contains("'end' expected"))
    }

    @Test func binarySourceIsASyntaxError() throws {
        let lua = try LuaState()
        let error = luaFailure { try lua.compile("\u{1B}Lua\u{54}\u{00}", chunkName: "bin.lua") }
        guard case .syntax(let script)? = error else {
            Issue.record("expected a syntax error, got \(String(describing: error))")
            return
        }
        #expect(script.message.contains("binary"))
        expectHealthy(lua)
    }

    @Test func runtimeErrorHasChunkLineMessageAndTraceback() throws {
        let lua = try LuaState()
        let error = luaFailure {
            try runLua(lua, """
                local function check(line)
                  return line.qty > 0
                end
                local lines = { { qty = 1 }, {} }
                for _, l in ipairs(lines) do check(l) end
                """, chunkName: "rules/contract.lua")
        }
        guard let script = runtimeError(error) else { return }
        #expect(script.chunk == "rules/contract.lua")
        #expect(script.line == 2)
        #expect(script.message.contains("attempt to compare"))
        let traceback = try #require(script.traceback)
        #expect(traceback.contains("rules/contract.lua:2"))
        #expect(traceback.contains("rules/contract.lua:5"))
        #expect("\(error!)".hasPrefix("rules/contract.lua:2: attempt to compare"))
        expectHealthy(lua)
    }

    @Test func errorWithLevelZeroStillGetsALocation() throws {
        let lua = try LuaState()
        let error = luaFailure { try runLua(lua, "\n\nerror('plain', 0)", chunkName: "lvl.lua") }
        guard let script = runtimeError(error) else { return }
        #expect(script.message == "plain")
        #expect(script.chunk == "lvl.lua")
        #expect(script.line == 3)
    }

    @Test func errorWithLevelTwoBlamesTheCaller() throws {
        let lua = try LuaState()
        let error = luaFailure {
            try runLua(lua, """
                local function need(x) if not x then error("value required", 2) end end
                need(1)
                need(nil)
                """, chunkName: "lvl.lua")
        }
        guard let script = runtimeError(error) else { return }
        #expect(script.location == "lvl.lua:3")
        #expect(script.message == "value required")
    }

    @Test func errorObjectThatIsATable() throws {
        let lua = try LuaState()
        let error = luaFailure { try runLua(lua, "error({ code = 42 })", chunkName: "obj.lua") }
        guard let script = runtimeError(error) else { return }
        #expect(script.message == "(error object is a table value)")
        #expect(script.chunk == "obj.lua")
        #expect(script.line == 1)
        expectHealthy(lua)
        // Scripts catching their own table errors still get the table.
        let caught = try runLua(lua, "local ok, e = pcall(error, { code = 42 }) return ok, e.code")
        #expect(caught.values == [false, 42])
    }

    @Test func errorObjectWithTostring() throws {
        let lua = try LuaState()
        let error = luaFailure {
            try runLua(lua, "error(setmetatable({}, { __tostring = function() return 'custom failure' end }))")
        }
        #expect(runtimeError(error)?.message == "custom failure")
        expectHealthy(lua)
    }

    @Test func errorObjectWhoseTostringErrors() throws {
        let lua = try LuaState()
        for source in [
            "error(setmetatable({}, { __tostring = function() error('again') end }))",
            "error(setmetatable({}, { __tostring = function() return {} end }))",
            "error(setmetatable({}, { __tostring = function() return nil end }))",
            "error(setmetatable({}, { __tostring = function(self) return tostring(self) end }))",
        ] {
            let error = luaFailure { try runLua(lua, source, limits: quickLimits) }
            guard let script = runtimeError(error) else { continue }
            #expect(script.message.hasPrefix("(error object is a table value"), "\(source): \(script.message)")
            expectHealthy(lua)
        }
    }

    @Test func otherErrorObjects() throws {
        let lua = try LuaState()
        let cases: [(String, String)] = [
            ("error()", "(error object is a nil value)"),
            ("error(nil)", "(error object is a nil value)"),
            ("error(42, 0)", "42"),
            ("error(true)", "(error object is a boolean value)"),
            ("error(print)", "(error object is a function value)"),
            ("error(money('1.5'))", "¥1.50"),
        ]
        for (source, message) in cases {
            let error = luaFailure { try runLua(lua, source) }
            #expect(runtimeError(error)?.message == message, "\(source)")
        }
        expectHealthy(lua)
    }

    /// A script can write any text; only the runtime's own flags make a limit error.
    @Test func forgedLimitMessagesStayRuntimeErrors() throws {
        let lua = try LuaState()
        for text in ["instruction limit reached", "time limit reached", "memory limit reached", "not enough memory"] {
            let error = luaFailure { try runLua(lua, "error('\(text)')", chunkName: "forge.lua") }
            guard let script = runtimeError(error) else { continue }
            #expect(script.message == text)
            #expect(script.location == "forge.lua:1")
            let bare = luaFailure { try runLua(lua, "error('\(text)', 0)", chunkName: "forge.lua") }
            #expect(runtimeError(bare)?.message == text)
        }
        // A real limit error caught and re-raised by the script is still a limit.
        let rethrown = luaFailure {
            try runLua(lua, "local ok, e = pcall(function() while true do end end) error(e, 0)", limits: quickLimits)
        }
        guard case .instructionLimit? = rethrown else {
            Issue.record("expected the instruction limit, got \(String(describing: rethrown))")
            return
        }
        expectHealthy(lua)
    }

    @Test func errorsInsideLoadedChunksNameThem() throws {
        let lua = try LuaState()
        let error = luaFailure { try runLua(lua, "local f = load('\\n local x = nil + 1', '=inner') f()", chunkName: "outer.lua") }
        guard let script = runtimeError(error) else { return }
        #expect(script.chunk == "inner")
        #expect(script.line == 2)
        #expect(script.traceback?.contains("outer.lua:1") == true)
    }

    @Test func compiledChunkFromAnotherStateIsRefused() throws {
        let a = try LuaState()
        let b = try LuaState()
        let chunk = try a.compile("return 1", chunkName: "a.lua")
        guard case .host(let message)? = luaFailure({ try b.run(chunk) }) else {
            Issue.record("a foreign chunk ran")
            return
        }
        #expect(message.contains("another LuaState"))
        expectHealthy(b)
        #expect(try a.run(chunk).values == [1])
    }

    @Test func parseSplitsLocations() {
        #expect(LuaScriptError.parse("a/b.lua:12: boom") == LuaScriptError(chunk: "a/b.lua", line: 12, message: "boom"))
        #expect(LuaScriptError.parse("no location") == LuaScriptError(message: "no location"))
        #expect(LuaScriptError.parse("x: not a line") == LuaScriptError(message: "x: not a line"))
        #expect(LuaScriptError.parse("x.lua:7:") == LuaScriptError(chunk: "x.lua", line: 7, message: ""))
    }

    @Test func descriptionsAreReadable() {
        let at = LuaScriptError(chunk: "c.lua", line: 3, message: "m")
        #expect(LuaError.runtime(at).description == "c.lua:3: m")
        #expect(LuaError.instructionLimit(budget: 10, at: at).description.contains("(at c.lua:3)"))
        #expect(LuaError.memoryLimit(bytes: 32 << 20, at: nil).description.contains("32 MiB"))
        #expect(LuaError.module(name: "x", reason: "no such module").description == "module 'x': no such module")
        #expect(LuaError.runtime(at).scriptError == at)
        #expect(LuaError.value("v").scriptError == nil)
    }
}
