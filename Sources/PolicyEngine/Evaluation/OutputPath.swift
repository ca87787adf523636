import LuaRuntime

/// Where a value sits in the driver's decision table (`decision.steps[2].due.days`), and the
/// typed reads of `PolicyOutput` that name it when they fail.
///
/// Why a value of static parts rather than a `String`: a path is needed for every field read
/// but spelled out only for an error, so nothing is put together (or allocated) on the way.
///
/// Contract: the messages are `<path>: expected <what>, got <Lua type name>`, with `nil` for an
/// absent field; they are pinned by `PolicyOutputTests` and must not change.
struct OutputPath {
    /// The part of the decision (`steps`), if below the root.
    private var list: StaticString?
    /// 1-based element of `list`, or 0.
    private var index = 0
    /// A field of the element, and a field inside that one (`due.days`).
    private var field: StaticString?
    private var subfield: StaticString?

    /// The decision table itself.
    static let decision = OutputPath()

    private init() {}

    /// The field `name` below this path (a part of the decision at the root).
    func field(_ name: StaticString) -> OutputPath {
        var path = self
        if list == nil { path.list = name } else if field == nil { path.field = name } else { path.subfield = name }
        return path
    }

    /// The element at the 1-based `index` of the list at this path.
    func element(_ index: Int) -> OutputPath {
        var path = self
        path.index = index
        return path
    }

    var text: String {
        var text = "decision"
        guard let list else { return text }
        text += "." + list.description
        if index > 0 { text += "[\(index)]" }
        if let field { text += "." + field.description }
        if let subfield { text += "." + subfield.description }
        return text
    }

    func mismatch(_ expected: String, _ value: LuaWireValue?) -> LuaError {
        .value("\(text): expected \(expected), got \(value?.typeName ?? "nil")")
    }

    func string(_ value: LuaWireValue?) throws(LuaError) -> String {
        guard let string = value?.string else { throw mismatch("string", value) }
        return string
    }

    /// Absent (or nil) is nil.
    func optionalString(_ value: LuaWireValue?) throws(LuaError) -> String? {
        guard let value, !value.isNil else { return nil }
        return try string(value)
    }

    /// Absent (or nil) is nil; a float is not an integer.
    func optionalInt(_ value: LuaWireValue?) throws(LuaError) -> Int? {
        guard let value, !value.isNil else { return nil }
        guard let integer = value.integer else { throw mismatch("integer", value) }
        return Int(exactly: integer)
    }

    /// `facts`: names to values (the assembler checks the values). Only the named fields count;
    /// a sequence part is not facts. Absent is nil.
    func facts(_ value: LuaWireValue?) throws(LuaError) -> [String: LuaValue]? {
        guard let value, !value.isNil else { return nil }
        guard let table = value.table else { throw mismatch("a table", value) }
        var facts: [String: LuaValue] = [:]
        facts.reserveCapacity(table.fieldCount)
        try table.forEachField { key, fact throws(LuaError) in
            guard let name = key.string else { throw mismatch("names as keys", value) }
            facts[name] = try fact.decoded()
        }
        return facts
    }
}
