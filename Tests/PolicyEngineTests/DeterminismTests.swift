import Crypto
import Foundation
import LuaRuntime
import Testing
@testable import PolicyEngine
import SalesDomain

/// Same request, context and policy give byte-identical decisions, across engines (each with its
/// own Lua state and so its own string-hash seed) and across repeated runs.
struct DeterminismTests {
    func json(_ d: Decision) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(d)
    }

    @Test func decisionsAreByteIdentical() throws {
        let request = try Fixtures.contract(price: "94.99")
        var seen = Set<Data>()
        for _ in 0..<3 {
            let engine = try PolicyEngine(rules: Fixtures.shipped)
            for _ in 0..<3 { seen.insert(try json(engine.decide(request, context: Fixtures.context))) }
        }
        #expect(seen.count == 1)
    }

    @Test func pairsOrderDoesNotLeakIntoDecisions() throws {
        // A policy that lists deviations by iterating a map must still be deterministic.
        let script = """
            stages { 'sales' }
            local keys = {}
            for k in pairs({ zeta = 1, alpha = 2, mid = 3, [10] = 4, [2] = 5 }) do keys[#keys + 1] = tostring(k) end
            approve('sales', 'sales_manager', 'order', { keys = table.concat(keys, ',') })
            """
        let engine = try PolicyEngine(rules: Fixtures.rules(replacing: ["contract": script]))
        let d = try engine.decide(try Fixtures.contract(), context: Fixtures.context)
        #expect(d.route.first?.steps.first?.reasons.first?.facts["keys"] == .text("2,10,alpha,mid,zeta"))
    }

    @Test func policyHashNamesTheVersion() throws {
        let changed = Fixtures.rules(replacing: ["thresholds": (Fixtures.shipped.modules["thresholds"]?.text ?? "") + "\n-- edited\n"])
        #expect(changed.hash != Fixtures.shipped.hash)
        #expect(RulesSnapshot(modules: Fixtures.shipped.modules).hash == Fixtures.shipped.hash)
        let d = try PolicyEngine(rules: Fixtures.shipped).decide(try Fixtures.contract(), context: Fixtures.context)
        #expect(d.policy == Fixtures.shipped.hash)
        #expect(d.policy.hasPrefix("sha256:") && d.policy.count == 71)
    }

    /// The hash names every stored decision's policy version, so how it is computed may never
    /// change: it is pinned here against the original recipe (Foundation `Data` and
    /// `String(format:)`), on the shipped rules and on files with Chinese text and odd names.
    @Test func policyHashIsComputedAsItAlwaysWas() throws {
        func original(_ modules: [String: LuaModuleSource]) -> String {
            var hasher = SHA256()
            for name in modules.keys.sorted() {
                guard let module = modules[name] else { continue }
                hasher.update(data: Data(module.chunkName.utf8))
                hasher.update(data: Data([0]))
                let body = Data(module.text.utf8)
                hasher.update(data: Data(String(body.count).utf8))
                hasher.update(data: Data([0]))
                hasher.update(data: body)
            }
            return "sha256:" + hasher.finalize().map { String(format: "%02x", $0) }.joined()
        }
        let odd: [String: LuaModuleSource] = [
            "阈值": LuaModuleSource(text: "return { major = money(\"500000.00\") } -- 重大合同\n", chunkName: "阈值.lua"),
            "a.b": LuaModuleSource(text: "", chunkName: "a/b.lua"),
            "z": LuaModuleSource(text: String(repeating: "x\u{0}y", count: 5000), chunkName: "z.lua"),
        ]
        for modules in [Fixtures.shipped.modules, odd, [:]] {
            #expect(RulesSnapshot(modules: modules).hash == original(modules))
        }
    }

    @Test func testsFolderIsNotPartOfThePolicy() throws {
        #expect(Fixtures.shipped.modules.keys.allSatisfy { !$0.hasPrefix("tests") })
        #expect(Fixtures.shipped.modules["contract"]?.chunkName == "contract.lua")
    }
}
