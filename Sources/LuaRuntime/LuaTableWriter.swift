import Money

/// Writes one Lua value — normally the table of a run's globals — field by field, straight into
/// the wire bytes the C shim builds tables from (`LuaState.run(_:globals:arguments:limits:)`).
///
/// Why: `LuaValueEncoder` reaches the same bytes through `Encodable`'s containers, whose boxes,
/// metadata lookups and retain/release cost about a quarter of a policy decision. A host that
/// knows the shape of what it hands over writes it with this instead.
///
/// Contract:
/// - Tables nest: `beginRecord()` (string keys) or `beginList()` (the sequence 1…n), then `end()`.
///   Their counts are patched at `end()`, so nothing needs to be known up front.
/// - In a record each field is `key(_:)` followed by exactly one value (a scalar or a whole
///   table); `field(_:_:)` does both and writes nothing for `nil`, as `encodeIfPresent` does.
///   A key written twice is one field in Lua (the last value wins).
/// - In a list each value written is the next element.
/// - Exactly one value at the top: `isComplete` says whether it is written and every table ended;
///   `LuaState.run` refuses a writer that is not.
///
/// Apart from the byte buffer growing, nothing allocates: the counts of enclosing tables wait in
/// the placeholder of the table nested in them until it ends. Misuse (a key outside a record, a
/// value without a key) is a programming error, caught by assertions in debug builds.
public struct LuaTableWriter {
    var wire: LuaWireWriter
    /// Header offset of the innermost open table, or -1 at the top.
    private var open = -1
    private var openIsList = false
    /// Fields (record) or elements (list) of the innermost open table so far; values at the top.
    private var count = 0
    private var awaitingValue = false

    /// - Parameter capacity: bytes to reserve, so a typical value never regrows the buffer.
    public init(capacity: Int = 1024) { wire = LuaWireWriter(capacity: capacity) }

    /// One value written at the top and every table ended.
    public var isComplete: Bool { open < 0 && count == 1 }

    /// Starts a table with string keys; write `key(_:)` and a value per field, then `end()`.
    public mutating func beginRecord() { begin(list: false) }

    /// Starts a sequence; every value written until `end()` is its next element.
    public mutating func beginList() { begin(list: true) }

    /// Ends the innermost table and patches its counts.
    public mutating func end() {
        assert(open >= 0 && !awaitingValue, "end() without an open table, or after a key without its value")
        guard open >= 0 else { return }
        let at = open
        let parentCount = Int(wire.u32(at: at))
        let parent = wire.u32(at: at + 4)
        wire.endTable(at: at, arrayCount: openIsList ? count : 0, fieldCount: openIsList ? 0 : count)
        open = Int(parent >> 1) - 1
        openIsList = parent & 1 == 1
        count = parentCount
        if open < 0 { wire.trim() }  // complete: runs take the bytes as they are, no copy
    }

    /// The key of the next field of the current record; its value must follow.
    public mutating func key(_ name: String) {
        assert(open >= 0 && !openIsList && !awaitingValue, "key(\(name)) outside a record or before the previous value")
        count += 1
        awaitingValue = true
        wire.writeString(name)
    }

    public mutating func string(_ value: String) {
        willWriteValue()
        wire.writeString(value)
    }

    public mutating func integer(_ value: Int64) {
        willWriteValue()
        wire.writeInteger(value)
    }

    public mutating func boolean(_ value: Bool) {
        willWriteValue()
        wire.writeBool(value)
    }

    /// An exact amount: the `money` type of scripts.
    public mutating func money(_ value: Money) {
        willWriteValue()
        wire.writeMoney(value)
    }

    /// `name = value` in the current record; nothing when `value` is nil.
    public mutating func field(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    /// `name = value` in the current record; nothing when `value` is nil.
    public mutating func field(_ name: String, _ value: Int64?) {
        guard let value else { return }
        key(name)
        integer(value)
    }

    /// `name = value` in the current record; nothing when `value` is nil.
    public mutating func field(_ name: String, _ value: Bool?) {
        guard let value else { return }
        key(name)
        boolean(value)
    }

    /// `name = value` in the current record; nothing when `value` is nil.
    public mutating func field(_ name: String, _ value: Money?) {
        guard let value else { return }
        key(name)
        money(value)
    }

    /// The value written, read back from the bytes: what scripts get, for tests and tools (runs
    /// take the writer itself).
    public func decoded() throws(LuaError) -> LuaValue {
        guard isComplete else { throw .value("the table writer holds no complete value") }
        let value = wire.bytes.withUnsafeBytes { raw in
            var reader = LuaWireReader(raw)
            return try? reader.readValue(depth: 0)
        }
        guard let value else { throw .host("malformed encoding") }
        return value
    }

    private mutating func begin(list: Bool) {
        willWriteValue()
        let at = wire.beginTable()
        // The enclosing table's state waits in this table's placeholder counts until `end()`.
        wire.patch(UInt32(truncatingIfNeeded: count), at: at)
        wire.patch(UInt32(truncatingIfNeeded: (open + 1) << 1 | (openIsList ? 1 : 0)), at: at + 4)
        open = at
        openIsList = list
        count = 0
    }

    /// Counts a list element (fields are counted by their key) or the top-level value.
    private mutating func willWriteValue() {
        if open < 0 || openIsList {
            count += 1
        } else {
            assert(awaitingValue, "a value in a record without its key")
            awaitingValue = false
        }
    }
}
