import ApprovalStore
import ArgumentParser
import PolicyEngine

/// `signoff overdue`: open steps past their due time.
struct OverdueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overdue",
        abstract: "List open steps past their due time, with what the policy says should happen."
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let db = try store.open()
        let items: [OverdueStep]
        do { items = try db.overdue() } catch { throw StoreExit.report(error) }
        switch output.format {
        case .json: Console.out(try StoreJSONOutput.render(items))
        case .table: Console.out(OverdueTable.render(items, language: output.language))
        }
    }
}

/// `signoff tick`: apply due reminders and escalations (run from cron; idempotent).
struct TickCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tick",
        abstract: "Apply reminders and escalations of overdue steps (idempotent; run from cron)."
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let db = try store.open()
        let items: [OverdueStep]
        do { items = try db.tick(actor: store.actingUser ?? "tick") } catch { throw StoreExit.report(error) }
        switch output.format {
        case .json: Console.out(try StoreJSONOutput.render(items))
        case .table:
            let zh = output.language == .zh
            Console.out((zh ? "本次处理 \(items.count) 个逾期步骤" : "\(items.count) overdue step(s) handled now")
                        + (items.isEmpty ? "" : "\n" + OverdueTable.render(items, language: output.language)))
        }
    }
}

enum OverdueTable {
    static func render(_ items: [OverdueStep], language: Language) -> String {
        let zh = language == .zh
        guard !items.isEmpty else { return zh ? "没有逾期步骤。" : "No overdue steps." }
        let text = StepText(language: language)
        var table = TextTable(zh ? ["案件", "类型", "步骤", "角色", "动作", "期限", "逾期处理", "已处理于"]
                                 : ["case", "kind", "step", "role", "action", "due", "on overdue", "alerted"])
        for item in items {
            let then: String
            switch item.onOverdue {
            case .remind?: then = zh ? "提醒" : "remind"
            case .escalate(let role)?: then = (zh ? "升级至 " : "escalate to ") + text.role(role)
            case nil: then = ""
            }
            table.add([item.caseID, item.kind.rawValue, String(item.step.number), text.who(item.step),
                       text.action(item.step), item.step.dueAt ?? "", then, item.alertedAt ?? ""])
        }
        return table.render()
    }
}
