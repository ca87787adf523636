import Foundation
import Testing
@testable import SignoffCLI

/// `signoff check` on the shipped rules and on copies broken in each way it should catch.
struct CheckCommandTests {
    let rules = CommandRunner.path("rules")

    /// A copy of the shipped rules with `file` rewritten by `change`.
    func brokenCopy(_ file: String, _ change: (String) -> String) throws -> String {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("signoff-check-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: rules, toPath: copy.path)
        let url = copy.appendingPathComponent(file)
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        let changed = change(text)
        if changed.isEmpty { try FileManager.default.removeItem(at: url) } else {
            try changed.write(to: url, atomically: true, encoding: .utf8)
        }
        return copy.path
    }

    func check(_ directory: String) -> CommandResult { CommandRunner.run(["check", directory]) }

    @Test func shippedRulesAreClean() {
        let r = check(rules)
        #expect(r.exitCode == 0, "\(r.out)")
        #expect(r.out.contains("no problems found"), "\(r.out)")
    }

    @Test func syntaxError() throws {
        let r = check(try brokenCopy("invoice.lua") { $0 + "\nif then\n" })
        #expect(r.exitCode == 1)
        #expect(r.out.contains("invoice.lua:"), "\(r.out)")
        #expect(r.out.contains("error:"))
    }

    @Test func misspelledHelper() throws {
        let r = check(try brokenCopy("service.lua") { $0.replacingOccurrences(of: "approve(", with: "aprove(") })
        #expect(r.exitCode == 1)
        #expect(r.out.range(of: #"service\.lua:\d+: error: unknown name 'aprove'"#, options: .regularExpression) != nil, "\(r.out)")
    }

    @Test func unknownLibraryFunction() throws {
        let r = check(try brokenCopy("service.lua") { $0 + "\nlocal s = string.fomat('%d', 1)\n" })
        #expect(r.exitCode == 1)
        #expect(r.out.contains("unknown function string.fomat"), "\(r.out)")
    }

    @Test func assignedGlobal() throws {
        let r = check(try brokenCopy("service.lua") { $0 + "\ncounter = 1\n" })
        #expect(r.exitCode == 1)
        #expect(r.out.contains("assigns global 'counter'"), "\(r.out)")
    }

    @Test func missingScriptForAKind() throws {
        let r = check(try brokenCopy("collection.lua") { _ in "" })
        #expect(r.exitCode == 1)
        #expect(r.out.contains("no script for request kind 'collection'"), "\(r.out)")
    }

    @Test func missingCasesForAKind() throws {
        let r = check(try brokenCopy("tests/service.yaml") { _ in "" })
        #expect(r.exitCode == 1)
        #expect(r.out.contains("no dry-run case for request kind 'service'"), "\(r.out)")
    }

    @Test func missingReasonText() throws {
        let r = check(try brokenCopy("messages.lua") {
            $0.replacingOccurrences(of: "[\"invoice.issue\"]", with: "[\"invoice.issue_renamed\"]")
        })
        #expect(r.exitCode == 1)
        #expect(r.out.contains("reason code 'invoice.issue' has no"), "\(r.out)")
    }

    @Test func scriptThatFailsOnACase() throws {
        let r = check(try brokenCopy("invoice.lua") { "local n = nil\n" + $0.replacingOccurrences(of: "stages", with: "n.x = 1 stages") })
        #expect(r.exitCode == 1)
        #expect(r.out.range(of: #"invoice\.lua:\d+: error: the policy failed on case"#, options: .regularExpression) != nil, "\(r.out)")
    }
}
