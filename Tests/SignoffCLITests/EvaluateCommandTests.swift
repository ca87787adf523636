import Foundation
import Testing
@testable import SignoffCLI

/// `signoff evaluate`: output, formats, languages and the documented exit codes.
struct EvaluateCommandTests {
    let rules = CommandRunner.path("rules")
    let context = CommandRunner.path("rules/tests/context.yaml")

    func contract(price: String = "100.00", quantity: String = "100") -> String {
        """
        kind: contract
        submitted_by: li.na
        customer: K-0042
        refs: { quote: QT-2026-0088 }
        document:
          channel: formal
          lines:
            - { sku: SP-16, spec: "GB-15kW", quantity: 5, unit_price: "61200.00", parameters: { power: 15kW, tank: 500L } }
            - { sku: SP-02, spec: "PT-02", quantity: \(quantity), unit_price: "\(price)" }
          payment_terms_days: 30
          delivery_date: 2026-12-31
          warranty_months: 12
          other_terms: "货到验收合格后付款"
        """
    }

    @Test func routedRequestExitsZeroWithATable() throws {
        let file = try CommandRunner.temporaryFile(contract(price: "94.99"))
        let r = CommandRunner.run(["evaluate", file, "--context", context, "--rules", rules])
        #expect(r.exitCode == 0, "\(r.error)")
        #expect(r.out.contains("销售部经理"))
        #expect(r.out.contains("公司领导"))
        #expect(r.out.contains("lines[SP-02].unit_price"))
        #expect(r.out.contains("¥94.99"))
    }

    @Test func tableColumnsStayAlignedWithChineseText() throws {
        let file = try CommandRunner.temporaryFile(contract(price: "94.99"))
        let r = CommandRunner.run(["evaluate", file, "--context", context, "--rules", rules])
        // In the deviations table, the "quoted" column starts at the same display column on every row.
        let lines = r.out.split(separator: "\n").map(String.init)
        guard let header = lines.firstIndex(where: { $0.contains("字段") && $0.contains("原报价") }) else {
            Issue.record("no deviations table in:\n\(r.out)")
            return
        }
        func column(of text: String, in line: String) -> Int? {
            guard let range = line.range(of: text) else { return nil }
            return DisplayWidth.of(String(line[..<range.lowerBound]))
        }
        let headerColumn = column(of: "原报价", in: lines[header])
        let rowColumn = column(of: "¥100.00", in: lines[header + 2])
        #expect(headerColumn != nil && headerColumn == rowColumn, "\(lines[header])\n\(lines[header + 2])")
    }

    @Test func jsonIsDeterministicAndComplete() throws {
        let file = try CommandRunner.temporaryFile(contract(price: "94.99"))
        let a = CommandRunner.run(["evaluate", file, "--context", context, "--rules", rules, "--format", "json", "--lang", "en"])
        let b = CommandRunner.run(["evaluate", file, "--context", context, "--rules", rules, "--format", "json", "--lang", "en"])
        #expect(a.out == b.out)
        let object = try JSONSerialization.jsonObject(with: Data(a.out.utf8)) as? [String: Any]
        #expect(object?["outcome"] as? String == "route")
        #expect((object?["policy"] as? String)?.hasPrefix("sha256:") == true)
        #expect((object?["route"] as? [Any])?.count == 4)
        #expect((object?["deviations"] as? [[String: Any]])?.first?["field"] as? String == "lines[SP-02].unit_price")
        #expect(!a.out.contains("\"at\""), "locations appear only with --explain")
        let explained = CommandRunner.run(["evaluate", file, "--context", context, "--rules", rules, "--format", "json", "--explain"])
        #expect(explained.out.contains("\"at\" : \"contract.lua:"))
    }

    @Test func blockedRequestExitsThree() throws {
        let file = try CommandRunner.temporaryFile("""
            kind: invoice
            submitted_by: li.na
            customer: K-0042
            refs: { contract: CT-2026-0007 }
            document: { amount: "999999999.00", invoice_type: 增值税专用发票 }
            """)
        let r = CommandRunner.run(["evaluate", file, "--context", context, "--rules", rules])
        #expect(r.exitCode == 3, "\(r.out)\(r.error)")
        #expect(r.out.contains("invoice.beyond_uninvoiced"))
    }

    @Test func failingPolicyExitsFourWithManualReview() throws {
        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("signoff-rules-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: rules, toPath: broken.path)
        try "stages { 'sales' }\nlocal n = nil\nreturn n + 1\n".write(
            to: broken.appendingPathComponent("contract.lua"), atomically: true, encoding: .utf8)
        let file = try CommandRunner.temporaryFile(contract())
        let r = CommandRunner.run(["evaluate", file, "--context", context, "--rules", broken.path])
        #expect(r.exitCode == 4)
        #expect(r.out.contains("contract.lua:3"))
        #expect(r.out.contains("公司领导"))
    }

    @Test func invalidInputExitsSixtyFiveNamingFileLineAndField() throws {
        let file = try CommandRunner.temporaryFile(contract(quantity: "ten"))
        let r = CommandRunner.run(["evaluate", file, "--context", context, "--rules", rules])
        #expect(r.exitCode == 65)
        #expect(r.error.contains("request.yaml:9"), "\(r.error)")
        #expect(r.error.contains("document.lines[1].quantity"), "\(r.error)")
        #expect(r.out.isEmpty)
    }

    @Test func badMoneyIsRefused() throws {
        let file = try CommandRunner.temporaryFile(contract(price: "1.234"))
        let r = CommandRunner.run(["evaluate", file, "--context", context, "--rules", rules])
        #expect(r.exitCode == 65)
        #expect(r.error.contains("unit_price"), "\(r.error)")
    }

    @Test func missingRulesDirectoryExitsSeventyEight() throws {
        let file = try CommandRunner.temporaryFile(contract())
        let r = CommandRunner.run(["evaluate", file, "--context", context, "--rules", "/nonexistent/rules"])
        #expect(r.exitCode == 78)
        #expect(r.error.contains("/nonexistent/rules"))
    }
}
