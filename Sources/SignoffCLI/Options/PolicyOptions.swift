import ArgumentParser
import Foundation
import PolicyEngine

/// Where the policy comes from: `--rules DIR`, else `$SIGNOFF_RULES`, else `./rules`.
struct PolicyOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The rules directory.", valueName: "dir"))
    var rules: String?

    var directory: String {
        rules ?? ProcessInfo.processInfo.environment["SIGNOFF_RULES"] ?? "rules"
    }

    /// Starts an engine, or exits with the rules error.
    func engine() throws -> PolicyEngine {
        do {
            return try PolicyEngine(directory: directory)
        } catch {
            Console.error("\(error)")
            throw SignoffExit.badRules
        }
    }
}
