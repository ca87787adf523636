import Money
import Testing
@testable import PolicyEngine
import SalesDomain

/// The decisive thresholds, checked on the decision's reasons and texts, not only on codes.
struct ThresholdTests {
    let engine: PolicyEngine

    init() throws { engine = try PolicyEngine(rules: Fixtures.shipped) }

    @Test func fivePercentCutIsNotMoreThanFivePercent() throws {
        let d = try engine.decide(try Fixtures.contract(price: "95.00"), context: Fixtures.context)
        #expect(d.outcome == .route)
        #expect(d.deviations.map(\.field) == ["lines[SP-02].unit_price"])
        #expect(d.deviations.first?.needs == .salesManager)
        #expect(!d.escalations.contains { $0.code == "contract.leadership.price_cut" })
        #expect(d.deviations.first?.quoted == .money(Money(fen: 10000)))
        #expect(d.deviations.first?.actual == .money(Money(fen: 9500)))
    }

    @Test func cutOfFivePointZeroOnePercentNeedsLeadership() throws {
        let d = try engine.decide(try Fixtures.contract(price: "94.99"), context: Fixtures.context)
        #expect(d.deviations.first?.needs == .leadership)
        #expect(d.escalations.contains { $0.code == "contract.leadership.price_cut" })
        #expect(d.route.contains { $0.steps.contains { $0.role == .leadership } })
    }

    @Test func englishAndChineseTextsCarryTheFigures() throws {
        let zh = try engine.decide(try Fixtures.contract(price: "94.99"), context: Fixtures.context, language: .zh)
        let en = try engine.decide(try Fixtures.contract(price: "94.99"), context: Fixtures.context, language: .en)
        let zhText = zh.escalations.first { $0.code == "contract.leadership.price_cut" }?.text ?? ""
        let enText = en.escalations.first { $0.code == "contract.leadership.price_cut" }?.text ?? ""
        #expect(zhText.contains("¥100.00") && zhText.contains("¥94.99"), "\(zhText)")
        #expect(enText.contains("¥100.00") && enText.contains("¥94.99"), "\(enText)")
        #expect(zhText != enText)
        #expect(!zhText.contains("{") && !enText.contains("{"), "unfilled placeholder: \(zhText) / \(enText)")
    }
}
