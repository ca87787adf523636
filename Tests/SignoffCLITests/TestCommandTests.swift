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
