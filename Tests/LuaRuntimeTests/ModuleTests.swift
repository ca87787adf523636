import Foundation
import Money
import Testing

@testable import LuaRuntime

/// `require` resolves names only to `.lua` files inside one root.
@Suite(.timeLimit(.minutes(1)))
struct ModuleTests {
    /// A temporary rules folder with `files` (relative path → text), removed by `cleanup`.
    final class RulesFolder {
        let root: URL
        let outside: URL

        init(_ files: [String: String]) throws {
            let base = FileManager.default.temporaryDirectory.appendingPathComponent("lua-modules-\(UUID().uuidString)")
            root = base.appendingPathComponent("rules")
            outside = base.appendingPathComponent("outside")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
            for (path, text) in files {
                let url = root.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
            }
        }

        /// Removes the folder; tests call it with `defer` (a deinit could run before the last use).
        func remove() { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }

        func state() throws -> LuaState { try LuaState(modules: DirectoryModuleLoader(root: root)) }
    }

    static let files = [
        "common.lua": "local M = {} function M.double(x) return x * 2 end M.threshold = money('500000') return M",
        "lib/deep.lua": "return { name = 'deep', common = require('common') }",
        "cycle_a.lua": "return { b = require('cycle_b') }",
        "cycle_b.lua": "return { a = require('cycle_a') }",
        "self_cycle.lua": "return require('self_cycle')",
        "broken.lua": "local x = 1\nlocal y = = 2\nreturn x",
        "failing.lua": "local M = {}\n\nerror('module failed')\nreturn M",
        "nothing.lua": "x_from_module = 'set'",
        "chinese.lua": "return { text = '合同审批' }",
    ]

    @Test func requireLoadsModulesFromTheRoot() throws {
        let folder = try RulesFolder(Self.files)
        defer { folder.remove() }
        let lua = try folder.state()
        let result = try runLua(lua, """
            local common = require("common")
            local deep = require("lib.deep")
            return common.double(21), tostring(common.threshold), deep.name, rawequal(deep.common, common),
                   require("nothing"), x_from_module, require("chinese").text
            """)
        #expect(result.values == [42, "¥500,000.00", "deep", true, true, "set", "合同审批"])
        expectHealthy(lua)
    }

    @Test(arguments: [
        "../x", "/etc/passwd", "../../etc/passwd", "a/b", "a\\b", "", ".", "..", ".hidden", "a.", "a..b", "lib..deep",
        "common.lua", "x y", "~", "$HOME", "con:", "common\n", "%2e%2e",
    ])
    func invalidNamesAreRefused(_ name: String) throws {
        let folder = try RulesFolder(Self.files)
        defer { folder.remove() }
        let lua = try folder.state()
        let quoted = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
        let error = luaFailure { try runLua(lua, "return require(\"\(quoted)\")", chunkName: "req.lua") }
        guard let script = runtimeError(error) else { return }
        #expect(script.message.contains("invalid module name") || script.message.contains("not found"), "\(name): \(script.message)")
        #expect(script.location == "req.lua:1")
        expectHealthy(lua)
        // The loader refuses the same names on its own, whatever the sandbox let through.
        #expect(throws: LuaError.self) { try DirectoryModuleLoader(root: folder.root).source(ofModule: name) }
    }

    @Test func nameWithNulByteIsRefused() throws {
        let folder = try RulesFolder(Self.files)
        defer { folder.remove() }
        let lua = try folder.state()
        for source in [#"return require("a\0b")"#, #"return require("common\0")"#, #"return require("common\0.lua")"#] {
            let error = luaFailure { try runLua(lua, source) }
            #expect(runtimeError(error)?.message.contains("invalid module name") == true, "\(source)")
            expectHealthy(lua)
        }
        #expect(throws: LuaError.self) { try DirectoryModuleLoader(root: folder.root).source(ofModule: "a\0b") }
        #expect(throws: LuaError.self) { try DirectoryModuleLoader(root: folder.root).source(ofModule: "common\0") }
    }

    @Test func nonStringNamesAreRefused() throws {
        let folder = try RulesFolder(Self.files)
        defer { folder.remove() }
        let lua = try folder.state()
        for source in ["return require()", "return require({})", "return require(nil)"] {
            #expect(runtimeError(luaFailure { try runLua(lua, source) }) != nil, "\(source)")
        }
        expectHealthy(lua)
    }

    @Test func symlinkPointingOutsideTheRootIsRefused() throws {
        let folder = try RulesFolder(Self.files)
        defer { folder.remove() }
        let secret = folder.outside.appendingPathComponent("secret.lua")
        try "return 'secret data'".write(to: secret, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: folder.root.appendingPathComponent("escape.lua"), withDestinationURL: secret)
        try FileManager.default.createSymbolicLink(at: folder.root.appendingPathComponent("outdir"), withDestinationURL: folder.outside)
        try FileManager.default.createSymbolicLink(
            at: folder.root.appendingPathComponent("passwd.lua"), withDestinationURL: URL(fileURLWithPath: "/etc/passwd"))
        let lua = try folder.state()
        for name in ["escape", "outdir.secret", "passwd"] {
            let error = luaFailure { try runLua(lua, "return require('\(name)')") }
            guard let script = runtimeError(error) else { continue }
            #expect(script.message.contains("outside the rules folder"), "\(name): \(script.message)")
            #expect(!script.message.contains("secret data"))
            expectHealthy(lua)
        }
    }

    @Test func symlinkInsideTheRootIsAllowed() throws {
        let folder = try RulesFolder(Self.files)
        defer { folder.remove() }
        try FileManager.default.createSymbolicLink(
            at: folder.root.appendingPathComponent("alias.lua"), withDestinationURL: folder.root.appendingPathComponent("common.lua"))
        let lua = try folder.state()
        #expect(try runLua(lua, "return require('alias').double(2)").values == [4])
    }

