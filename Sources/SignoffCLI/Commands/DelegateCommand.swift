import ApprovalStore
import ArgumentParser
import SalesDomain

/// `signoff delegate --to USER --from DATE --until DATE`: hand your steps to a substitute.
struct DelegateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delegate",
        abstract: "Hand your steps to a substitute for a period (leave, travel).",
        discussion: """
            From DATE until DATE (inclusive) the substitute sees your steps in their inbox and may \
            act on them in your name; each such sign-off and the audit log record whom it was for. \
            A substitute never judges a request they submitted.
            """
    )

    @Option(help: ArgumentHelp("The substitute's user id.", valueName: "user")) var to: String
    @Option(name: .customLong("from"), help: ArgumentHelp("First day (YYYY-MM-DD).", valueName: "date")) var starts: String
    @Option(name: .customLong("until"), help: ArgumentHelp("Last day (YYYY-MM-DD).", valueName: "date")) var ends: String
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let user = try store.requireUser()
        let first: Day, last: Day
        do {
            first = try Day(parsing: starts)
            last = try Day(parsing: ends)
        } catch {
            Console.error("--from/--until: \(error)")
            throw ExitCode(64)
        }
        let db = try store.open()
        let delegation: Delegation
        do {
            delegation = try db.delegate(from: user, to: to, starts: first, ends: last)
        } catch {
            throw StoreExit.report(error)
        }
        switch output.format {
        case .json: Console.out(try StoreJSONOutput.render(delegation))
        case .table:
            Console.out(output.language == .zh
                ? "\(delegation.from) 的待办自 \(delegation.starts) 至 \(delegation.ends) 由 \(delegation.to) 代办"
                : "\(delegation.to) acts for \(delegation.from) from \(delegation.starts) until \(delegation.ends)")
        }
    }
}
