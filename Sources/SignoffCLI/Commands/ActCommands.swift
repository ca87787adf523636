import ApprovalStore
import ArgumentParser

/// The shared body of approve, reject, return, perform and sign.
enum ActRunner {
    static func run(caseID: String, step: String?, action: SignoffAction, comment: String?, store: StoreOptions,
                    output: OutputOptions) throws {
        let user = try store.requireUser()
        let db = try store.open()
        let result: ActResult
        do {
            result = try db.act(caseID: caseID, step: step, action: action, as: user, comment: comment)
        } catch {
            throw StoreExit.report(error)
        }
        switch output.format {
        case .json:
            Console.out(try StoreJSONOutput.render(result))
        case .table:
            let text = StepText(language: output.language)
            let zh = output.language == .zh
            var line = "\(result.caseID) \(zh ? "步骤" : "step") \(result.step.number) (\(text.who(result.step)) "
                + "\(text.action(result.step))): \(result.user) \(action.rawValue)"
                + (result.actingFor.map { zh ? "（代 \($0)）" : " (for \($0))" } ?? "")
            line += " — \(zh ? "案件" : "case") \(text.state(result.caseState))"
            if let stage = result.openStage, result.caseState == .open {
                line += zh ? "，当前阶段 \(stage + 1) \(result.openStageName ?? "")"
                           : ", open stage \(stage + 1) \(result.openStageName ?? "")"
            }
            Console.out(line)
        }
    }
}

struct ApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve", abstract: "Approve (or pass a review step of) a case.")

    @Argument(help: ArgumentHelp("The case id.", valueName: "case")) var caseID: String
    @Option(help: ArgumentHelp("The step (number, task or role) when you hold several.", valueName: "step")) var step: String?
    @Option(help: "A comment for the record.") var comment: String?
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try ActRunner.run(caseID: caseID, step: step, action: .approve, comment: comment, store: store, output: output)
    }
}

struct RejectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reject", abstract: "Reject a case (it closes for good).")

    @Argument(help: ArgumentHelp("The case id.", valueName: "case")) var caseID: String
    @Option(help: ArgumentHelp("The step (number, task or role) when you hold several.", valueName: "step")) var step: String?
    @Option(help: "Why (recorded).") var comment: String?
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try ActRunner.run(caseID: caseID, step: step, action: .reject, comment: comment, store: store, output: output)
    }
}

struct ReturnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "return", abstract: "Return a case to its submitter for changes (then `amend`).")

    @Argument(help: ArgumentHelp("The case id.", valueName: "case")) var caseID: String
    @Option(help: ArgumentHelp("The step (number, task or role) when you hold several.", valueName: "step")) var step: String?
    @Option(help: "What to change (recorded).") var comment: String?
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try ActRunner.run(caseID: caseID, step: step, action: .return, comment: comment, store: store, output: output)
    }
}

struct PerformCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perform",
        abstract: "Record a task step as done (issue the outbound slip, ship, file the contract, …).")

    @Argument(help: ArgumentHelp("The case id.", valueName: "case")) var caseID: String
    @Argument(help: ArgumentHelp("The step: its number from `show`, or its task.", valueName: "step")) var step: String
    @Option(help: "A comment for the record.") var comment: String?
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try ActRunner.run(caseID: caseID, step: step, action: .perform, comment: comment, store: store, output: output)
    }
}

struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Record a signature step (the customer's signature, recorded by a clerk).")

    @Argument(help: ArgumentHelp("The case id.", valueName: "case")) var caseID: String
    @Argument(help: ArgumentHelp("The step: its number from `show`, or its role.", valueName: "step")) var step: String
    @Option(help: "A comment for the record.") var comment: String?
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try ActRunner.run(caseID: caseID, step: step, action: .sign, comment: comment, store: store, output: output)
    }
}
