import ArgumentParser
import PolicyEngine
import SalesDomain

/// `signoff evaluate FILE`: decide one request with the policy, store nothing.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Decide a request (JSON or YAML) with the policy; store nothing.",
        discussion: """
            Master data and earlier documents come from --context (users, customers, products, \
            quotes and contracts with their progress). Exit code: 0 routed, 3 blocked, 4 manual \
            review (the policy failed), 65 invalid input, 78 the rules cannot be loaded.
            """
    )

    @Argument(help: ArgumentHelp("The request file.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("A context file with the org, master data and earlier documents.", valueName: "file"))
    var context: String?

    @OptionGroup var policy: PolicyOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Show the rule (file:line) behind every step, escalation, deviation and block.")
    var explain = false

    func run() throws {
        let request = try RequestFile.read(file)
        let context: PolicyContext
        do {
            context = try self.context.map { path throws(InputError) in try InputDecoder.context(contentsOf: path) } ?? .empty
        } catch {
            Console.error("\(error)")
            throw SignoffExit.invalidInput
        }
        let engine = try policy.engine()
        let decision: Decision
        do {
            decision = try engine.decide(request, context: context, language: output.language)
        } catch {
            Console.error("\(error)")
            throw SignoffExit.invalidInput
        }
        let view = DecisionView(decision: decision, language: output.language, explain: explain)
        switch output.format {
        case .json: Console.out(try view.json())
        case .table: Console.out(view.table())
        }
        throw SignoffExit.forOutcome(decision.outcome)
    }
}
