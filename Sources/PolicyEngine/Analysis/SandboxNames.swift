/// The names a policy script may use without declaring them: what the sandbox's base offers
/// (`Sources/CLuaShim/sandbox.c`), the standard library members it keeps, and what the host adds.
/// A test runs each of them in a real sandbox, so this list cannot drift from the runtime.
public enum SandboxNames {
    public static let base: Set<String> = [
        "assert", "error", "getmetatable", "ipairs", "next", "pcall", "rawequal", "rawget", "rawlen",
        "select", "tonumber", "type", "xpcall", "_VERSION", "setmetatable", "tostring", "print", "load",
        "collectgarbage", "pairs", "require", "caller_location", "money", "is_money",
        "string", "table", "math", "utf8", "_G",
    ]

    /// Members of the library tables scripts see.
    public static let libraries: [String: Set<String>] = [
        "string": ["byte", "char", "find", "format", "gmatch", "gsub", "len", "lower", "match", "rep",
                   "reverse", "sub", "upper", "pack", "packsize", "unpack"],
        "table": ["concat", "insert", "move", "pack", "unpack", "remove", "sort"],
        "math": ["abs", "acos", "asin", "atan", "ceil", "cos", "deg", "exp", "floor", "fmod", "huge", "log",
                 "max", "maxinteger", "min", "mininteger", "modf", "pi", "rad", "sin", "sqrt", "tan",
                 "tointeger", "type", "ult"],
        "utf8": ["char", "charpattern", "codes", "codepoint", "len", "offset"],
    ]

    /// Globals the host sets for every evaluation.
    public static let host: Set<String> = ["request"]
}
