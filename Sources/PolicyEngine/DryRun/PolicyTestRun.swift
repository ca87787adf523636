import Foundation
import SalesDomain

/// Runs dry-run cases through a real engine. Used by `signoff test` and by the Swift tests, so
/// the shipped policy is checked the same way everywhere.
public struct PolicyTestRun: Sendable {
    public struct Failure: Sendable, Codable {
        public var name: String
        public var location: String
        public var problems: [String]
    }

    public var passed = 0
    public var failures: [Failure] = []
    /// Case files that could not be read (the whole file counts as failed).
    public var fileErrors: [String] = []
    /// Line coverage of the policy files, when the run measured it.
    public var coverage: PolicyCoverage?

    public var failed: Int { failures.count + fileErrors.count }

    /// The `*.yaml` and `*.yml` case files in `directory`, sorted.
    public static func caseFiles(in directory: String) throws(PolicyError) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw .rules(directory: directory, message: "no such directory")
        }
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .filter { $0 != "context.yaml" && !$0.hasSuffix(".context.yaml") }
            .sorted().map { (directory as NSString).appendingPathComponent($0) }
    }

    /// Runs every case of `files` with `engine`; `coverage` reports the engine's line coverage
    /// (create it with `recordingCoverage: true`).
    public static func run(files: [String], engine: PolicyEngine, language: Language = .zh, coverage: Bool = false) -> PolicyTestRun {
        var run = PolicyTestRun()
        var contexts: [String: PolicyContext] = [:]
        for file in files {
            let cases: [PolicyTestCase]
            do {
                cases = try PolicyTestCase.load(file: file, contexts: &contexts)
            } catch {
                run.fileErrors.append("\(error)")
                continue
            }
            for testCase in cases {
                let problems: [String]
                do {
                    let decision = try engine.decide(testCase.request, context: testCase.context, language: language)
                    problems = testCase.expectation.mismatches(in: decision)
                } catch {
                    problems = ["the request was refused: \(error)"]
                }
                if problems.isEmpty {
                    run.passed += 1
                } else {
                    run.failures.append(Failure(name: testCase.name, location: testCase.location, problems: problems))
                }
            }
        }
        if coverage { run.coverage = engine.coverage() }
        return run
    }
}
