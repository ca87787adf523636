import Testing
import LuaRuntime
import Money
@testable import PolicyEngine
import SalesDomain
import Workload

/// `request` as scripts get it, written by hand (`PolicyInput`): every kind hands over exactly
/// the fields listed here, with the types and values scripts rely on. A field dropped, renamed or
/// handed over as another type fails these tests; so does an absent optional written as a value.
@Suite struct RequestEncodingTests {
    static let factory: PolicyContext = {
        do { return try InputDecoder.context(contentsOf: Fixtures.packageRoot.appendingPathComponent("examples/data/factory.yaml").path) } catch {
            fatalError("examples/data/factory.yaml: \(error)")
        }
    }()

    /// The document fields of each kind as the generator makes them (its optionals left out).
    static let documentFields: [RequestKind: Set<String>] = [
        .visitPlan: ["week_of", "visits"],
        .tender: ["source", "title", "estimated_amount", "deadline", "amount"],
        .quote: ["payment_terms_days", "delivery_date", "warranty_months", "other_terms", "lines", "amount", "cost"],
        .contract: ["channel", "payment_terms_days", "delivery_date", "warranty_months", "other_terms", "lines", "amount", "cost"],
        .shipment: ["lines", "amount"],
        .collection: ["amount", "method"],
        .invoice: ["amount", "invoice_type"],
        .service: ["product", "description", "requested_on"],
        .returnRequest: ["type", "reason", "lines", "amount"],
    ]
    /// The references of each kind as the generator makes them.
    static let references: [RequestKind: Set<String>] = [
        .contract: ["quote"], .shipment: ["contract"], .collection: ["contract"], .invoice: ["contract"],
        .returnRequest: ["contract"],
    ]
    static let lineFields: Set<String> = ["sku", "name", "unit", "quantity", "unit_price", "amount", "parameters", "product"]
    static let productFields: Set<String> = ["sku", "name", "unit", "difficult", "key", "standard_specs", "unit_cost"]

    /// The string keys of a record (a table with no sequence part).
    static func fields(_ value: LuaValue, _ path: String) -> Set<String> {
        guard case .table(let table) = value else {
            Issue.record("\(path) is \(value.typeName), not a table")
            return []
        }
        #expect(table.array.isEmpty, "\(path) has a sequence part")
        return Set(table.fields.keys.compactMap { if case .string(let s) = $0 { s } else { nil } })
    }

    static func list(_ value: LuaValue, _ path: String) -> [LuaValue] {
        guard case .table(let table) = value, table.fields.isEmpty else {
            Issue.record("\(path) is not a sequence: \(value)")
            return []
        }
        return table.array
    }

