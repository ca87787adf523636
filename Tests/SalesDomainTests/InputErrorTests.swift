import Foundation
import Testing
@testable import SalesDomain

/// Each class of bad input gives one precise message: file, line, field path, what was expected.
@Suite("Input errors")
struct InputErrorTests {
    private static let head = """
    kind: contract
    submitted_by: li.na
    customer: K-0042
    document:
      channel: formal
      payment_terms_days: 30
      delivery_date: 2026-12-31
      warranty_months: 12
      lines:
    """
    // The first line entry below `head` is line 10.

    static let cases: [(String, String, InputError.Category)] = [
        (head + "\n    - { sku: SP-16, quantity: ten, unit_price: 1 }",
         #"request.yaml:10: document.lines[0].quantity: expected a positive integer, got "ten""#, .invalidValue),
        (head + "\n    - { sku: SP-16, quantity: 1, unit_price: 1 }\n    - { sku: SP-16, quantity: 1, unit_price: 1 }\n    - { sku: SP-16, quantity: 2.5, unit_price: 1 }",
         #"request.yaml:12: document.lines[2].quantity: expected a positive integer, got "2.5""#, .invalidValue),
        (head + "\n    - { sku: SP-16, quantity: \"10\", unit_price: 1 }",
         #"request.yaml:10: document.lines[0].quantity: expected a positive integer, got "10""#, .invalidValue),
        (head + "\n    - { sku: SP-16, quantity: -3, unit_price: 1 }",
         #"request.yaml:10: document.lines[0].quantity: expected a positive integer, got "-3""#, .invalidValue),
        (head + "\n    - { sku: SP-16, quantity: 1, unit_price: 1, colour: red }",
         "request.yaml:10: document.lines[0].colour: unknown field; expected one of sku, name, spec, unit, quantity, unit_price, parameters",
         .unknownField),
        (head + "\n    - { sku: SP-16, quantity: 1 }",
         "request.yaml:10: document.lines[0].unit_price: required field is missing", .missingField),
        (head + "\n    - { sku: SP-16, quantity: 1, unit_price: ~ }",
         "request.yaml:10: document.lines[0].unit_price: required field is missing", .missingField),
        (head + "\n    - { sku: SP-16, quantity: 1, unit_price: 1.234 }",
         #"request.yaml:10: document.lines[0].unit_price: expected an amount in yuan with at most two decimal places, got "1.234""#,
         .invalidValue),
        (head + "\n    - { sku: SP-16, quantity: 1, unit_price: 1e5 }",
         #"request.yaml:10: document.lines[0].unit_price: expected an amount in yuan such as 612000.00, got "1e5" (exponents are not allowed; write the digits out)"#,
         .invalidValue),
        (head + "\n    - { sku: SP-16, quantity: 1, unit_price: \"¥5\" }",
         #"request.yaml:10: document.lines[0].unit_price: expected an amount in yuan such as 612000.00, got "¥5" (write the number without a currency sign)"#,
         .invalidValue),
        (head + "\n    - { sku: SP-16, quantity: 1, unit_price: .nan }",
         #"request.yaml:10: document.lines[0].unit_price: expected an amount in yuan such as 612000.00, got ".nan""#,
         .invalidValue),
        (head + "\n    - { sku: SP-16, quantity: 1, unit_price: -5 }",
         #"request.yaml:10: document.lines[0].unit_price: expected an amount of zero or more, got "-5""#, .invalidValue),
        (head + "\n    - { sku: SP-16, quantity: 1, unit_price: [1] }",
         "request.yaml:10: document.lines[0].unit_price: expected an amount in yuan such as \"612000.00\", got a list",
         .invalidValue),
        (head + "\n    - { sku: SP-16, quantity: 1000000000001, unit_price: 1 }",
         #"request.yaml:10: document.lines[0].quantity: expected a positive integer, got "1000000000001" (at most 1000000000000)"#,
         .invalidValue),
        (head + "\n    - { sku: SP-16, quantity: 1000000000000, unit_price: 999999999999.99 }",
         "request.yaml:10: document.lines[0]: quantity × unit_price is too large to calculate exactly", .invalidValue),
        (head + " []",
         "request.yaml:9: document.lines: expected at least one of line, got an empty list", .invalidValue),
        (head + " { sku: SP-16 }",
         #"request.yaml:9: document.lines: expected a list of line, got a mapping"#, .invalidValue),
        (head.replacingOccurrences(of: "2026-12-31", with: "2026-02-30") + "\n    - { sku: SP-16, quantity: 1, unit_price: 1 }",
         #"request.yaml:7: document.delivery_date: expected a date YYYY-MM-DD, got "2026-02-30" (no such day)"#, .invalidValue),
        (head.replacingOccurrences(of: "2026-12-31", with: "31/12/2026") + "\n    - { sku: SP-16, quantity: 1, unit_price: 1 }",
         #"request.yaml:7: document.delivery_date: expected a date YYYY-MM-DD, got "31/12/2026""#, .invalidValue),
        (head.replacingOccurrences(of: "2026-12-31", with: "2026-12-31T10:00:00Z") + "\n    - { sku: SP-16, quantity: 1, unit_price: 1 }",
         #"request.yaml:7: document.delivery_date: expected a date YYYY-MM-DD, got "2026-12-31T10:00:00Z""#, .invalidValue),
        (head.replacingOccurrences(of: "channel: formal", with: "channel: email") + "\n    - { sku: SP-16, quantity: 1, unit_price: 1 }",
         #"request.yaml:5: document.channel: expected one of formal, phone, fax, informal, got "email""#, .invalidValue),
        (head.replacingOccurrences(of: "kind: contract", with: "kind: order"),
         #"request.yaml:1: kind: expected one of visit_plan, tender, quote, contract, shipment, collection, invoice, service, return, got "order""#,
         .invalidValue),
        (head.replacingOccurrences(of: "kind: contract\n", with: ""),
         "request.yaml:1: kind: required field is missing", .missingField),
        (head.replacingOccurrences(of: "  channel: formal\n", with: "") + "\n    - { sku: SP-16, quantity: 1, unit_price: 1 }",
         "request.yaml:5: document.channel: required field is missing", .missingField),
        (head.replacingOccurrences(of: "submitted_by: li.na", with: "submited_by: li.na"),
         "request.yaml:2: submited_by: unknown field; expected one of kind, id, submitted_by, branch, customer, refs, document",
         .unknownField),
        (head.replacingOccurrences(of: "customer: K-0042", with: "customer: K-0042\nrefs: { contract: CT-1 }"),
         "request.yaml:4: refs.contract: unknown reference; a contract may reference quote", .unknownField),
        (head.replacingOccurrences(of: "customer: K-0042", with: "customer: [K-0042]"),
         #"request.yaml:3: customer: expected a customer id or an inline customer {id, name, …}, got a list"#,
         .invalidValue),
        (head.replacingOccurrences(of: "customer: K-0042", with: "customer: { id: K-1, name: 甲, government: yes }"),
         #"request.yaml:3: customer.government: expected true or false, got "yes""#, .invalidValue),
        (head.replacingOccurrences(of: "submitted_by: li.na", with: "submitted_by: \" li.na\""),
         #"request.yaml:2: submitted_by: expected a user id (non-empty, one line, no surrounding spaces), got " li.na""#,
         .invalidValue),
        (head.replacingOccurrences(of: "  warranty_months: 12\n", with: "  warranty_months: 12\n  warranty_months: 24\n"),
         #"request.yaml:8: field "warranty_months" given twice in one mapping"#, .duplicateField),
        ("kind: contract\nsubmitted_by: [li.na\n",
         "request.yaml:3: invalid YAML/JSON: did not find expected ',' or ']' (while parsing a flow sequence at line 2)",
         .syntax),
        ("", "request.yaml:1: the file is empty", .syntax),
        ("- kind: contract", "request.yaml:1: expected a mapping with fields kind, id, submitted_by, branch, customer, refs, document, got a list",
         .invalidValue),
    ]

    @Test("bad requests", arguments: cases)
    func badRequest(text: String, expected: String, category: InputError.Category) {
        do {
            let request = try InputDecoder.request(from: text, file: "request.yaml")
            Issue.record("accepted: \(request)")
        } catch {
            #expect(error.description == expected)
            #expect(error.category == category)
        }
    }

    @Test("JSON errors carry line numbers too")
    func jsonLines() {
        let json = """
        {
          "kind": "shipment",
          "submitted_by": "li.na",
          "customer": "K-0042",
          "document": {
            "lines": [
              {"sku": "SP-16", "quantity": 1},
              {"sku": "SP-16", "quantity": 1, "unit_price": 1.234}
            ]
          }
        }
        """
        do {
            _ = try InputDecoder.request(from: Data(json.utf8), file: "request.json")
            Issue.record("accepted 1.234")
        } catch {
            #expect(error.line == 8)
            #expect(error.path == FieldPath([.key("document"), .key("lines"), .index(1), .key("unit_price")]))
            #expect(error.description == #"request.json:8: document.lines[1].unit_price: expected an amount in yuan with at most two decimal places, got "1.234""#)
        }
    }

    @Test("document fields depend on the kind")
    func kindSpecificFields() {
        let text = """
        kind: invoice
        submitted_by: li.na
        customer: K-0042
        document: { amount: 100, invoice_type: 普通发票, channel: formal }
        """
        #expect(throws: InputError.self) { try InputDecoder.request(from: text, file: "r.yaml") }
        do {
            _ = try InputDecoder.request(from: text, file: "r.yaml")
        } catch {
            #expect(error.description == "r.yaml:4: document.channel: unknown field; expected one of amount, invoice_type")
        }
    }

    @Test("files: missing, not UTF-8, and read from disk with the path as given")
    func files() throws {
        #expect(throws: InputError(file: "/nonexistent/request.yaml", category: .unreadable, message: "no such file")) {
            try InputDecoder.request(contentsOf: "/nonexistent/request.yaml")
        }
        #expect(throws: InputError(file: "bin", category: .unreadable, message: "not UTF-8 text")) {
            try InputDecoder.request(from: Data([0xFF, 0xFE, 0x00, 0xC3]), file: "bin")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("salesdomain-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("request.yaml").path
        try Data(("\u{FEFF}" + Fixtures.shipment).utf8).write(to: URL(fileURLWithPath: path))
        #expect(try InputDecoder.request(contentsOf: path).kind == .shipment)
        let bad = directory.appendingPathComponent("bad.yaml").path
        try Data("kind: shipment\nsubmitted_by: 5\nbogus: 1\n".utf8).write(to: URL(fileURLWithPath: bad))
        do {
            _ = try InputDecoder.request(contentsOf: bad)
            Issue.record("accepted bad.yaml")
        } catch {
            #expect(error.description == "\(bad):3: bogus: unknown field; expected one of kind, id, submitted_by, branch, customer, refs, document")
        }
    }

    @Test("field paths quote keys that are not plain words")
    func pathText() {
        let path = FieldPath.root.appending("document").appending("lines").appending(index: 2)
            .appending("parameters").appending("rated power")
        #expect(path.description == #"document.lines[2].parameters["rated power"]"#)
        #expect(FieldPath.root.description == "(top level)")
    }
}
