/// What one call may spend. A script that reaches a limit is stopped, whatever it does to catch
/// the error (see `LuaState`), and the call throws the matching `LuaError`.
public struct LuaLimits: Sendable, Hashable {
    /// Lua VM instructions; `nil` for no budget.
    public var instructions: Int64?
    /// Wall-clock time; `nil` for no deadline.
    public var timeout: Duration?
    /// Bytes the call may allocate beyond what the state held before it; `nil` for no cap.
    public var memory: Int?

    public init(instructions: Int64? = 10_000_000, timeout: Duration? = .seconds(2), memory: Int? = 32 << 20) {
        self.instructions = instructions
        self.timeout = timeout
        self.memory = memory
    }

    /// Generous limits suited to policy evaluation: about a second of work at most.
    public static let `default` = LuaLimits()

    /// No limits at all: only for trusted code in tests and benchmarks.
    public static let none = LuaLimits(instructions: nil, timeout: nil, memory: nil)
}
