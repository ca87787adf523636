import Money
import Testing
@testable import SalesDomain

/// Cross-reference checks of a request against the context.
@Suite("Resolving requests against a context")
struct ResolveTests {
    private func request(_ text: String) throws -> Request {
        try InputDecoder.request(from: text, file: "request.yaml")
    }

    @Test("every sample request resolves against the sample context", arguments: Fixtures.requests)
    func samplesResolve(kind: RequestKind, text: String) throws {
        let context = try Fixtures.parsedContext()
        #expect(throws: Never.self) { try context.validate(request(text)) }
    }

    @Test("a resolved contract carries its submitter, branch, customer, quote and products")
    func resolvedContract() throws {
        let resolved = try Fixtures.parsedContext().resolve(request(Fixtures.contract))
        #expect(resolved.submitter.name == "李娜")
        #expect(resolved.branch == "east")
        #expect(resolved.customer.name == "江苏农机合作社")
        #expect(resolved.quote?.id == "QT-2026-0088")
        #expect(resolved.contract == nil)
        #expect(resolved.products.keys.sorted() == ["SP-16"])
    }

    @Test("a shipment gets its contract with progress; branch defaults to the submitter's")
    func resolvedShipment() throws {
        let resolved = try Fixtures.parsedContext().resolve(request(Fixtures.shipment))
        #expect(resolved.contract?.progress?.shipped["SP-16"] == 4)
        #expect(resolved.branch == "east")
        let byManager = try Fixtures.parsedContext().resolve(request(
            Fixtures.shipment.replacingOccurrences(of: "wang.fang", with: "zhao.min")))
        #expect(byManager.branch == nil)
    }

    @Test("an inline customer is used as given, even without master data")
    func inlineCustomer() throws {
        let resolved = try Fixtures.parsedContext().resolve(request(Fixtures.returnRequest))
        #expect(resolved.customer.creditLimit == Money(fen: 30_000_000))
        #expect(resolved.customer.overdue == .zero)
    }

    @Test("a phone order without a quote is fine")
    func phoneOrder() throws {
        let text = Fixtures.contract.replacingOccurrences(of: "refs: { quote: QT-2026-0088 }\n", with: "")
            .replacingOccurrences(of: "channel: formal", with: "channel: phone")
        let resolved = try Fixtures.parsedContext().resolve(request(text))
        #expect(resolved.quote == nil)
        #expect(resolved.request.document.contract?.channel == .phone)
    }

    static let bad: [(String, String, String)] = [
        (Fixtures.contract, "submitted_by: li.na", "submitted_by: nobody"),
        (Fixtures.contract, "branch: east", "branch: west"),
        (Fixtures.contract, "customer: K-0042", "customer: K-9999"),
        (Fixtures.contract, "sku: SP-16", "sku: SP-99"),
        (Fixtures.contract, "QT-2026-0088", "QT-0000"),
        (Fixtures.contract, "QT-2026-0088", "CT-2026-0001"),
        (Fixtures.shipment, "refs: { contract: CT-2026-0001 }\n", ""),
        (Fixtures.invoice, "CT-2026-0001", "QT-2026-0088"),
        (Fixtures.collection, "customer: K-0042", "customer: K-0007"),
        (Fixtures.service, "product: SP-16", "product: XX-1"),
    ]
    static let messages = [
        #"request.yaml:3: submitted_by: no user "nobody" in the context"#,
        #"request.yaml:4: branch: no branch "west" in the context"#,
        #"request.yaml:5: customer: no customer "K-9999" in the context"#,
        #"request.yaml:10: document.lines[0].sku: no product "SP-99" in the context"#,
        #"request.yaml:6: refs.quote: no document "QT-0000" in the context"#,
        #"request.yaml:6: refs.quote: "CT-2026-0001" is a contract, expected a quote"#,
        "request.yaml:1: refs.contract: required reference is missing; a shipment must reference its contract",
        #"request.yaml:4: refs.contract: "QT-2026-0088" is a quote, expected a contract"#,
        #"request.yaml:4: refs.contract: contract "CT-2026-0001" belongs to customer "K-0042", not "K-0007""#,
        #"request.yaml:6: document.product: no product "XX-1" in the context"#,
    ]

    @Test("cross-reference errors", arguments: zip(bad, messages))
    func crossReference(change: (String, String, String), expected: String) throws {
        let (text, old, new) = change
        #expect(text.contains(old))
        let request = try request(text.replacingOccurrences(of: old, with: new))
        let context = try Fixtures.parsedContext()
        do {
            _ = try context.resolve(request)
            Issue.record("resolved \(request)")
        } catch {
            #expect(error.description == expected)
            #expect(error.category != .invalidValue)
        }
    }
}
