import ApprovalStore
import Foundation
import PolicyEngine
import SalesDomain

/// Shared helpers: the package's shipped rules and sample context, a fresh database per test, a
/// pinned clock, and requests written inline as YAML.
enum TestSupport {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let rulesDirectory = packageRoot.appendingPathComponent("rules").path
    /// The dry-run context: users for every role, customers, products, quotes and contracts.
    static let sampleContext = packageRoot.appendingPathComponent("rules/tests/context.yaml").path
    static let examples = packageRoot.appendingPathComponent("examples")

    /// 2026-11-29 10:00 in Shanghai.
    static let noon = Date(timeIntervalSince1970: 1_795_917_600)
    static let shanghai = TimeZone(identifier: "Asia/Shanghai") ?? .current

    /// A new, empty folder for this test's database files.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("signoff-store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func databasePath() throws -> String {
        try temporaryFolder().appendingPathComponent("signoff.db").path
    }

    static func engine() throws -> PolicyEngine {
        try PolicyEngine(directory: rulesDirectory)
    }

    /// A store at a new path, loaded with the sample context.
    static func store(path: String? = nil) throws -> Store {
        let store = try Store(path: path ?? databasePath(), timeZone: shanghai, clock: { noon })
        try store.importMasterData(file: sampleContext, actor: "admin")
        return store
    }

    static func request(_ yaml: String) throws -> Request {
        try InputDecoder.request(from: yaml, file: "test request")
    }

    /// Who acts on a step of each role in the sample org (a clerk records customer signatures).
    static let actor: [Role: String] = [
        .salesManager: "zhao.min", .leadership: "huang.wei", .finance: "zheng.hong", .salesClerk: "wu.fang",
        .customer: "wu.fang", .warehouse: "lin.tao", .technical: "xu.gang", .procurement: "he.jun",
        .branchManager: "sun.hao", .branchClerk: "zhou.li", .salesperson: "chen.jie",
    ]

    /// Takes every open step of the case with its default action until it is approved.
    static func completeRoute(_ store: Store, _ caseID: String) throws {
        for _ in 0..<50 {
            let detail = try store.show(caseID: caseID)
            guard detail.record.state == .open else { return }
            guard let step = detail.steps.first(where: { $0.state == .pending }) else { return }
            let user = step.assignee ?? actor[step.role] ?? "zhao.min"
            let action: SignoffAction = switch step.action {
            case .approve, .review: .approve
            case .perform, .file: .perform
            case .sign: .sign
            }
            try store.act(caseID: caseID, step: String(step.number), action: action, as: user)
        }
    }

    /// A contract for K-0042 against quote QT-2026-0088 (¥316,000.00), with the sprayer's price
    /// cut from ¥61,200.00 to `price` and the given payment terms.
    static func contract(price: String = "57000.00", paymentDays: Int = 30, id: String = "CT-2026-0107") throws -> Request {
        try request("""
        kind: contract
        id: \(id)
        submitted_by: li.na
        customer: K-0042
        refs: { quote: QT-2026-0088 }
        document:
          channel: formal
          lines:
            - { sku: SP-16, spec: "GB-15kW", quantity: 5, unit_price: "\(price)", parameters: { power: 15kW, tank: 500L } }
            - { sku: SP-02, spec: "PT-02", quantity: 100, unit_price: "100.00" }
          payment_terms_days: \(paymentDays)
          delivery_date: 2026-12-31
          warranty_months: 12
          other_terms: "货到验收合格后付款"
        """)
    }
}
