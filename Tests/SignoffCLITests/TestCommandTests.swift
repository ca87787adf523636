import Foundation
import Testing
@testable import SignoffCLI

/// `signoff test`: runs the dry-run cases, shows what differs, ends with "N passed, N failed".
struct TestCommandTests {
    let rules = CommandRunner.path("rules")

    @Test func shippedCasesAllPass() {
        let r = CommandRunner.run(["test", rules])
        #expect(r.exitCode == 0, "\(r.out)")
        let last = r.out.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasSuffix("passed, 0 failed"), "\(last)")
    }

    @Test func aChangedThresholdFailsTheCasesOnItsBoundary() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("signoff-rules-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: rules, toPath: copy.path)
        let thresholds = copy.appendingPathComponent("thresholds.lua")
        let text = try String(contentsOf: thresholds, encoding: .utf8)
            .replacingOccurrences(of: "major_amount = money(\"500000.00\")", with: "major_amount = money(\"600000.00\")")
        try text.write(to: thresholds, atomically: true, encoding: .utf8)
        let r = CommandRunner.run(["test", copy.path])
        #expect(r.exitCode == 1)
        #expect(r.out.contains("FAIL"))
        #expect(r.out.contains("contract.major_amount"))
        #expect(r.out.range(of: #"\d+ passed, [1-9]\d* failed"#, options: .regularExpression) != nil)
    }
}

/// `signoff test --coverage`: lines of each policy file the cases ran, and the ones they never ran.
struct CoverageTests {
    let rules = CommandRunner.path("rules")

    @Test func shippedPolicyMeetsTheRequiredCoverage() throws {
        let r = CommandRunner.run(["test", rules, "--min-coverage", "95", "--format", "json"])
        #expect(r.exitCode == 0, "\(r.out)")
        let report = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
        let coverage = report?["coverage"] as? [String: Any]
        let files = coverage?["files"] as? [[String: Any]] ?? []
        #expect(files.contains { $0["file"] as? String == "contract.lua" })
        let lines = files.reduce(0) { $0 + ($1["lines"] as? Int ?? 0) }
        let covered = files.reduce(0) { $0 + ($1["covered"] as? Int ?? 0) }
        #expect(lines > 300 && Double(covered) / Double(lines) >= 0.95)
    }

    @Test func anUntestedRuleIsReportedWithItsLines() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("signoff-cov-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: rules, toPath: copy.path)
        let service = copy.appendingPathComponent("service.lua")
        let original = try String(contentsOf: service, encoding: .utf8)
        let lineCount = original.split(separator: "\n", omittingEmptySubsequences: false).count
        try (original + "\nif request.document.description == \"never\" then\n  block(\"service.never\", {})\nend\n")
            .write(to: service, atomically: true, encoding: .utf8)
        let r = CommandRunner.run(["test", copy.path, "--coverage"])
        #expect(r.exitCode == 0)
        let row = r.out.split(separator: "\n").first { $0.contains("service.lua") }.map(String.init) ?? ""
        #expect(row.hasSuffix("\(lineCount + 2)"), "the block line never ran: \(row)")
        let strict = CommandRunner.run(["test", copy.path, "--min-coverage", "100"])
        #expect(strict.exitCode == 1)
        #expect(strict.out.contains("below the required 100.0%"))
    }
}
