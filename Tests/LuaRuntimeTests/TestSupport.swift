import Foundation
import Money
import Testing

@testable import LuaRuntime

/// Compiles `source` as `chunkName` and runs it once.
@discardableResult
func runLua(
    _ lua: LuaState, _ source: String, chunkName: String = "test.lua", limits: LuaLimits? = nil
) throws(LuaError) -> LuaResult {
    let chunk = try lua.compile(source, chunkName: chunkName)
    return try lua.run(chunk, limits: limits)
}

/// The `LuaError` that `body` throws, or nil when it succeeds (any other error is recorded).
func luaFailure<T>(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> T) -> LuaError? {
    do {
        _ = try body()
        return nil
    } catch let error as LuaError {
        return error
    } catch {
        Issue.record("unexpected error type: \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// The script error of a `.runtime` failure, recording an issue for anything else.
func runtimeError(
    _ error: LuaError?, sourceLocation: SourceLocation = #_sourceLocation
) -> LuaScriptError? {
    guard case .runtime(let script)? = error else {
        Issue.record("expected a runtime error, got \(String(describing: error))", sourceLocation: sourceLocation)
        return nil
    }
    return script
}

/// After any failure the same state must still evaluate an ordinary call correctly.
func expectHealthy(_ lua: LuaState, sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        let result = try runLua(lua, """
            local t = { b = 2, a = 1 }
            local keys = {}
            for k in pairs(t) do keys[#keys + 1] = k end
            local total = money("0.10") + money("0.20")
            return 1 + 2, ("abc"):upper(), table.concat(keys, ","), total, x_global == nil, tostring(total)
            """, chunkName: "healthy.lua", limits: .default)
        #expect(result.values == [
            .integer(3), .string("ABC"), .string("a,b"), .money(Money(fen: 30)), .boolean(true), .string("¥0.30"),
        ], sourceLocation: sourceLocation)
        #expect(result.output == "", sourceLocation: sourceLocation)
    } catch {
        Issue.record("the state no longer evaluates a normal call: \(error)", sourceLocation: sourceLocation)
    }
}

/// Limits small enough that runaway scripts stop quickly in tests.
let quickLimits = LuaLimits(instructions: 2_000_000, timeout: .seconds(5), memory: 16 << 20)

/// Measures how long `body` takes.
func elapsed(_ body: () -> Void) -> Duration {
    let clock = ContinuousClock()
    let start = clock.now
    body()
    return clock.now - start
}
