import ApprovalStore
import ArgumentParser
import PolicyEngine
import SalesDomain

/// `signoff submit FILE`: evaluate a request against the store and keep it as a case.
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit a request: decide it with the policy and store it as a case.",
        discussion: """
            References and master data come from the store (a contract's quote; a shipment's, \
            invoice's, collection's or return's contract with what approved cases already shipped, \
            invoiced and collected). A request without an id gets one. A blocked request is refused \
            with its reasons (exit 3) and stores only an audit event. --as defaults to the request's \
            submitted_by. Once leadership approved a policy (`signoff policy`), the store's active \
            policy decides and --rules is ignored; until then --rules, $SIGNOFF_RULES or ./rules.
            """
    )

    @Argument(help: ArgumentHelp("The request file (YAML or JSON).", valueName: "file"))
    var file: String

    @OptionGroup var store: StoreOptions
    @OptionGroup var policy: PolicyOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let request = try RequestFile.read(file)
        let db = try store.open()
        let engine = try policy.engine(for: db)
        let actor = store.actingUser ?? request.submittedBy
        let result: SubmitResult
        do {
            result = try db.submit(request, engine: engine, language: output.language, as: actor)
        } catch {
            throw try StoreExit.report(error, output: output)
        }
        switch output.format {
        case .json:
            Console.out(try StoreJSONOutput.render(result))
        case .table:
            let text = StepText(language: output.language)
            let zh = output.language == .zh
            let view = DecisionView(decision: result.decision, language: output.language, explain: false)
            Console.out("""
                \(zh ? "已提交" : "Submitted") \(result.caseID) — \(text.state(result.state))
                \(view.table())

                \(zh ? "步骤" : "Steps")
                \(text.route(result.steps, signoffs: []).render())
                """)
        }
    }
}
