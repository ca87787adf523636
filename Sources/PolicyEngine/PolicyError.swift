import LuaRuntime
import SalesDomain

/// Why the engine could not start or could not take a request. A policy script that fails while
/// deciding is NOT one of these: it yields a `manual_review` decision instead.
public enum PolicyError: Error, Sendable, CustomStringConvertible {
    /// The rules directory is missing, empty or unreadable.
    case rules(directory: String, message: String)
    /// A script of the policy does not compile, or `messages.lua` is malformed.
    case script(LuaError)
    /// The request or its context is invalid (file, line, field path, what was expected).
    case input(InputError)

    public var description: String {
        switch self {
        case .rules(let directory, let message): "\(directory): \(message)"
        case .script(let error): "\(error)"
        case .input(let error): "\(error)"
        }
    }
}
