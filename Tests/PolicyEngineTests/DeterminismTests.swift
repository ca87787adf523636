import Foundation
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

    @Test func testsFolderIsNotPartOfThePolicy() throws {
        #expect(Fixtures.shipped.modules.keys.allSatisfy { !$0.hasPrefix("tests") })
        #expect(Fixtures.shipped.modules["contract"]?.chunkName == "contract.lua")
    }
}