    @Test func everyKindHandsOverExactlyItsFields() throws {
        var generator = RequestGenerator(seed: 2024, master: Self.factory, documents: 200)
        for kind in RequestKind.allCases {
            for _ in 0..<25 {
                let resolved = try generator.context.resolve(generator.request(kind))
                let request = try PolicyEngine.requestView(resolved)
                var expected: Set<String> = ["kind", "submitted_by", "customer", "document"]
                if resolved.branch != nil { expected.insert("branch") }
                expected.formUnion(Self.references[kind] ?? [])
                #expect(Self.fields(request, "request") == expected, "\(kind)")
                #expect(request["kind"] == .string(kind.rawValue))
                #expect(request["branch"] == resolved.branch.map(LuaValue.string) ?? .nil)

                let user = request["submitted_by"]
                var userFields: Set<String> = ["id", "name", "roles"]
                if resolved.submitter.branch != nil { userFields.insert("branch") }
                #expect(Self.fields(user, "submitted_by") == userFields)
                #expect(Self.list(user["roles"], "roles") == resolved.submitter.roles.map { .string($0.rawValue) })
                #expect(Self.fields(request["customer"], "customer") == ["id", "name", "government", "credit_limit", "overdue"])
                #expect(request["customer"]["credit_limit"] == .money(resolved.customer.creditLimit))
                #expect(request["customer"]["government"] == .boolean(resolved.customer.government))

                let document = request["document"]
                #expect(Self.fields(document, "\(kind) document") == Self.documentFields[kind], "\(kind)")
                let specs: Set<String> = kind == .quote || kind == .contract ? ["spec"] : []
                let lines = document["lines"].isNil ? [] : Self.list(document["lines"], "lines")
                #expect(lines.count == resolved.request.document.lines.count)
                for (i, line) in lines.enumerated() {
                    #expect(Self.fields(line, "\(kind) line \(i + 1)") == Self.lineFields.union(specs))
                    #expect(Self.fields(line["product"], "\(kind) product") == Self.productFields)
                    #expect(line["amount"].typeName == "money" && line["unit_price"].typeName == "money")
                    #expect(line["quantity"].typeName == "integer")
                }
                if let quote = resolved.quote {
                    #expect(Self.fields(request["quote"], "quote") == ["id", "document"])
                    #expect(request["quote"]["id"] == .string(quote.id))
                    #expect(Self.fields(request["quote"]["document"], "quote document") == Self.documentFields[.quote])
                }
                if let contract = resolved.contract {
                    let reference = request["contract"]
                    #expect(Self.fields(reference, "contract") == ["id", "document", "shipped", "returned", "invoiced", "collected"])
                    #expect(Self.fields(reference["document"], "contract document") == Self.documentFields[.contract])
                    let shipped = contract.progress?.shipped ?? [:]
                    #expect(Self.fields(reference["shipped"], "shipped") == Set(shipped.keys))
                    for (sku, quantity) in shipped { #expect(reference["shipped"][sku] == .integer(quantity)) }
                    #expect(reference["invoiced"] == .money(contract.progress?.invoiced ?? .zero))
                }
            }
        }
    }

    /// A generated contract against its quote, read value by value.
    @Test func aContractCarriesEnrichedLinesAndExactFigures() throws {
        var generator = RequestGenerator(seed: 2024, master: Self.factory, documents: 200)
        var found: ResolvedRequest?
        while found == nil {
            let resolved = try generator.context.resolve(generator.request(.contract))
            if resolved.quote != nil, resolved.request.document.lines.count >= 2 { found = resolved }
        }
        let resolved = try #require(found)
        let contract = try #require(resolved.request.document.contract)
        let request = try PolicyEngine.requestView(resolved)
        let document = request["document"]

        let second = contract.lines[1]
        let product = try #require(resolved.products[second.sku])
        #expect(document["lines"][2]["sku"] == .string(second.sku))
        #expect(document["lines"][2]["product"]["standard_specs"] == .table(LuaTable(array: product.standardSpecs.map { .string($0) })))
        #expect(document["lines"][2]["product"]["unit_cost"] == product.unitCost.map(LuaValue.money) ?? .nil)
        #expect(document["lines"][2]["name"] == .string(product.name))  // the product's, the line has none
        #expect(document["lines"][2]["quantity"] == .integer(second.quantity))
        let price = try #require(second.unitPrice)
        #expect(document["lines"][2]["unit_price"] == .money(price))
        #expect(document["lines"][2]["amount"] == .money(try price.multiplied(by: second.quantity)))
        #expect(document["lines"][2]["parameters"] == .table(LuaTable(fields: Dictionary(
            uniqueKeysWithValues: second.parameters.map { (LuaValue.string($0.key), LuaValue.string($0.value)) }))))
        #expect(document["amount"] == .money(try contract.amount()))
        #expect(document["cost"] == (try contract.cost { resolved.products[$0] }).map(LuaValue.money) ?? .nil)
        #expect(document["channel"] == "formal")
        #expect(document["payment_terms_days"] == .integer(Int64(contract.paymentTermsDays)))
        #expect(document["delivery_date"] == .string(contract.deliveryDate.description))
        for absent in ["signed_on", "tender_source", "valid_until"] { #expect(document[absent] == .nil, "\(absent)") }
        #expect(request["id"] == .nil && request["tender"] == .nil && request["contract"] == .nil)

        let quoted = request["quote"]["document"]
        #expect(quoted["lines"][2]["product"]["standard_specs"] == document["lines"][2]["product"]["standard_specs"])
        #expect(quoted["amount"].typeName == "money" && quoted["cost"].typeName == "money")
    }

    /// What the generator never sets: every optional, present, with its type.
    @Test func optionalsAreHandedOverWhenPresent() throws {
        var generator = RequestGenerator(seed: 2024, master: Self.factory, documents: 200)
        let context = generator.context

        var quoteRequest = generator.request(.quote)
        guard case .quote(var quote) = quoteRequest.document else { Issue.record("not a quote"); return }
        quote.tenderSource = .publicTender
        quote.validUntil = Day(year: 2027, month: 1, day: 2)
        quote.lines[0].name = "自定义"
        quote.lines[0].unit = "件"
        quote.lines[0].spec = nil
        quote.lines[0].parameters = ["10": "x"]
        quoteRequest.document = .quote(quote)
        quoteRequest.id = "QT-TEST-1"
        let q = try PolicyEngine.requestView(context.resolve(quoteRequest))
        #expect(q["id"] == "QT-TEST-1")
        #expect(q["document"]["tender_source"] == "public_tender")
        #expect(q["document"]["valid_until"] == "2027-01-02")
        let line = q["document"]["lines"][1]
        #expect(line["name"] == "自定义" && line["unit"] == "件" && line["spec"] == .nil)
        // A key that looks like a number stays a string: scripts index with text.
        #expect(line["parameters"] == ["10": "x"])

        var contractRequest = generator.request(.contract)
        guard case .contract(var contract) = contractRequest.document else { Issue.record("not a contract"); return }
        contract.signedOn = Day(year: 2026, month: 11, day: 30)
        contract.channel = .phone
        contract.tenderSource = .governmentProcurement
        contract.validUntil = Day(year: 2027, month: 3, day: 4)
        contractRequest.document = .contract(contract)
        let k = try PolicyEngine.requestView(context.resolve(contractRequest))["document"]
        #expect(k["signed_on"] == "2026-11-30" && k["channel"] == "phone")
        #expect(k["tender_source"] == "government_procurement" && k["valid_until"] == "2027-03-04")

        var tenderRequest = generator.request(.tender)
        guard case .tender(var tender) = tenderRequest.document else { Issue.record("not a tender"); return }
        tender.estimatedCost = Money(fen: 123_456)
        tenderRequest.document = .tender(tender)
        let t = try PolicyEngine.requestView(context.resolve(tenderRequest))["document"]
        #expect(Self.fields(t, "tender") == Self.documentFields[.tender]!.union(["estimated_cost"]))
        #expect(t["estimated_cost"] == .money(Money(fen: 123_456)))
        #expect(t["amount"] == .money(tender.estimatedAmount) && t["estimated_amount"] == .money(tender.estimatedAmount))
        #expect(t["deadline"] == .string(tender.deadline.description) && t["source"] == .string(tender.source.rawValue))

        let plan = try PolicyEngine.requestView(context.resolve(generator.request(.visitPlan)))["document"]
        for (i, visit) in Self.list(plan["visits"], "visits").enumerated() {
            #expect(Self.fields(visit, "visit \(i + 1)") == ["customer", "date", "purpose", "key"])
            #expect(visit["key"] == .boolean(i == 0) && visit["date"].typeName == "string")
        }

        var serviceRequest = generator.request(.service)
        guard case .service(var service) = serviceRequest.document else { Issue.record("not a service"); return }
        service.product = nil
        serviceRequest.document = .service(service)
        let s = try PolicyEngine.requestView(context.resolve(serviceRequest))["document"]
        #expect(Self.fields(s, "service") == ["description", "requested_on"])
    }

    /// The engine runs the very bytes `requestView` reads.
    @Test func scriptsSeeWhatTheViewShows() throws {
        var generator = RequestGenerator(seed: 2024, master: Self.factory, documents: 200)
        let resolved = try generator.context.resolve(generator.request(.contract))
        let view = try PolicyEngine.requestView(resolved)
        let lua = try LuaState()
        let chunk = try lua.compile("""
            local d = request.document
            return d.amount, #d.lines, d.lines[1].product.standard_specs[1], d.signed_on == nil, request.quote.id
            """, chunkName: "probe.lua")
        let result = try lua.run(chunk, globals: PolicyInput(resolved).globals)
        let document = view["document"]
        #expect(result.values == [document["amount"], .integer(Int64(resolved.request.document.lines.count)),
                                  document["lines"][1]["product"]["standard_specs"][1], true, view["quote"]["id"]])
    }

    /// Counts are patched at each table's end, however they nest; a writer not complete is refused.
    @Test func theWriterNestsAndIsCheckedBeforeARun() throws {
        var writer = LuaTableWriter(capacity: 16)
        writer.beginRecord()
        writer.key("rows")
        writer.beginList()
        for n in 1...3 {
            writer.beginRecord()
            writer.field("n", Int64(n))
            writer.field("skipped", nil as String?)
            writer.key("tags")
            writer.beginList()
            writer.string("a")
            writer.end()
            writer.end()
        }
        writer.end()
        writer.field("total", Money(fen: 600))
        writer.field("ok", true)
        #expect(!writer.isComplete)
        let lua = try LuaState()
        let chunk = try lua.compile("return #rows, rows[3].n, total, ok", chunkName: "probe.lua")
        #expect(throws: LuaError.self) { try lua.run(chunk, globals: writer) }
        writer.end()
        #expect(writer.isComplete)
        let row: (Int64) -> LuaValue = { ["n": .integer($0), "tags": ["a"]] }
        #expect(try writer.decoded() == ["rows": [row(1), row(2), row(3)], "total": .money(Money(fen: 600)), "ok": true])
        #expect(try lua.run(chunk, globals: writer).values == [3, 3, .money(Money(fen: 600)), true])
    }
}
