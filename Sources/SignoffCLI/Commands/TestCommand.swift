import ArgumentParser
import Foundation
import PolicyEngine

/// `signoff test [DIR]`: run the policy's dry-run cases (DIR/tests/*.yaml) through the engine.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Dry-run the policy's test cases and report failures.",
        discussion: """
            Runs every case in DIR/tests/*.yaml (context.yaml and *.context.yaml are contexts, not \
            cases) with the policy in DIR, prints each failing case with what differs, and ends \
            with a line "N passed, N failed". Exit code 1 when any case fails.
            """
    )

    @Argument(help: ArgumentHelp("The rules directory (default: --rules, $SIGNOFF_RULES or ./rules).", valueName: "dir"))
    var directory: String?

    @OptionGroup var policy: PolicyOptions

    @Option(name: .customLong("lang"), help: "Language the cases run in (reason texts).")
    var language: Language = .zh

    func run() throws {
        let rules = directory ?? policy.directory
        let engine: PolicyEngine
        do {
            engine = try PolicyEngine(directory: rules)
        } catch {
            Console.error("\(error)")
            throw SignoffExit.badRules
        }
        let files: [String]
        do {
            files = try PolicyTestRun.caseFiles(in: (rules as NSString).appendingPathComponent("tests"))
        } catch {
            Console.error("\(error)")
            throw SignoffExit.invalidInput
        }
        let result = PolicyTestRun.run(files: files, engine: engine, language: language)
        for error in result.fileErrors { Console.out("FAIL \(error)\n") }
        for failure in result.failures {
            Console.out("FAIL \(failure.name)\n  at \(failure.location)\n" + failure.problems.map { "    " + $0 }.joined(separator: "\n") + "\n")
        }
        Console.out("\(result.passed) passed, \(result.failed) failed")
        if result.failed > 0 { throw SignoffExit.testsFailed }
    }
}