    @Test func directoriesAndOtherFilesAreNotModules() throws {
        let folder = try RulesFolder(Self.files.merging(["notes.txt": "return 1", "dir.lua/inner.lua": "return 2", "dir/inner.lua": "return 3"]) { a, _ in a })
        defer { folder.remove() }
        let lua = try folder.state()
        for name in ["notes", "dir", "missing", "lib", "dir.lua.inner"] {
            let error = luaFailure { try runLua(lua, "return require('\(name)')") }
            #expect(runtimeError(error)?.message.contains("not found") == true, "\(name): \(String(describing: error))")
        }
        #expect(try runLua(lua, "return require('dir.inner')").values == [3])
    }

    @Test func oversizedModulesAreRefused() throws {
        let folder = try RulesFolder(["big.lua": "return '" + String(repeating: "x", count: 2 << 20) + "'"])
        defer { folder.remove() }
        let lua = try folder.state()
        let error = luaFailure { try runLua(lua, "return require('big')") }
        #expect(runtimeError(error)?.message.contains("larger than") == true)
        expectHealthy(lua)
    }

    @Test func moduleCycleIsReported() throws {
        let folder = try RulesFolder(Self.files)
        defer { folder.remove() }
        let lua = try folder.state()
        for name in ["cycle_a", "self_cycle"] {
            let error = luaFailure { try runLua(lua, "return require('\(name)')", limits: quickLimits) }
            guard let script = runtimeError(error) else { continue }
            #expect(script.message.contains("cycle"), "\(script.message)")
            expectHealthy(lua)
        }
    }

    @Test func moduleSyntaxErrorNamesFileAndLine() throws {
        let folder = try RulesFolder(Self.files)
        defer { folder.remove() }
        let lua = try folder.state()
        let error = luaFailure { try runLua(lua, "\nlocal b = require('broken')", chunkName: "main.lua") }
        guard let script = runtimeError(error) else { return }
        #expect(script.chunk == "broken.lua")
        #expect(script.line == 2)
        #expect(script.location == "broken.lua:2")
        expectHealthy(lua)
    }

    @Test func moduleRuntimeErrorNamesFileAndLine() throws {
        let folder = try RulesFolder(Self.files)
        defer { folder.remove() }
        let lua = try folder.state()
        let error = luaFailure { try runLua(lua, "local f = require('failing')", chunkName: "main.lua") }
        guard let script = runtimeError(error) else { return }
        #expect(script.location == "failing.lua:3")
        #expect(script.message == "module failed")
        #expect(script.traceback?.contains("main.lua:1") == true)
        expectHealthy(lua)
    }

    @Test func failedRequireCanBeCaught() throws {
        let folder = try RulesFolder(Self.files)
        defer { folder.remove() }
        let lua = try folder.state()
        let result = try runLua(lua, """
            local ok, err = pcall(require, "missing")
            local ok2 = pcall(require, "broken")
            return ok, ok2, require("common").double(1)
            """)
        #expect(result.values == [false, false, 2])
    }

    @Test func withoutALoaderRequireFails() throws {
        let lua = try LuaState()
        let error = luaFailure { try runLua(lua, "return require('common')") }
        #expect(runtimeError(error)?.message.contains("not available") == true, "\(String(describing: error))")
        expectHealthy(lua)
    }

    @Test func inMemoryLoaderServesModules() throws {
        let lua = try LuaState(modules: InMemoryModuleLoader(modules: [
            "policy.thresholds": LuaModuleSource(text: "return { big = money('500000.00') }", chunkName: "policy/thresholds.lua"),
            "bad": LuaModuleSource(text: "return {\n\n", chunkName: "bad.lua"),
        ]))
        let result = try runLua(lua, "return require('policy.thresholds').big > 499999")
        #expect(result.values == [true])
        let error = luaFailure { try runLua(lua, "return require('bad')") }
        #expect(runtimeError(error)?.chunk == "bad.lua")
        #expect(runtimeError(luaFailure { try runLua(lua, "return require('nope')") })?.message.contains("no such module") == true)
        expectHealthy(lua)
    }

    /// Module code is compiled once per state; edits on disk after that are not seen.
    @Test func modulesAreCompiledOncePerState() throws {
        let folder = try RulesFolder(["v.lua": "return 1"])
        defer { folder.remove() }
        let lua = try folder.state()
        #expect(try runLua(lua, "return require('v')").values == [1])
        try "return 2".write(to: folder.root.appendingPathComponent("v.lua"), atomically: true, encoding: .utf8)
        #expect(try runLua(lua, "return require('v')").values == [1])
        #expect(try runLua(try folder.state(), "return require('v')").values == [2])
    }
}

/// A preloaded chunk is what `require` runs; the loader is not asked for it.
@Test func preloadedModulesBypassTheLoader() throws {
    let lua = try LuaState(modules: InMemoryModuleLoader(modules: [
        "m": LuaModuleSource(text: "return { from = 'loader' }", chunkName: "m.lua"),
    ]))
    try lua.preload(lua.compile("return { from = 'preload', env = request }", chunkName: "m.lua"), asModule: "m")
    let main = try lua.compile("local m = require 'm' return m.from, m.env", chunkName: "main.lua")
    struct Env: Encodable { var request = "r1" }
    let first = try lua.run(main, globals: Env())
    #expect(first.values == [.string("preload"), .string("r1")])
    // Run again: the module body runs per call, in that call's environment.
    let second = try lua.run(main, globals: Env(request: "r2"))
    #expect(second.values == [.string("preload"), .string("r2")])
}
