import LuaRuntime

/// Which lines of each policy file the dry-run cases executed, against the lines that hold code
/// (from the compiler's own line table, see `LuaBytecode`).
public struct PolicyCoverage: Sendable, Codable, Hashable {
    public struct File: Sendable, Codable, Hashable {
        public var file: String
        /// Lines holding code.
        public var lines: Int
        /// Of those, lines executed at least once.
        public var covered: Int
        /// Lines holding code that never ran, ascending.
        public var missed: [Int]

        public var percent: Double { lines == 0 ? 100 : Double(covered) * 100 / Double(lines) }
    }

    public var files: [File]

    public var lines: Int { files.reduce(0) { $0 + $1.lines } }
    public var covered: Int { files.reduce(0) { $0 + $1.covered } }
    public var percent: Double { lines == 0 ? 100 : Double(covered) * 100 / Double(lines) }

    /// Compares `hits` (chunk name → lines executed) with the code lines of every module.
    static func measure(rules: RulesSnapshot, hits: [String: Set<Int>]) -> PolicyCoverage {
        var files: [File] = []
        guard let lua = try? LuaState() else { return PolicyCoverage(files: []) }
        for name in rules.modules.keys.sorted() {
            guard let module = rules.modules[name],
                let chunk = try? lua.compile(module.text, chunkName: module.chunkName),
                let code = try? LuaBytecode(lua.bytecode(of: chunk))
            else { continue }
            let executed = hits[module.chunkName] ?? []
            let missed = code.codeLines.subtracting(executed).sorted()
            files.append(File(file: module.chunkName, lines: code.codeLines.count,
                              covered: code.codeLines.count - missed.count, missed: missed))
        }
        return PolicyCoverage(files: files)
    }

    /// `3-5, 9, 12` for [3, 4, 5, 9, 12].
    public static func ranges(_ lines: [Int]) -> String {
        var parts: [String] = []
        var index = 0
        while index < lines.count {
            var end = index
            while end + 1 < lines.count && lines[end + 1] == lines[end] + 1 { end += 1 }
            parts.append(end == index ? "\(lines[index])" : "\(lines[index])-\(lines[end])")
            index = end + 1
        }
        return parts.joined(separator: ", ")
    }
}

extension PolicyEngine {
    /// Coverage of the policy files by what ran since the engine started (when it was created
    /// with `recordingCoverage: true`; otherwise nothing is recorded and coverage is zero).
    public func coverage() -> PolicyCoverage {
        PolicyCoverage.measure(rules: rules, hits: lua.coveredLines())
    }
}
