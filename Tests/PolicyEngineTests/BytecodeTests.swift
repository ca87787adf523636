import LuaRuntime
import Testing
@testable import PolicyEngine

/// The bytecode reader sees exactly the globals and lines the compiler produced.
struct BytecodeTests {
    func analyse(_ source: String) throws -> LuaBytecode {
        let lua = try LuaState()
        return try LuaBytecode(lua.bytecode(of: lua.compile(source, chunkName: "x.lua")))
    }

    @Test func globalsReadAndWrittenWithTheirLines() throws {
        let code = try analyse("""
            local a = 1
            b = a + undefined_thing
            local function f()
              return string.format("%d", a) .. approve
            end
            """)
        let reads = code.globals.filter { !$0.isWrite }.map { "\($0.name)@\($0.line)" }
        let writes = code.globals.filter(\.isWrite).map { "\($0.name)@\($0.line)" }
        #expect(Set(reads) == ["undefined_thing@2", "string@4", "approve@4"])
        #expect(writes == ["b@2"])
        #expect(code.globalFields.map { "\($0.base).\($0.field)@\($0.line)" } == ["string.format@4"])
    }

    @Test func codeLinesSkipBlankAndCommentLines() throws {
        let code = try analyse("""
            -- a comment

            local x = 1
            if x > 0 then
              x = 2
            end
            return x
            """)
        #expect(code.codeLines.isSuperset(of: [3, 4, 5, 7]))
        #expect(!code.codeLines.contains(1) && !code.codeLines.contains(2))
    }

    @Test func globalsAreFoundPastTwoHundredFiftySixConstants() throws {
        let strings = (1...300).map { "\"s\($0)\"" }.joined(separator: ", ")
        let code = try analyse("local t = { \(strings) }\nzeta = approv(t)\n")
        #expect(code.globals.contains { $0.name == "approv" && $0.line == 2 && !$0.isWrite })
        #expect(code.globals.contains { $0.name == "zeta" && $0.line == 2 && $0.isWrite })
    }

    @Test func longFilesUseAbsoluteLineInfo() throws {
        // More than 128 instructions forces absolute line entries in the debug information.
        let body = "local t = {}\n" + (2...400).map { "t[\($0)] = \($0)" }.joined(separator: "\n") + "\nz = 1\n"
        let code = try analyse(body)
        #expect(code.globals.last?.name == "z")
        #expect(code.globals.last?.line == 401)
        #expect(code.codeLines.contains(400) && code.codeLines.contains(2))
    }
}
