import Money
import Testing
@testable import PolicyEngine
import SalesDomain

/// Reason texts: placeholders filled from facts in the language's display form.
struct MessageCatalogTests {
    let catalog = MessageCatalog(templates: [
        "x.amount": [.zh: "合同金额 {amount} ≥ 阈值 {threshold}，{missing}，{ 未闭合", .en: "Amount {amount}"],
        "x.flag": [.zh: "政府客户：{government}", .en: "Government: {government}"],
    ])

    @Test func fillsMoneyAndKeepsChineseText() {
        let text = catalog.text("x.amount", facts: ["amount": .money(Money(fen: 61_200_000)), "threshold": .money(Money(fen: 50_000_000))], language: .zh)
        #expect(text == "合同金额 ¥612,000.00 ≥ 阈值 ¥500,000.00，—，{ 未闭合")
        #expect(catalog.missingFacts("x.amount", facts: ["amount": .integer(1)], language: .zh) == ["threshold", "missing"])
    }

    @Test func booleansAndListsInEachLanguage() {
        #expect(catalog.text("x.flag", facts: ["government": .bool(true)], language: .zh) == "政府客户：是")
        #expect(catalog.text("x.flag", facts: ["government": .bool(false)], language: .en) == "Government: no")
    }

    @Test func unknownCodesStillShowTheirFacts() {
        #expect(catalog.text("y.unknown", facts: ["b": .integer(2), "a": .text("x")], language: .en) == "y.unknown (a=x, b=2)")
    }
}
