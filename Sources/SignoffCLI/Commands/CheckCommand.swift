import ArgumentParser
import PolicyEngine

/// `signoff check [DIR]`: static and dry-run checks of a rules directory before it goes live.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a rules directory: compile, unknown names, scripts and cases per kind, texts.",
        discussion: """
            Prints one finding per line as file:line: severity: message. Exit code 1 when there is \
            any error (warnings alone exit 0).
            """
    )

    @Argument(help: ArgumentHelp("The rules directory (default: --rules, $SIGNOFF_RULES or ./rules).", valueName: "dir"))
    var directory: String?

    @OptionGroup var policy: PolicyOptions

    func run() throws {
        let findings = PolicyCheck.run(directory: directory ?? policy.directory)
        for finding in findings { Console.out(finding.description) }
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.count - errors
        Console.out(errors == 0 && warnings == 0 ? "no problems found" : "\(errors) errors, \(warnings) warnings")
        if errors > 0 { throw ExitCode(1) }
    }
}
