import ApprovalStore
import ArgumentParser

/// `signoff audit …`: the audit log.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check the hash-chained audit log.",
        subcommands: [AuditVerifyCommand.self]
    )
}

/// `signoff audit verify`: walk the chain, report the first edited, deleted or reordered row.
struct AuditVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify the audit chain; exit 6 at the first edited, deleted or reordered row.",
        discussion: """
            Prints the number of rows and the head hash. Keep the head hash somewhere else: a \
            later verify whose chain does not pass through it shows the log was rewritten.
            """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let db = try store.open()
        let report: AuditReport
        do { report = try db.verifyAudit() } catch { throw StoreExit.report(error) }
        switch output.format {
        case .json:
            Console.out(try StoreJSONOutput.render(report))
        case .table:
            let zh = output.language == .zh
            if report.ok {
                Console.out(zh ? "审计链完整：\(report.rows) 条，头哈希 \(report.head)"
                               : "OK: \(report.rows) rows, head \(report.head)")
            } else {
                Console.out((zh ? "审计链被破坏：第 \(report.firstBadRow ?? 0) 条（\(report.problem?.rawValue ?? "")）— "
                                : "BROKEN at row \(report.firstBadRow ?? 0) (\(report.problem?.rawValue ?? "")): ")
                            + (report.detail ?? "") + (zh ? "；此前 \(report.rows) 条完好" : "; \(report.rows) rows before it verify"))
            }
        }
        if !report.ok { throw StoreExit.auditBroken }
    }
}
