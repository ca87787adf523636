import Foundation
import LuaRuntime

extension RulesSnapshot {
    /// The policy files by their path in the rules directory (`contract.lua`, `sub/helpers.lua`),
    /// as the store keeps a version.
    public var files: [String: String] {
        var files: [String: String] = [:]
        for module in modules.values { files[module.chunkName] = module.text }
        return files
    }

    /// Rebuilds a snapshot from its files (the inverse of `files`); the hash is recomputed, so it
    /// names exactly these bytes.
    public init(files: [String: String], directory: String) {
        var modules: [String: LuaModuleSource] = [:]
        for (path, text) in files where path.hasSuffix(".lua") {
            let name = path.dropLast(4).split(separator: "/", omittingEmptySubsequences: false).joined(separator: ".")
            modules[name] = LuaModuleSource(text: text, chunkName: path)
        }
        self.init(modules: modules, directory: directory)
    }

    /// The text of line `line` (1-based) of policy file `path`, trimmed; nil when there is none.
    public func sourceLine(file path: String, line: Int) -> String? {
        guard line > 0, let text = modules.values.first(where: { $0.chunkName == path })?.text else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard line <= lines.count else { return nil }
        return lines[line - 1].trimmingCharacters(in: .whitespaces)
    }
}
