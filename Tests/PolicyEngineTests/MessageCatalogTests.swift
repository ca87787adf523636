import LuaRuntime
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

/// `messages.lua` read from what the script returns: texts by code and language, and a clear
/// error naming the code and language for each kind of mistake.
struct MessageCatalogReadingTests {
    @Test func readsEveryCodeAndLanguage() throws {
        let catalog = try MessageCatalog(.table(LuaTable(fields: [
            "a.one": .table(LuaTable(fields: ["zh": "一 {x}", "en": "one {x}"])),
            "b.two": .table(LuaTable(fields: ["en": "two"])),
        ])))
        #expect(catalog.templates == ["a.one": [.zh: "一 {x}", .en: "one {x}"], "b.two": [.en: "two"]])
        #expect(catalog.text("a.one", facts: ["x": .integer(3)], language: .en) == "one 3")
        #expect(catalog.text("b.two", facts: [:], language: .zh) == "two")
    }

    @Test(arguments: [
        (LuaValue.string("x"), "messages.lua: expected a table of reason texts"),
        (["a"], "messages.lua: [1]: expected a reason code as the key"),
        (.table(LuaTable(fields: [.integer(7): .table(LuaTable(fields: ["zh": "x"]))])), "messages.lua: [7]: expected a reason code as the key"),
        (.table(LuaTable(fields: ["a.b": "text"])), "messages.lua: a.b: expected { zh = \"…\", en = \"…\" }, got string"),
        (.table(LuaTable(fields: ["a.b": ["text"]])), "messages.lua: a.b[1]: expected zh = \"…\" or en = \"…\""),
        (.table(LuaTable(fields: ["a.b": .table(LuaTable(fields: ["fr": "x"]))])), "messages.lua: a.b.fr: unknown language (expected zh or en)"),
        (.table(LuaTable(fields: ["a.b": .table(LuaTable(fields: ["zh": 5]))])), "messages.lua: a.b.zh: expected text, got integer"),
    ] as [(LuaValue, String)])
    func mistakesNameTheCodeAndLanguage(value: LuaValue, message: String) {
        #expect(throws: PolicyError.self) { try MessageCatalog(value) }
        do {
            _ = try MessageCatalog(value)
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }

    /// With several mistakes the first in sorted order is reported, whatever the table's order.
    @Test func theReportedMistakeIsAlwaysTheSame() {
        let bad = LuaValue.table(LuaTable(fields: [
            "z.last": .table(LuaTable(fields: ["zh": 1])),
            "a.first": .table(LuaTable(fields: ["xx": "?"])),
            "m.middle": "text",
        ]))
        do {
            _ = try MessageCatalog(bad)
            Issue.record("accepted a malformed catalog")
        } catch {
            #expect("\(error)".contains("a.first.xx: unknown language"), "\(error)")
        }
    }
}
