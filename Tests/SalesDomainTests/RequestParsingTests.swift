import Foundation
import Money
import Testing
@testable import SalesDomain

@Suite("Request files")
struct RequestParsingTests {
    @Test("a valid request of each kind parses from YAML", arguments: Fixtures.requests)
    func parsesYAML(kind: RequestKind, text: String) throws {
        let request = try InputDecoder.request(from: text, file: "request.yaml")
        #expect(request.kind == kind)
        #expect(request.document.kind == kind)
    }

    @Test("each kind round-trips through JSON: encode, then read back with the same decoder",
          arguments: Fixtures.requests)
    func roundTripsJSON(kind: RequestKind, text: String) throws {
        let request = try InputDecoder.request(from: text, file: "request.yaml")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try encoder.encode(request)
        let again = try InputDecoder.request(from: json, file: "request.json")
        #expect(again == request)
        #expect(try encoder.encode(again) == json)
    }

    @Test("contract fields land where they belong")
    func contractFields() throws {
        let request = try InputDecoder.request(from: Fixtures.contract, file: "request.yaml")
        #expect(request.id == "CT-2026-0107")
        #expect(request.submittedBy == "li.na")
        #expect(request.branch == "east")
        #expect(request.customer == .id("K-0042"))
        #expect(request.refs == ["quote": "QT-2026-0088"])
        let contract = try #require(request.document.contract)
        #expect(contract.channel == .formal)
        #expect(contract.signedOn == nil)
        #expect(contract.lines == [Line(sku: "SP-16", spec: "GB-15kW", quantity: 10, unitPrice: Money(fen: 6_120_000),
                                        parameters: ["power": "15kW"])])
        #expect(contract.paymentTermsDays == 30)
        #expect(contract.deliveryDate == Day(year: 2026, month: 12, day: 31))
        #expect(contract.warrantyMonths == 12)
        #expect(contract.otherTerms == "")
        #expect(try contract.amount() == Money(fen: 61_200_000))
    }

    @Test("quote: unquoted 0.1 is exactly ten fen, amounts and costs are exact, Chinese keys survive")
    func quoteMoney() throws {
        let request = try InputDecoder.request(from: Fixtures.quote, file: "request.yaml")
        let quote = try #require(request.document.quote)
        #expect(quote.lines[0].unitPrice == Money(fen: 10))
        #expect(quote.lines[1].unitPrice == Money(fen: 20))
        #expect(try quote.amount() == Money(fen: 50)) // 3 × 0.10 + 1 × 0.20
        #expect(quote.lines[0].parameters == ["power": "18kW", "电压": "380V"])
        #expect(quote.otherTerms == "含运费")
        #expect(quote.tenderSource == .governmentProcurement)
        #expect(quote.validUntil == Day(year: 2026, month: 12, day: 31))
        let context = try Fixtures.parsedContext()
        // TR-90 has no unit cost, so the quote's cost is unknown rather than wrong.
        #expect(try quote.cost(products: context.product) == nil)
    }

    @Test("the other kinds' documents")
    func otherKinds() throws {
        func load(_ text: String) throws -> Document {
            try InputDecoder.request(from: text, file: "request.yaml").document
        }
        guard case .visitPlan(let plan) = try load(Fixtures.visitPlan) else { throw Failure("visit plan") }
        #expect(plan.weekOf.description == "2026-11-30")
        #expect(plan.visits.map(\.key) == [true, false])
        #expect(plan.visits[1].customer == "新客户 盐城农场")

        guard case .tender(let tender) = try load(Fixtures.tender) else { throw Failure("tender") }
        #expect(tender.estimatedAmount == Money(fen: 120_000_000))
        #expect(tender.estimatedCost == Money(fen: 95_000_000))
        #expect(tender.source == .governmentProcurement)
        #expect(tender.title == "2027年植保机械集中采购")

        guard case .shipment(let shipment) = try load(Fixtures.shipment) else { throw Failure("shipment") }
        #expect(shipment.lines == [Line(sku: "SP-16", quantity: 6)])
        let contract = try #require(try Fixtures.parsedContext().document("CT-2026-0001")?.document.contract)
        #expect(try shipment.amount(pricedBy: contract) == Money(fen: 36_720_000))
        #expect(try shipment.amount(pricedBy: nil) == nil)

        guard case .collection(let collection) = try load(Fixtures.collection) else { throw Failure("collection") }
        #expect(collection.amount == Money(fen: 2_000_050))
        #expect(collection.method == "银行转账")

        guard case .invoice(let invoice) = try load(Fixtures.invoice) else { throw Failure("invoice") }
        #expect(invoice.amount == Money(fen: 30))
        #expect(invoice.invoiceType == "增值税专用发票")

        guard case .service(let service) = try load(Fixtures.service) else { throw Failure("service") }
        #expect(service.product == "SP-16")
        #expect(service.description == "喷头堵塞，需要上门检修。\nNozzle blocked.\n")
        #expect(service.requestedOn == Day(year: 2026, month: 11, day: 28))

        let returned = try InputDecoder.request(from: Fixtures.returnRequest, file: "request.yaml")
        guard case .returnRequest(let details) = returned.document else { throw Failure("return") }
        #expect(details.type == .exchange)
        #expect(details.reason == "运输损坏")
        #expect(returned.customer == .inline(Customer(id: "K-0042", name: "江苏农机合作社",
                                                      creditLimit: Money(fen: 30_000_000))))
    }

    @Test("a hand-written JSON request parses like its YAML twin")
    func handWrittenJSON() throws {
        let json = """
        {
          "kind": "contract",
          "submitted_by": "li.na",
          "customer": "K-0042",
          "refs": {"quote": "QT-2026-0088"},
          "document": {
            "channel": "phone",
            "lines": [{"sku": "SP-16", "quantity": 2, "unit_price": 0.1, "name": "喷雾机"}],
            "payment_terms_days": 0,
            "delivery_date": "2026-12-31",
            "warranty_months": 12
          }
        }
        """
        let request = try InputDecoder.request(from: Data(json.utf8), file: "request.json")
        let contract = try #require(request.document.contract)
        #expect(contract.channel == .phone)
        #expect(contract.lines[0].unitPrice == Money(fen: 10))
        #expect(contract.lines[0].name == "喷雾机")
        #expect(try contract.amount() == Money(fen: 20))
    }

    @Test("Chinese text round-trips byte for byte through JSON")
    func chineseRoundTrip() throws {
        let context = try Fixtures.parsedContext()
        let json = try JSONEncoder().encode(context)
        let again = try InputDecoder.context(from: json, file: "context.json")
        #expect(again == context)
        #expect(again.customer("K-0042")?.name == "江苏农机合作社")
        #expect(again.product("SP-16")?.unit == "台")
        #expect(again.branch("east")?.name == "华东分部")
    }

    @Test("a request inside a larger file reports paths from the top of that file")
    func embedded() throws {
        let cases = """
        - name: bad
          request:
            kind: shipment
            submitted_by: li.na
            customer: K-0042
            document: { lines: [ { sku: SP-16, quantity: 0 } ] }
        """
        let top = try InputDecoder.parse(cases, file: "cases.yaml")
        let first = try #require(try top.list().first)
        let map = try first.mapping(fields: ["name", "request", "context", "expect"])
        do {
            _ = try map.required("request") { v throws(InputError) in try Request(from: v) }
            Issue.record("accepted quantity 0")
        } catch {
            #expect(error.description
                == "cases.yaml:6: [0].request.document.lines[0].quantity: expected a positive integer, got \"0\"")
        }
    }
}

struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
