import Foundation
import Money
import Testing
@testable import SalesDomain

@Suite("Context files")
struct ContextTests {
    @Test("the sample context parses and lookups work")
    func lookups() throws {
        let context = try Fixtures.parsedContext()
        #expect(context.today == Day(year: 2026, month: 11, day: 29))
        #expect(context.user("li.na") == User(id: "li.na", name: "李娜", roles: [.salesperson], branch: "east"))
        #expect(context.user("wang.fang")?.roles == [.branchClerk, .salesperson])
        #expect(context.user("zhao.min")?.branch == nil)
        #expect(context.user("nobody") == nil)
        #expect(context.customer("K-0042")?.creditLimit == Money(fen: 30_000_000))
        #expect(context.customer("K-0007")?.government == true)
        #expect(context.customer("K-0007")?.overdue == Money(fen: 10)) // unquoted 0.1
        let sprayer = try #require(context.product("SP-16"))
        #expect(sprayer.key && !sprayer.difficult)
        #expect(sprayer.isStandard(spec: "GB-15kW") && !sprayer.isStandard(spec: "GB-18kW"))
        #expect(sprayer.unitCost == Money(fen: 5_000_000))
        #expect(context.product("TR-90")?.unitCost == nil)
        let contract = try #require(context.document("CT-2026-0001"))
        #expect(contract.kind == .contract)
        #expect(contract.progress == ContractProgress(shipped: ["SP-16": 4], returned: ["SP-16": 0],
                                                      invoiced: Money(fen: 12_000_000), collected: Money(fen: 10_000_000)))
        #expect(contract.document.contract?.signedOn == Day(year: 2026, month: 11, day: 1))
        #expect(context.document("QT-2026-0088")?.progress == nil)
        #expect(context.document("TD-2026-0001")?.kind == .tender)
    }

    @Test("an empty file section is fine; an empty context has nothing")
    func minimal() throws {
        let context = try InputDecoder.context(from: "today: 2026-01-05\n", file: "c.yaml")
        #expect(context.users.isEmpty && context.documents.isEmpty)
        #expect(context.today?.description == "2026-01-05")
        #expect(PolicyContext.empty.user("li.na") == nil)
    }

    static let bad: [(String, String)] = [
        ("users:\n  - { id: a, name: 甲, roles: [salesperson] }\n  - { id: a, name: 乙, roles: [finance] }",
         #"c.yaml:3: users[1]: duplicate user id "a" (also users[0])"#),
        ("users:\n  - { id: a, name: 甲, roles: [boss] }",
         #"c.yaml:2: users[0].roles[0]: expected one of salesperson, branch_clerk, branch_manager, sales_clerk, sales_manager, leadership, technical, procurement, finance, warehouse, customer, got "boss""#),
        ("users:\n  - { id: a, name: 甲, roles: [] }",
         "c.yaml:2: users[0].roles: expected at least one of role, got an empty list"),
        ("users:\n  - { id: a, name: 甲, roles: [finance], branch: west }",
         #"c.yaml:2: users[0].branch: no branch "west" in branches"#),
        ("products:\n  - { sku: P, name: 泵, unit_cost: 12.345 }",
         #"c.yaml:2: products[0].unit_cost: expected an amount in yuan with at most two decimal places, got "12.345""#),
        ("products:\n  - { sku: P, name: 泵, standard_specs: GB }",
         #"c.yaml:2: products[0].standard_specs: expected a list, got "GB""#),
        ("today: tomorrow", #"c.yaml:1: today: expected a date YYYY-MM-DD, got "tomorrow""#),
        ("customers:\n  - { id: K, name: 客户, credit_limit: 无 }",
         #"c.yaml:2: customers[0].credit_limit: expected an amount in yuan such as 612000.00, got "无""#),
        ("documents:\n  - { id: Q, kind: quote, customer: K, document: { lines: [], payment_terms_days: 1, delivery_date: 2026-01-01, warranty_months: 1 } }",
         "c.yaml:2: documents[0].document.lines: expected at least one of line, got an empty list"),
        ("customers: [{ id: K, name: 客户 }]\ndocuments:\n  - id: I\n    kind: invoice\n    customer: K\n    document: { amount: 1, invoice_type: x }\n    progress: { invoiced: 1 }",
         "c.yaml:7: documents[0].progress: only a contract has progress, this is an invoice"),
        ("customers: [{ id: K, name: 客户 }]\ndocuments:\n  - id: C\n    kind: contract\n    customer: K\n    document: { channel: fax, lines: [{sku: X, quantity: 1, unit_price: 1}], payment_terms_days: 1, delivery_date: 2026-01-01, warranty_months: 1 }",
         #"c.yaml:3: documents[0].document.lines[0].sku: no product "X" in products"#),
        ("documents:\n  - id: C\n    kind: service\n    customer: K9\n    document: { description: x, requested_on: 2026-01-01 }",
         #"c.yaml:4: documents[0].customer: no customer "K9" in customers"#),
        ("customers: [{ id: K, name: 客户 }]\nproducts: [{ sku: X, name: 泵 }]\ndocuments:\n  - id: C\n    kind: contract\n    customer: K\n    document: { channel: fax, lines: [{sku: X, quantity: 1, unit_price: 1}], payment_terms_days: 1, delivery_date: 2026-01-01, warranty_months: 1 }\n    progress: { shipped: { X: -1 } }",
         #"c.yaml:8: documents[0].progress.shipped.X: expected a non-negative integer, got "-1""#),
        ("branches: [{ id: east }]", "c.yaml:1: branches[0].name: required field is missing"),
        ("staff: []", "c.yaml:1: staff: unknown field; expected one of today, branches, users, customers, products, documents"),
    ]

    @Test("bad contexts", arguments: bad)
    func badContext(text: String, expected: String) {
        do {
            let context = try InputDecoder.context(from: text, file: "c.yaml")
            Issue.record("accepted: \(context)")
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test("a context built in code keeps the first of duplicate ids")
    func programmatic() {
        let context = PolicyContext(users: [User(id: "a", name: "first", roles: [.finance]),
                                            User(id: "a", name: "second", roles: [.finance])])
        #expect(context.user("a")?.name == "first")
    }
}
