import CLuaShim

extension LuaState {
    /// Starts recording which lines later runs execute (for `signoff test --coverage`), or stops
    /// and discards the record. Costs a hook call per line while on.
    public func recordCoverage(_ on: Bool) { sh_set_coverage(state, on ? 1 : 0) }

    /// Lines executed since recording started, by chunk name (`contract.lua` → {3, 4, 9}).
    public func coveredLines() -> [String: Set<Int>] {
        var buffer = sh_buffer()
        defer { sh_buffer_free(&buffer) }
        guard sh_coverage_report(state, &buffer) == 0, let data = buffer.data else { return [:] }
        let text = String(decoding: UnsafeBufferPointer(start: data, count: buffer.len), as: UTF8.self)
        var result: [String: Set<Int>] = [:]
        for record in text.split(separator: "\n") {
            let parts = record.split(separator: "\t")
            guard parts.count == 2, let line = Int(parts[1]) else { continue }
            result[String(parts[0]), default: []].insert(line)
        }
        return result
    }
}
