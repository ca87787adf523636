import ArgumentParser
import Foundation
import PolicyEngine

/// `signoff test [DIR]`: run the policy's dry-run cases (DIR/tests/*.yaml) through the engine.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Dry-run the policy's test cases and report failures (and line coverage).",
        discussion: """
            Runs every case in DIR/tests/*.yaml (context.yaml and *.context.yaml are contexts, not \
            cases) with the policy in DIR, prints each failing case with what differs, and ends \
            with a line "N passed, N failed". With --coverage it also reports, per policy file, \
            the share of lines holding code that the cases executed and the lines never run. \
            Exit code 1 when a case fails or coverage is below --min-coverage.
            """
    )

    @Argument(help: ArgumentHelp("The rules directory (default: --rules, $SIGNOFF_RULES or ./rules).", valueName: "dir"))
    var directory: String?

    @OptionGroup var policy: PolicyOptions

    @Option(name: .customLong("lang"), help: "Language the cases run in (reason texts).")
    var language: Language = .zh

    @Flag(help: "Measure line coverage of the policy files.")
    var coverage = false

    @Option(help: ArgumentHelp("Fail when total line coverage is below this percentage (implies --coverage).", valueName: "pct"))
    var minCoverage: Double?

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    func run() throws {
        let rules = directory ?? policy.directory
        let measure = coverage || minCoverage != nil
        let engine: PolicyEngine
        do {
            engine = try PolicyEngine(directory: rules, recordingCoverage: measure)
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
        let result = PolicyTestRun.run(files: files, engine: engine, language: language, coverage: measure)
        let belowMinimum = minCoverage.map { (result.coverage?.percent ?? 0) < $0 } ?? false
        switch format {
        case .json: Console.out(try json(result))
        case .table: Console.out(table(result))
        }
        if result.failed > 0 || belowMinimum { throw SignoffExit.testsFailed }
    }

    private func table(_ result: PolicyTestRun) -> String {
        var out: [String] = []
        for error in result.fileErrors { out.append("FAIL \(error)\n") }
        for failure in result.failures {
            out.append("FAIL \(failure.name)\n  at \(failure.location)\n" + failure.problems.map { "    " + $0 }.joined(separator: "\n") + "\n")
        }
        if let coverage = result.coverage {
            var table = TextTable(["file", "lines", "covered", "%", "never run"])
            for file in coverage.files {
                table.add([file.file, "\(file.lines)", "\(file.covered)", String(format: "%.1f", file.percent),
                           PolicyCoverage.ranges(file.missed)])
            }
            table.add(["total", "\(coverage.lines)", "\(coverage.covered)", String(format: "%.1f", coverage.percent), ""])
            out.append("Line coverage of the policy by the dry-run cases\n" + table.render() + "\n")
            if let minCoverage, coverage.percent < minCoverage {
                out.append(String(format: "coverage %.1f%% is below the required %.1f%%", coverage.percent, minCoverage))
            }
        }
        out.append("\(result.passed) passed, \(result.failed) failed")
        return out.joined(separator: "\n")
    }

    private func json(_ result: PolicyTestRun) throws -> String {
        struct Report: Encodable {
            var passed: Int
            var failed: Int
            var failures: [PolicyTestRun.Failure]
            var file_errors: [String]
            var coverage: PolicyCoverage?
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let report = Report(passed: result.passed, failed: result.failed, failures: result.failures,
                            file_errors: result.fileErrors, coverage: result.coverage)
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }
}
