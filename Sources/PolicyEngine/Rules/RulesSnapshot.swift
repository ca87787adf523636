import Crypto
import Foundation
import LuaRuntime

/// The policy as it was read from a rules directory at one moment: every `.lua` file (modules by
/// name) and the hash that names this version in every decision it makes.
///
/// Reading everything up front means the hash always describes exactly the code that ran, even
/// if an administrator edits a file while evaluations are going on.
public struct RulesSnapshot: Sendable, Hashable {
    /// The directory it was read from (for messages).
    public let directory: String
    /// Module name (`contract`, `sub.helpers`) → source, for `.lua` files outside `tests/`.
    public let modules: [String: LuaModuleSource]
    /// `sha256:` and the hex SHA-256 over every file's relative path and bytes, in path order.
    public let hash: String

    /// The first 12 hex digits of the hash: what people read and type.
    public var shortHash: String { String(hash.dropFirst("sha256:".count).prefix(12)) }

    public init(modules: [String: LuaModuleSource], directory: String = "(memory)") {
        self.directory = directory
        self.modules = modules
        var hasher = SHA256()
        for name in modules.keys.sorted() {
            guard let module = modules[name] else { continue }
            for part in [module.chunkName, "\0", String(module.text.utf8.count), "\0", module.text] {
                Self.update(&hasher, part)
            }
        }
        hash = "sha256:" + Hex.string(hasher.finalize())
    }

    /// Hashes a string's UTF-8 bytes where they are (no `Data` copy of each file).
    private static func update(_ hasher: inout SHA256, _ text: String) {
        var text = text  // withUTF8 is mutating: it may first make bridged text contiguous
        text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
    }

    /// Reads every `.lua` file under `directory` (except the `tests/` folder).
    public static func load(directory: String) throws(PolicyError) -> RulesSnapshot {
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .rules(directory: directory, message: "no such directory")
        }
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw .rules(directory: directory, message: "cannot list the directory")
        }
        var modules: [String: LuaModuleSource] = [:]
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        for case let url as URL in walker {
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(prefix) else { continue }
            let relative = String(path.dropFirst(prefix.count))
            if relative == "tests" || relative.hasPrefix("tests/") {
                walker.skipDescendants()
                continue
            }
            guard relative.hasSuffix(".lua") else { continue }
            let segments = relative.dropLast(4).split(separator: "/", omittingEmptySubsequences: false)
            guard segments.allSatisfy(DirectoryModuleLoader.isValidSegment) else {
                throw .rules(directory: directory, message: "\(relative): file names may use letters, digits and '_' only")
            }
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw .rules(directory: directory, message: "\(relative): not readable UTF-8 text")
            }
            modules[segments.joined(separator: ".")] = LuaModuleSource(text: text, chunkName: relative)
        }
        guard !modules.isEmpty else { throw .rules(directory: directory, message: "no .lua files") }
        return RulesSnapshot(modules: modules, directory: directory)
    }
}
