import ApprovalStore
import ArgumentParser

/// `signoff inbox`: the steps waiting for the acting user.
struct InboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbox",
        abstract: "List the open steps you may act on now.",
        discussion: """
            Steps of your roles (a clerk also records customers' signatures), of your branch where \
            a step is branch-scoped, never a judgment on your own request.
            """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let user = try store.requireUser()
        let db = try store.open()
        let items: [InboxItem]
        let escalated: [OverdueStep]
        do {
            items = try db.inbox(for: user)
            escalated = try db.escalations(for: user)
        } catch {
            throw StoreExit.report(error)
        }
        switch output.format {
        case .json:
            Console.out(try StoreJSONOutput.render(InboxJSON(steps: items, escalated: escalated)))
        case .table:
            let zh = output.language == .zh
            if !escalated.isEmpty {
                Console.out((zh ? "升级给你跟进的逾期步骤" : "Overdue steps escalated to you") + "\n"
                            + OverdueTable.render(escalated, language: output.language) + "\n")
            }
            guard !items.isEmpty else {
                Console.out(zh ? "\(user) 没有待办事项。" : "Nothing waiting for \(user).")
                return
            }
            let text = StepText(language: output.language)
            var table = TextTable(zh ? ["案件", "类型", "客户", "提交人", "步骤", "阶段", "角色", "动作", "期限", "原因"]
                                     : ["case", "kind", "customer", "submitter", "step", "stage", "role", "action", "due", "reasons"])
            for item in items {
                table.add([item.caseID, item.kind.rawValue, item.customer, item.submitter, String(item.step.number),
                           item.step.stageName,
                           text.who(item.step) + (item.actingFor.map { zh ? "（代 \($0)）" : " (for \($0))" } ?? ""),
                           text.action(item.step), item.step.dueAt ?? "",
                           item.step.reasons.map(\.text).joined(separator: "；")])
            }
            Console.out((zh ? "\(user) 的待办（\(items.count)）" : "Waiting for \(user) (\(items.count))") + "\n" + table.render())
        }
    }
}

/// `inbox --format json`: the steps to act on, and overdue steps escalated to the user.
struct InboxJSON: Encodable {
    var steps: [InboxItem]
    var escalated: [OverdueStep]
}
