import Foundation
import Money
import Testing

@testable import LuaRuntime

/// Runaway scripts end with the matching typed error, quickly, whatever they do to catch it; the
/// state stays usable afterwards.
@Suite(.timeLimit(.minutes(1)))
struct LimitTests {
    func expectInstructionLimit(
        _ source: String, limits: LuaLimits = quickLimits, locates: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let lua = try LuaState()
        var error: LuaError?
        let time = elapsed { error = luaFailure { try runLua(lua, source, chunkName: "runaway.lua", limits: limits) } }
        guard case .instructionLimit(let budget, let at)? = error else {
            Issue.record("expected the instruction limit, got \(String(describing: error))", sourceLocation: sourceLocation)
            return
        }
        #expect(budget == limits.instructions, sourceLocation: sourceLocation)
        if locates { #expect(at?.chunk == "runaway.lua", sourceLocation: sourceLocation) }
        #expect(time < .seconds(5), "took \(time)", sourceLocation: sourceLocation)
        expectHealthy(lua, sourceLocation: sourceLocation)
    }

    @Test func infiniteLoop() throws {
        try expectInstructionLimit("while true do end")
    }

    @Test func infiniteLoopUnderDefaultLimits() throws {
        try expectInstructionLimit("local i = 0 while true do i = i + 1 end", limits: .default)
    }

    @Test func pcallCannotCatchTheLimit() throws {
        try expectInstructionLimit("while true do pcall(function() while true do end end) end")
    }

    @Test func pcallThenReturnDoesNotEscape() throws {
        try expectInstructionLimit("""
            local ok = pcall(function() while true do end end)
            return "escaped", ok
            """)
    }

    @Test func xpcallWithLoopingHandler() throws {
        try expectInstructionLimit("""
            while true do
              xpcall(function() error("first") end, function() while true do end end)
            end
            """)
        try expectInstructionLimit("""
            xpcall(function() while true do end end, function(m) while true do end end)
            return "escaped"
            """)
        try expectInstructionLimit("""
            local function handler(m) return select(2, xpcall(function() while true do end end, handler)) end
            return xpcall(function() error("x") end, handler)
            """, locates: false)  // ends in Lua's "error in error handling", which carries no frame
    }

    /// Lua runs a message handler for an error the hook raised with hooks off; the sandbox must not
    /// let a script's handler run then, or only the host's patience would stop it.
    @Test func xpcallHandlerCannotOutliveTheDeadline() throws {
        let lua = try LuaState()
        let limits = LuaLimits(instructions: nil, timeout: .milliseconds(100), memory: nil)
        var error: LuaError?
        let time = elapsed {
            error = luaFailure {
                try runLua(lua, "xpcall(function() while true do end end, function() while true do end end)", limits: limits)
            }
        }
        guard case .timeout? = error else {
            Issue.record("expected a timeout, got \(String(describing: error))")
            return
        }
        #expect(time < .seconds(5))
        // A handler still runs for ordinary errors.
        let result = try runLua(lua, "return xpcall(function() error('e', 0) end, function(m) return 'handled ' .. m end)")
        #expect(result.values == [false, "handled e"])
        let passed = try runLua(lua, "return xpcall(function(a, b) return a + b end, print, 2, 3)")
        #expect(passed.values == [true, 5])
        expectHealthy(lua)
    }

    @Test func closeHandlerThatLoopsAfterTheLimit() throws {
        try expectInstructionLimit("""
            local guard <close> = setmetatable({}, { __close = function() while true do end end })
            while true do end
            """)
        try expectInstructionLimit("""
            while true do
              pcall(function()
                local a <close> = setmetatable({}, { __close = function() while true do pcall(error, "x") end end })
                local b <close> = setmetatable({}, { __close = function() while true do end end })
                while true do end
              end)
            end
            """)
    }

    @Test func errorObjectWhoseTostringLoops() throws {
        try expectInstructionLimit("""
            error(setmetatable({}, { __tostring = function() while true do end end }))
            """)
    }

    @Test func loopInsideLoadedChunk() throws {
        try expectInstructionLimit("load('while true do end')()")
    }

    @Test func loopInsideSortComparator() throws {
        try expectInstructionLimit("table.sort({ 3, 2, 1 }, function(a, b) while true do end end)")
    }

    @Test func loopInsideGsubCallback() throws {
        try expectInstructionLimit("string.gsub('abc', '%w', function() while true do end end)")
    }

    @Test func gcFinalizerIsRefusedAtSetmetatable() throws {
        let lua = try LuaState()
        for source in [
            "setmetatable({}, { __gc = function() while true do end end })",
            "setmetatable({}, { __gc = true })",
            "local mt = { __gc = false } return setmetatable({}, mt)",
            "for i = 1, 10 do pcall(setmetatable, {}, { __gc = function() while true do end end }) end error('x')",
        ] {
            let error = luaFailure { try runLua(lua, source, limits: quickLimits) }
            #expect(runtimeError(error) != nil, "\(source)")
            lua.collectGarbage()
            expectHealthy(lua)
        }
        let error = luaFailure { try runLua(lua, "setmetatable({}, { __gc = function() end })") }
        #expect(runtimeError(error)?.message.contains("__gc") == true)
    }

    @Test func gcAddedAfterSetmetatableNeverRuns() throws {
        let lua = try LuaState()
        // Lua marks objects for finalization only at setmetatable time, so this __gc is inert.
        try runLua(lua, """
            local mt = {}
            for i = 1, 100 do setmetatable({}, mt) end
            mt.__gc = function() while true do end end
            """, limits: quickLimits)
        let time = elapsed { lua.collectGarbage() }
        #expect(time < .seconds(5))
        expectHealthy(lua)
    }

    @Test func hugeStringRepIsRefusedQuickly() throws {
        let lua = try LuaState()
        for source in [
            #"return string.rep("x", 2^31)"#, #"return ("x"):rep(1 << 40)"#, #"return ("ab"):rep(2^20, ",")"#,
            #"return string.rep("", math.maxinteger)"#, #"return string.rep("", 1 << 62, "")"#,
        ] {
            var error: LuaError?
            let time = elapsed { error = luaFailure { try runLua(lua, source, limits: quickLimits) } }
            #expect(error != nil || source.contains("\"\""), "\(source)")
            #expect(time < .seconds(5), "\(source) took \(time)")
            expectHealthy(lua)
        }
        // Sizes that fit still work.
        let fits = try runLua(lua, "return #string.rep('ab', 1000, ',')")
        #expect(fits.values == [2999])
    }

    @Test func tableThatGrowsForever() throws {
        let lua = try LuaState()
        let limits = LuaLimits(instructions: nil, timeout: .seconds(10), memory: 8 << 20)
        var error: LuaError?
        let time = elapsed {
            error = luaFailure { try runLua(lua, "local t = {} while true do t[#t + 1] = { #t } end", limits: limits) }
        }
        guard case .memoryLimit(let bytes, _)? = error else {
            Issue.record("expected the memory limit, got \(String(describing: error))")
            return
        }
        #expect(bytes == 8 << 20)
        #expect(time < .seconds(5))
        #expect(lua.memoryInUse < 4 << 20, "garbage left behind: \(lua.memoryInUse) bytes")
        expectHealthy(lua)
    }

    @Test func memoryErrorsCannotBeCaught() throws {
        let lua = try LuaState()
        let limits = LuaLimits(instructions: nil, timeout: .seconds(10), memory: 4 << 20)
        let error = luaFailure {
            try runLua(lua, """
                local kept = {}
                while true do
                  pcall(function() local t = {} while true do t[#t + 1] = ("y"):rep(1000) .. #t; kept[#kept + 1] = t end end)
                end
                """, limits: limits)
        }
        guard case .memoryLimit? = error else {
            Issue.record("expected the memory limit, got \(String(describing: error))")
            return
        }
        expectHealthy(lua)
    }

    @Test func bigStringsHitTheMemoryCap() throws {
        let lua = try LuaState()
        let error = luaFailure {
            try runLua(lua, """
                local s = ("x"):rep(1 << 20)
                local parts = {}
                for i = 1, 1000 do parts[i] = s .. i end
                """, limits: LuaLimits(instructions: nil, timeout: .seconds(10), memory: 16 << 20))
        }
        guard case .memoryLimit? = error else {
            Issue.record("expected the memory limit, got \(String(describing: error))")
            return
        }
        expectHealthy(lua)
    }

    @Test func memoryCapIsPerCall() throws {
        let lua = try LuaState()
        let limits = LuaLimits(instructions: nil, timeout: .seconds(10), memory: 4 << 20)
        // Each run allocates ~2 MiB of garbage: under the cap every time, however many runs.
        let chunk = try lua.compile("local t = {} for i = 1, 2000 do t[i] = ('z'):rep(1000) .. i end return #t", chunkName: "m.lua")
        for _ in 0..<10 {
            #expect(try lua.run(chunk, limits: limits).values == [2000])
        }
    }

    @Test func unboundedRecursion() throws {
        let lua = try LuaState()
        // Whichever comes first (Lua's stack limit, the memory cap, the budget or the deadline)
        // ends the run; recursion a script catches itself with pcall may even finish normally.
        let limits = LuaLimits(instructions: 2_000_000, timeout: .seconds(1), memory: 16 << 20)
        for (source, mayFinish) in [
            ("local function f(n) return 1 + f(n + 1) end return f(1)", false),
            ("local function f() return f() + 1 end return f()", false),
            ("local t = setmetatable({}, {}) getmetatable(t).__index = function(s, k) return s[k .. 'x'] end return t.a", false),
            ("local t = setmetatable({}, {}) getmetatable(t).__index = function(s, k) return s[k] end return t.a", false),
            ("local function f() return tostring(setmetatable({}, { __tostring = f })) end return f()", false),
            // A tail call with ever more arguments copies them in C: only the deadline stops it.
            ("local function f(...) return f(1, ...) end return f()", false),
            ("local function f() return pcall(f) end return f()", true),
            ("local s = '' local function f() s = s .. 'x' return select(2, pcall(f)) end return f()", true),
        ] {
            var error: LuaError?
            let time = elapsed { error = luaFailure { try runLua(lua, source, chunkName: "deep.lua", limits: limits) } }
            switch error {
            case .runtime?, .memoryLimit?, .instructionLimit?, .timeout?: break
            case nil where mayFinish: break
            default: Issue.record("\(source): unexpected \(String(describing: error))")
            }
            #expect(time < .seconds(5), "\(source) took \(time)")
            expectHealthy(lua)
        }
    }

    @Test func timeoutWithoutInstructionBudget() throws {
        let lua = try LuaState()
        let limits = LuaLimits(instructions: nil, timeout: .milliseconds(50), memory: nil)
        for source in ["while true do end", "while true do pcall(function() while true do end end) end"] {
            var error: LuaError?
            let time = elapsed { error = luaFailure { try runLua(lua, source, chunkName: "slow.lua", limits: limits) } }
            guard case .timeout(let after, let at)? = error else {
                Issue.record("expected a timeout, got \(String(describing: error))")
                continue
            }
            #expect(after == .milliseconds(50))
            #expect(at?.chunk == "slow.lua")
            #expect(time >= .milliseconds(50))
            #expect(time < .seconds(5), "took \(time)")
            expectHealthy(lua)
        }
    }

    @Test func budgetIsPerCall() throws {
        let lua = try LuaState()
        let limits = LuaLimits(instructions: 100_000, timeout: nil, memory: nil)
        let chunk = try lua.compile("local n = 0 for i = 1, 20000 do n = n + i end return n", chunkName: "b.lua")
        for _ in 0..<20 {
            #expect(try lua.run(chunk, limits: limits).values == [200_010_000])
        }
        let over = try lua.compile("local n = 0 for i = 1, 200000 do n = n + i end return n", chunkName: "b.lua")
        guard case .instructionLimit(100_000, _)? = luaFailure({ try lua.run(over, limits: limits) }) else {
            Issue.record("budget not enforced")
            return
        }
        #expect(try lua.run(chunk, limits: limits).values == [200_010_000])
    }

    @Test func limitsPassedToInitAreTheDefault() throws {
        let lua = try LuaState(limits: LuaLimits(instructions: 1000, timeout: nil, memory: nil))
        guard case .instructionLimit(1000, _)? = luaFailure({ try runLua(lua, "while true do end") }) else {
            Issue.record("the state's limits were not used")
            return
        }
        #expect(try runLua(lua, "return 1").values == [1])
    }

    @Test func costlyPatternsAreRefusedQuickly() throws {
        let lua = try LuaState()
        for source in [
            "return string.find(('a'):rep(600), '.-.-.-b')",
            "return ('a'):rep(5000):match('(a*)*b')",
            "return ('a'):rep(20000):gsub('a-b', '')",
            "for w in ('a'):rep(3000):gmatch('.-.-b') do end",
            "return string.find(('a'):rep(100000), '%f[a]a-a-a-b')",
        ] {
            var error: LuaError?
            let time = elapsed { error = luaFailure { try runLua(lua, source, limits: quickLimits) } }
            #expect(runtimeError(error)?.message.contains("too costly") == true, "\(source): \(String(describing: error))")
            #expect(time < .seconds(5), "\(source) took \(time)")
            expectHealthy(lua)
        }
        let result = try runLua(lua, """
            local s = ('a'):rep(600)
            return string.find(s, '.-.-.-b', 1, true), string.find(s .. 'b', 'b', 1, true),
                   ("key=value"):match("(%w+)=(%w+)"), (("a,b,c"):gsub(",", ";"))
            """)
        #expect(result.values == [.nil, 601, "key", "a;b;c"])
    }

    /// Long subjects with long literal patterns cost |subject|×|pattern| inside one C call.
    @Test func longLiteralPatternsAreBounded() throws {
        let lua = try LuaState()
        for source in [
            "local s = ('a'):rep(1 << 20) return s:find(('a'):rep(1 << 19) .. 'b', 1, true)",
            "local s = ('a'):rep(1 << 20) return s:find(('a'):rep(1 << 19) .. 'b')",
            "local s = ('a'):rep(1 << 20) return s:match(('a'):rep(1 << 19) .. '.b')",
            "local s = ('a'):rep(1 << 20) s = s .. s .. s .. s return s:find(s:sub(1, -2) .. 'b', 1, true)",
        ] {
            var error: LuaError?
            let time = elapsed { error = luaFailure { try runLua(lua, source, limits: quickLimits) } }
            if let error { _ = runtimeError(error) }
            #expect(time < .seconds(5), "\(source) took \(time)")
            expectHealthy(lua)
        }
    }

    /// Table functions loop in C, where no hook fires: their loops must be bounded too.
    @Test func tableFunctionLoopsAreBounded() throws {
        let lua = try LuaState()
        for source in [
            "table.move({}, 1, 1 << 40, 2)",
            "table.move({}, 1, math.maxinteger - 1, 1, {})",
            "local t = {} for i = 0, 49 do t[1 << i] = true end table.insert(t, 1, 'x')",
            "local t = {} for i = 0, 49 do t[1 << i] = true end table.remove(t, 1)",
            "local t = setmetatable({}, { __len = function() return 1 << 50 end }) table.insert(t, 1, 'x')",
            "local t = setmetatable({}, { __len = function() return 1 << 50 end }) table.remove(t, 1)",
            "local t = setmetatable({}, { __len = function() return 1 << 50 end }) table.insert(t, 'x')",
        ] {
            var error: LuaError?
            let time = elapsed { error = luaFailure { try runLua(lua, source, limits: quickLimits) } }
            #expect(time < .seconds(5), "\(source) took \(time) (\(String(describing: error)))")
            expectHealthy(lua)
        }
        let result = try runLua(lua, """
            local t = { 1, 2, 3 }
            table.insert(t, 1, 0); table.insert(t, 4)
            local removed = table.remove(t, 2)
            local moved = table.move(t, 1, 4, 2, {})
            return table.concat(t, ","), removed, table.concat(moved, ",", 2, 5), table.remove({}), moved[1]
            """)
        #expect(result.values == ["0,2,3,4", 1, "0,2,3,4", .nil, .nil])
    }

    /// A result that shares subtables would be expanded exponentially when copied out.
    @Test func sharedSubtablesInResultsAreBounded() throws {
        let lua = try LuaState()
        var error: LuaError?
        let time = elapsed {
            error = luaFailure { try runLua(lua, "local t = {} for i = 1, 40 do t = { t, t } end return t", limits: quickLimits) }
        }
        #expect(error != nil)
        #expect(time < .seconds(5), "took \(time)")
        expectHealthy(lua)
    }

    @Test func cyclicResultIsAValueError() throws {
        let lua = try LuaState()
        let error = luaFailure { try runLua(lua, "local t = {} t.self = t return t") }
        guard case .value(let message)? = error else {
            Issue.record("expected a value error, got \(String(describing: error))")
            return
        }
        #expect(message.contains("nested too deeply"))
        expectHealthy(lua)
    }
}
