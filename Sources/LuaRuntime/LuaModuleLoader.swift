import Foundation

/// The text of a module and the chunk name errors will show for it.
public struct LuaModuleSource: Sendable, Hashable {
    public var text: String
    /// Shown in errors and tracebacks: the path relative to the module root, e.g. `common.lua`.
    public var chunkName: String

    public init(text: String, chunkName: String) {
        self.text = text
        self.chunkName = chunkName
    }
}

/// Where `require` finds modules. Called by the runtime with a name that already passed the
/// sandbox's check (letters, digits, `_`, single dots); implementations must still refuse
/// anything that would leave their root. Errors become Lua errors at the `require` call.
public protocol LuaModuleLoader: Sendable {
    func source(ofModule name: String) throws -> LuaModuleSource
}

/// Modules held in memory, e.g. a snapshot of a rules directory whose hash names the policy.
public struct InMemoryModuleLoader: LuaModuleLoader {
    public var modules: [String: LuaModuleSource]

    public init(modules: [String: LuaModuleSource]) { self.modules = modules }

    public func source(ofModule name: String) throws -> LuaModuleSource {
        guard let module = modules[name] else {
            throw LuaError.module(name: name, reason: "no such module")
        }
        return module
    }
}

/// Modules read from `.lua` files under one folder: `require "a.b"` reads `ROOT/a/b.lua`.
/// Names with `..`, slashes, NUL bytes or other characters are refused, and a file that resolves
/// (through symbolic links) to a place outside the root is refused too.
public struct DirectoryModuleLoader: LuaModuleLoader {
    public let root: URL
    /// Files larger than this are refused (a policy module is a few kilobytes).
    public var maximumSize = 1 << 20

    public init(root: URL) { self.root = root.standardizedFileURL }

    public func source(ofModule name: String) throws -> LuaModuleSource {
        let segments = name.split(separator: ".", omittingEmptySubsequences: false)
        guard !name.isEmpty, segments.allSatisfy(Self.isValidSegment) else {
            throw LuaError.module(name: name, reason: "invalid module name (letters, digits, '_' and '.' only)")
        }
        let relative = segments.joined(separator: "/") + ".lua"
        let file = root.appendingPathComponent(relative)
        let rootPath = root.resolvingSymlinksInPath().path
        let filePath = file.resolvingSymlinksInPath().path
        guard filePath.hasPrefix(rootPath.hasSuffix("/") ? rootPath : rootPath + "/") else {
            throw LuaError.module(name: name, reason: "\(relative) lies outside the rules folder")
        }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: filePath),
            (attributes[.type] as? FileAttributeType) == .typeRegular
        else {
            throw LuaError.module(name: name, reason: "no file \(relative) in the rules folder")
        }
        if let size = attributes[.size] as? Int, size > maximumSize {
            throw LuaError.module(name: name, reason: "\(relative) is larger than \(maximumSize) bytes")
        }
        guard let data = FileManager.default.contents(atPath: filePath),
            let text = String(data: data, encoding: .utf8)
        else {
            throw LuaError.module(name: name, reason: "\(relative) is not readable UTF-8 text")
        }
        return LuaModuleSource(text: text, chunkName: relative)
    }

    /// A module name segment: ASCII letters, digits and `_`.
    public static func isValidSegment(_ s: Substring) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
        }
    }
}
