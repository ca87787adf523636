import Money

/// A Lua value as Swift sees it: what a script returned, what a host function received, or what
/// the host hands in. Tables are copied out whole (no live references into the Lua state).
public enum LuaValue: Sendable, Hashable {
    case `nil`
    case boolean(Bool)
    case integer(Int64)
    case number(Double)
    /// Lua strings are bytes; invalid UTF-8 is replaced (U+FFFD) on the way out.
    case string(String)
    /// An exact amount (the `money` type of scripts).
    case money(Money)
    case table(LuaTable)
    /// A function, coroutine or foreign userdata: it cannot leave Lua, only be reported.
    case unsupported(typeName: String)

    /// The Lua type name, as scripts would see it (`money` for amounts).
    public var typeName: String {
        switch self {
        case .nil: "nil"
        case .boolean: "boolean"
        case .integer: "integer"
        case .number: "number"
        case .string: "string"
        case .money: "money"
        case .table: "table"
        case .unsupported(let name): name
        }
    }

    public var isNil: Bool { if case .nil = self { true } else { false } }

    public subscript(key: String) -> LuaValue {
        if case .table(let table) = self { return table[key] }
        return .nil
    }

    public subscript(index: Int) -> LuaValue {
        if case .table(let table) = self { return table[index] }
        return .nil
    }
}

/// A Lua table split the way scripts use it: the sequence `1...n` and the other fields.
public struct LuaTable: Sendable, Hashable {
    /// Values at keys 1, 2, … n (Lua's border; later integer keys are in `fields`).
    public var array: [LuaValue]
    /// Every other key. Iterate `sortedFields` where order matters.
    public var fields: [LuaValue: LuaValue]

    public init(array: [LuaValue] = [], fields: [LuaValue: LuaValue] = [:]) {
        self.array = array
        self.fields = fields
    }

    public subscript(key: String) -> LuaValue {
        get { fields[.string(key)] ?? .nil }
        set {
            // Written out: with LuaValue being ExpressibleByNilLiteral, `cond ? nil : v` would
            // store `.nil` instead of removing the key.
            if newValue.isNil { fields.removeValue(forKey: .string(key)) } else { fields[.string(key)] = newValue }
        }
    }

    /// 1-based, like Lua.
    public subscript(index: Int) -> LuaValue {
        if index >= 1 && index <= array.count { return array[index - 1] }
        return fields[.integer(Int64(index))] ?? .nil
    }

    /// Fields in a deterministic order: numbers, then strings (bytewise), then the rest.
    public var sortedFields: [(key: LuaValue, value: LuaValue)] {
        fields.sorted { LuaValue.keyOrder($0.key, $1.key) }.map { (key: $0.key, value: $0.value) }
    }
}

extension LuaValue {
    /// The order `pairs` uses inside the sandbox, so Swift and Lua agree.
    static func keyOrder(_ a: LuaValue, _ b: LuaValue) -> Bool {
        func rank(_ v: LuaValue) -> Int {
            switch v {
            case .integer, .number: 0
            case .string: 1
            case .boolean: 2
            default: 3
            }
        }
        switch (a, b) {
        case (.integer(let x), .integer(let y)): return x < y
        case (.integer(let x), .number(let y)): return Double(x) < y
        case (.number(let x), .integer(let y)): return x < Double(y)
        case (.number(let x), .number(let y)): return x < y
        case (.string(let x), .string(let y)): return x.utf8.lexicographicallyPrecedes(y.utf8)
        case (.boolean(let x), .boolean(let y)): return !x && y
        default: return rank(a) < rank(b)
        }
    }
}

extension LuaValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral, ExpressibleByNilLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(nilLiteral: ()) { self = .nil }
    public init(arrayLiteral elements: LuaValue...) { self = .table(LuaTable(array: elements)) }
    public init(dictionaryLiteral elements: (String, LuaValue)...) {
        var table = LuaTable()
        for (key, value) in elements { table[key] = value }
        self = .table(table)
    }
}
