import ArgumentParser

/// The `signoff` command: approvals for the sales department, decided by the policy in `rules/`.
public struct Signoff: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "signoff",
        abstract: "Approvals for the factory's sales department, decided by the Lua policy in rules/.",
        discussion: """
            Exit codes of evaluate: 0 routed, 3 blocked by a hard stop, 4 manual review (the policy \
            failed), 65 invalid input, 78 the rules cannot be loaded, 64 bad command line.
            """,
        version: version,
        subcommands: [EvaluateCommand.self, TestCommand.self, CheckCommand.self,
            DataCommand.self, SubmitCommand.self, InboxCommand.self, ApproveCommand.self, RejectCommand.self,
            ReturnCommand.self, PerformCommand.self, SignCommand.self, AmendCommand.self, ShowCommand.self,
            HistoryCommand.self, AuditCommand.self, DelegateCommand.self, OverdueCommand.self, TickCommand.self,
            ReplayCommand.self, PolicyCommand.self]
    )

    public init() {}
}
