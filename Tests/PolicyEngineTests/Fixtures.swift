import Foundation
import LuaRuntime
@testable import PolicyEngine
import SalesDomain

/// Paths and builders shared by the engine tests.
enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let rules = packageRoot.appendingPathComponent("rules").path
    static let caseDirectory = packageRoot.appendingPathComponent("rules/tests").path

    /// The shipped rules, read once.
    static let shipped: RulesSnapshot = {
        do { return try RulesSnapshot.load(directory: rules) } catch { fatalError("rules/ cannot be read: \(error)") }
    }()

    static let context: PolicyContext = {
        do { return try InputDecoder.context(contentsOf: caseDirectory + "/context.yaml") } catch {
            fatalError("rules/tests/context.yaml: \(error)")
        }
    }()

    /// The shipped rules with some files replaced or added (module name → source).
    static func rules(replacing changes: [String: String]) -> RulesSnapshot {
        var modules = shipped.modules
        for (name, text) in changes { modules[name] = LuaModuleSource(text: text, chunkName: name + ".lua") }
        return RulesSnapshot(modules: modules)
    }

    static func request(_ yaml: String) throws -> Request {
        try InputDecoder.request(from: yaml, file: "request.yaml")
    }

    /// A formal contract for K-0042 against quote QT-2026-0088, with SP-02 at `price`.
    static func contract(price: String = "100.00", channel: String = "formal",
                         parameters: String = "{ power: 15kW, tank: 500L }") throws -> Request {
        try request("""
            kind: contract
            submitted_by: li.na
            customer: K-0042
            refs: { quote: QT-2026-0088 }
            document:
              channel: \(channel)
              lines:
                - { sku: SP-16, spec: "GB-15kW", quantity: 5, unit_price: "61200.00", parameters: \(parameters) }
                - { sku: SP-02, spec: "PT-02", quantity: 100, unit_price: "\(price)" }
              payment_terms_days: 30
              delivery_date: 2026-12-31
              warranty_months: 12
              other_terms: "货到验收合格后付款"
            """)
    }
}
