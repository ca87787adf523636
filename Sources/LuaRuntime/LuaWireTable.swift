/// A table inside a run's result bytes, walked in place (see `LuaWireValue` for why, for how
/// long a view stays valid, and why walking it needs no checks: its bytes were checked whole).
///
/// Split as `LuaTable` is: the sequence 1…n (`arrayCount` values) and the other fields
/// (`fieldCount` key/value pairs). Fields come in the order the shim wrote them, which is Lua's
/// storage order, not a sorted one: a reader that must be deterministic looks fields up by name
/// (or collects them into a dictionary), never acts on their order.
public struct LuaWireTable {
    let bytes: UnsafeRawBufferPointer
    /// Offset of the table's `T` tag.
    let header: Int
    /// Offset just past the table (its bytes were checked up to here).
    let end: Int
    public let arrayCount: Int
    public let fieldCount: Int

    /// Calls `body` with each element of the sequence and its 1-based index, in order.
    public func forEachElement(_ body: (_ index: Int, _ value: LuaWireValue) throws(LuaError) -> Void) throws(LuaError) {
        var position = header + 9
        for index in 0..<arrayCount {
            let value = LuaWireValue(checked: bytes, at: position)
            try body(index + 1, value)
            position = value.end
        }
    }

    /// Calls `body` with each key and value of the fields (not the sequence), in stored order.
    public func forEachField(_ body: (_ key: LuaWireValue, _ value: LuaWireValue) throws(LuaError) -> Void) throws(LuaError) {
        var position = header + 9
        for _ in 0..<arrayCount { position = LuaWireValue.end(of: bytes, at: position) }
        for _ in 0..<fieldCount {
            let key = LuaWireValue(checked: bytes, at: position)
            let value = LuaWireValue(checked: bytes, at: key.end)
            try body(key, value)
            position = value.end
        }
    }
}
