import ApprovalStore
import ArgumentParser
import PolicyEngine
import SalesDomain

/// `signoff show CASE`: the document, the route with each step's state, who did what, the timeline.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a case: its document, route, sign-offs and timeline."
    )

    @Argument(help: ArgumentHelp("The case id.", valueName: "case")) var caseID: String
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let db = try store.open()
        let detail: CaseDetail
        do { detail = try db.show(caseID: caseID) } catch { throw StoreExit.report(error) }
        switch output.format {
        case .json:
            Console.out(try StoreJSONOutput.render(detail))
        case .table:
            Console.out(Self.table(detail, language: output.language))
        }
    }

    static func table(_ detail: CaseDetail, language: Language) -> String {
        let zh = language == .zh
        let text = StepText(language: language)
        let record = detail.record
        var out: [String] = []
        var title = "\(record.id)  \(record.kind.rawValue)  \(text.state(record.state))"
        if let stage = record.currentStage { title += zh ? "  当前阶段：\(stage)" : "  open stage: \(stage)" }
        out.append(title)
        out.append((zh ? "提交人 " : "submitted by ") + record.submitter + (record.branch.map { " (\($0))" } ?? "")
                   + (zh ? "  客户 " : "  customer ") + record.customer
                   + (zh ? "  版本 " : "  revision ") + String(record.revision)
                   + (zh ? "  策略 " : "  policy ") + String(record.policy.dropFirst("sha256:".count).prefix(12))
                   + (zh ? "  提交于 " : "  created ") + record.createdAt)
        out.append("")
        out.append(zh ? "单据" : "Document")
        out.append(DocumentText.render(record.request))
        out.append("")
        out.append(zh ? "审批路线" : "Route")
        out.append(text.route(detail.steps, signoffs: detail.signoffs).render())
        for step in detail.steps {
            for reason in step.reasons {
                out.append("    \(step.number). \(reason.text)")
            }
        }
        if !record.decision.deviations.isEmpty {
            out.append("")
            out.append(zh ? "与原报价的偏离" : "Deviations from the quote")
            var table = TextTable(zh ? ["字段", "原报价", "合同", "须确认"] : ["field", "quoted", "actual", "needs"])
            for d in record.decision.deviations {
                table.add([d.field, d.quoted.map(\.description) ?? "—", d.actual.map(\.description) ?? "—", text.role(d.needs)])
            }
            out.append(table.render())
        }
        if !detail.signoffs.isEmpty {
            out.append("")
            out.append(zh ? "签核记录" : "Sign-offs")
            var table = TextTable(zh ? ["时间", "用户", "动作", "步骤", "意见", "状态"]
                                     : ["at", "user", "action", "step", "comment", "status"])
            for s in detail.signoffs {
                let status = s.voided ? (zh ? "已作废：" : "voided: ") + (s.voidReason ?? "") : (zh ? "有效" : "valid")
                table.add([s.at, s.user + (s.actingFor.map { " (for \($0))" } ?? ""), s.action.rawValue,
                           "\(s.step) (r\(s.revision))", s.comment ?? "", status])
            }
            out.append(table.render())
        }
        out.append("")
        out.append(zh ? "时间线" : "Timeline")
        var timeline = TextTable(zh ? ["序号", "时间", "操作人", "事件"] : ["seq", "at", "actor", "event"])
        for entry in detail.timeline { timeline.add([String(entry.seq), entry.at, entry.actor, entry.event]) }
        out.append(timeline.render())
        return out.joined(separator: "\n")
    }
}
