/// Where and why a script failed.
public struct LuaScriptError: Sendable, Hashable, CustomStringConvertible {
    /// The chunk name of the script (its path in the rules folder, e.g. `contract.lua`), if known.
    public var chunk: String?
    /// The line in `chunk`, if known.
    public var line: Int?
    /// The message without its `chunk:line:` prefix.
    public var message: String
    /// A short Lua traceback (innermost first), if one was taken.
    public var traceback: String?

    public init(chunk: String? = nil, line: Int? = nil, message: String, traceback: String? = nil) {
        self.chunk = chunk
        self.line = line
        self.message = message
        self.traceback = traceback
    }

    /// `chunk:line`, or the chunk alone, or nil.
    public var location: String? {
        guard let chunk else { return nil }
        guard let line else { return chunk }
        return "\(chunk):\(line)"
    }

    public var description: String {
        if let location { return "\(location): \(message)" }
        return message
    }
}

/// Everything that can go wrong in `LuaState`. Each limit is its own case, decided from flags the
/// runtime sets when it stops a script, never from the error text (which a script can forge).
public enum LuaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The chunk does not compile.
    case syntax(LuaScriptError)
    /// The script raised an error.
    case runtime(LuaScriptError)
    /// The instruction budget was spent.
    case instructionLimit(budget: Int64, at: LuaScriptError?)
    /// The deadline passed.
    case timeout(after: Duration, at: LuaScriptError?)
    /// The memory cap was reached.
    case memoryLimit(bytes: Int?, at: LuaScriptError?)
    /// A value could not cross between Swift and Lua; the message names the path.
    case value(String)
    /// A module could not be loaded (`require`).
    case module(name: String, reason: String)
    /// The runtime itself failed (out of memory outside any cap, state could not be created).
    case host(String)

    /// The script location the error points at, when there is one.
    public var scriptError: LuaScriptError? {
        switch self {
        case .syntax(let e), .runtime(let e): e
        case .instructionLimit(_, let e), .timeout(_, let e), .memoryLimit(_, let e): e
        default: nil
        }
    }

    public var description: String {
        func at(_ e: LuaScriptError?) -> String { e?.location.map { " (at \($0))" } ?? "" }
        switch self {
        case .syntax(let e): return "syntax error: \(e)"
        case .runtime(let e): return "\(e)"
        case .instructionLimit(let budget, let e):
            return "the script ran more than \(budget) instructions and was stopped\(at(e))"
        case .timeout(let after, let e):
            return "the script ran longer than \(after) and was stopped\(at(e))"
        case .memoryLimit(let bytes, let e):
            let cap = bytes.map { " (\($0 >> 20) MiB)" } ?? ""
            return "the script needed more memory than allowed\(cap) and was stopped\(at(e))"
        case .value(let message): return message
        case .module(let name, let reason): return "module '\(name)': \(reason)"
        case .host(let message): return "Lua runtime: \(message)"
        }
    }
}
