import ApprovalStore
import Foundation
import PolicyEngine
import SalesDomain

enum PolicySupport {
    static let shipped: RulesSnapshot = {
        do { return try RulesSnapshot.load(directory: TestSupport.rulesDirectory) } catch { fatalError("\(error)") }
    }()

    /// The shipped rules with `thresholds.lua` edited by `edit`.
    static func candidate(_ edit: (String) -> String) -> RulesSnapshot {
        var files = shipped.files
        files["thresholds.lua"] = edit(files["thresholds.lua"] ?? "")
        return RulesSnapshot(files: files, directory: "(candidate)")
    }

    static func majorAmount(_ amount: String) -> RulesSnapshot {
        candidate { $0.replacingOccurrences(of: #"major_amount = money("500000.00")"#,
                                            with: #"major_amount = money("\#(amount)")"#) }
    }

    /// A store at a new path with the sample context, on a clock the test moves.
    static func store(clock: TestClock) throws -> Store {
        let store = try Store(path: try TestSupport.databasePath(), timeZone: TestSupport.shanghai, clock: { clock.now })
        try store.importMasterData(file: TestSupport.sampleContext, actor: "admin")
        return store
    }

    /// A formal contract without a quote for K-0042: `quantity` grain dryers (cost ¥90,000.00).
    static func contract(_ id: String, quantity: Int, price: String) throws -> Request {
        try TestSupport.request("""
        kind: contract
        id: \(id)
        submitted_by: li.na
        customer: K-0042
        document:
          channel: formal
          lines:
            - { sku: SP-50, spec: "HG-10T", quantity: \(quantity), unit_price: "\(price)" }
          payment_terms_days: 30
          delivery_date: 2026-12-31
          warranty_months: 12
        """)
    }

    /// A quote for K-0042 of `quantity` grain dryers at `price`.
    static func quote(_ id: String, quantity: Int, price: String) throws -> Request {
        try TestSupport.request("""
        kind: quote
        id: \(id)
        submitted_by: li.na
        customer: K-0042
        document:
          lines:
            - { sku: SP-50, spec: "HG-10T", quantity: \(quantity), unit_price: "\(price)" }
          payment_terms_days: 30
          delivery_date: 2026-12-31
          warranty_months: 12
          valid_until: 2026-12-31
        """)
    }

    static let emptyReports = PolicyChangeReports(
        check: .init(errors: 0, warnings: 0, findings: []), test: .init(passed: 1, failed: 0, failures: []),
        replay: ReplayReport(candidate: ""))
}
