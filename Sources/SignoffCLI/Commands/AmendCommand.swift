import ApprovalStore
import ArgumentParser
import SalesDomain

/// `signoff amend CASE FILE`: the submitter changes a returned or open request.
struct AmendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "amend",
        abstract: "Change a returned or open request; it is re-evaluated, untouched sign-offs are kept.",
        discussion: """
            A sign-off is kept only when what it covered (its step, the reasons and their facts, \
            the whole document and the documents it cites) is unchanged in the new decision; the \
            others are voided and asked again. The output lists both, with why. The store's active \
            policy decides once leadership approved one (`signoff policy`); until then --rules.
            """
    )

    @Argument(help: ArgumentHelp("The case id.", valueName: "case")) var caseID: String
    @Argument(help: ArgumentHelp("The changed request file.", valueName: "file")) var file: String
    @OptionGroup var store: StoreOptions
    @OptionGroup var policy: PolicyOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let request = try RequestFile.read(file)
        let db = try store.open()
        let engine = try policy.engine(for: db)
        let actor = store.actingUser ?? request.submittedBy
        let result: AmendResult
        do {
            result = try db.amend(caseID: caseID, with: request, engine: engine, language: output.language, as: actor)
        } catch {
            throw try StoreExit.report(error, output: output)
        }
        switch output.format {
        case .json:
            Console.out(try StoreJSONOutput.render(result))
        case .table:
            let zh = output.language == .zh
            let text = StepText(language: output.language)
            var out = ["\(zh ? "已修改" : "Amended") \(result.caseID) (\(zh ? "第" : "revision ")\(result.revision)\(zh ? "版" : "")) — \(text.state(result.state))"]
            out.append("")
            out.append(zh ? "保留的签核" : "Kept sign-offs")
            if result.kept.isEmpty {
                out.append(zh ? "  （无）" : "  (none)")
            } else {
                var table = TextTable(zh ? ["用户", "动作", "角色", "原步骤", "新步骤", "原因"]
                                         : ["user", "action", "role", "from", "to", "why"])
                for k in result.kept {
                    table.add([k.user, k.action.rawValue, text.role(k.role), String(k.fromStep), String(k.toStep), k.why])
                }
                out.append(table.render())
            }
            out.append("")
            out.append(zh ? "作废的签核（需重新办理）" : "Voided sign-offs (asked again)")
            if result.voided.isEmpty {
                out.append(zh ? "  （无）" : "  (none)")
            } else {
                var table = TextTable(zh ? ["用户", "动作", "角色", "步骤", "原因"] : ["user", "action", "role", "step", "why"])
                for v in result.voided {
                    table.add([v.user, v.action.rawValue, text.role(v.role), String(v.step), v.why])
                }
                out.append(table.render())
            }
            out.append("")
            out.append(DecisionView(decision: result.decision, language: output.language, explain: false).table())
            out.append("")
            out.append(zh ? "步骤" : "Steps")
            out.append(text.route(result.steps, signoffs: try db.show(caseID: caseID).signoffs).render())
            Console.out(out.joined(separator: "\n"))
        }
    }
}
