import ApprovalStore
import Foundation
import GRDB
import SalesDomain
import Testing

/// A burst of `signoff submit` processes killed with SIGKILL mid-way: the database passes
/// `PRAGMA integrity_check`, every case is whole or absent, and the audit chain verifies.
/// Needs the `signoff` executable next to the test bundle (built by `swift build`/`swift test`).
@Suite("Crash safety")
struct CrashTests {
    static var executable: URL? {
        let folder = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
        for candidate in [folder, folder.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("signoff")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    @Test("submissions killed with SIGKILL leave whole cases and a valid chain",
          .enabled(if: CrashTests.executable != nil, "the signoff executable is not built"))
    func sigkillBurst() throws {
        guard let executable = Self.executable else { return }
        let folder = try TestSupport.temporaryFolder()
        let path = folder.appendingPathComponent("signoff.db").path
        do { _ = try TestSupport.store(path: path) }

        var launched = 0
        for round in 0..<4 {
            var processes: [Process] = []
            for index in 0..<6 {
                let file = folder.appendingPathComponent("iv-\(round)-\(index).yaml")
                try """
                kind: invoice
                id: IV-K-\(round)-\(index)
                submitted_by: li.na
                customer: K-0042
                refs: { contract: CT-2026-0001 }
                document: { amount: "1.00", invoice_type: 普通发票 }
                """.write(to: file, atomically: true, encoding: .utf8)
                let process = Process()
                process.executableURL = executable
                process.arguments = ["submit", file.path, "--db", path, "--rules", TestSupport.rulesDirectory,
                                     "--format", "json"]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                processes.append(process)
                launched += 1
            }
            // Kill them at staggered moments: some before, some during, some after their write.
            for (index, process) in processes.enumerated() {
                Thread.sleep(forTimeInterval: 0.02 * Double(index + round))
                kill(process.processIdentifier, SIGKILL)
            }
            for process in processes { process.waitUntilExit() }
        }

        let queue = try DatabaseQueue(path: path)
        let integrity = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        #expect(integrity == ["ok"])
        let store = try Store(path: path)
        #expect(try store.verifyAudit().ok)
        let cases = try store.history()
        for summary in cases {
            let detail = try store.show(caseID: summary.id)
            let routeSteps = detail.record.decision.route.reduce(0) { $0 + $1.steps.count }
            #expect(detail.steps.count == routeSteps, "\(summary.id)")
            #expect(detail.steps.contains { $0.state == .pending }, "\(summary.id)")
            #expect(detail.timeline.first?.event == "case.submitted", "\(summary.id)")
        }
        #expect(cases.count <= launched)
        print("crash burst: \(cases.count) of \(launched) submissions completed")
        // The store still works after the crashes.
        _ = try store.submit(try TestSupport.contract(), engine: try TestSupport.engine(), as: "li.na")
    }
}
