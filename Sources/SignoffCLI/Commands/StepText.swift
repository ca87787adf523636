import ApprovalStore
import PolicyEngine
import SalesDomain

/// How steps, roles and states read in tables, in the chosen language.
struct StepText {
    let language: Language

    private var zh: Bool { language == .zh }

    func role(_ role: Role) -> String { zh ? role.zhName : role.enName }

    func action(_ step: StepRecord) -> String {
        let base: String
        switch step.action {
        case .approve: base = zh ? "审批" : "approve"
        case .review: base = zh ? "审核" : "review"
        case .perform: base = zh ? "办理" : "perform"
        case .sign: base = zh ? "签字" : "sign"
        case .file: base = zh ? "存档" : "file"
        }
        return step.task.map { "\(base) \($0)" } ?? base
    }

    func who(_ step: StepRecord) -> String {
        var text = role(step.role)
        if let user = step.assignee { text += " (\(user))" }
        if step.scope == .branch { text += zh ? "（本分部）" : " (branch)" }
        return text
    }

    func state(_ state: StepState) -> String {
        guard zh else { return state.rawValue }
        switch state {
        case .waiting: return "未开始"
        case .pending: return "待办"
        case .done: return "已完成"
        case .voided: return "已作废"
        }
    }

    func state(_ state: CaseState) -> String {
        guard zh else { return state.rawValue }
        switch state {
        case .open: return "审批中"
        case .approved: return "已通过"
        case .rejected: return "已驳回"
        case .returned: return "已退回修改"
        case .cancelled: return "已撤销"
        }
    }

    /// The route as a table: #, stage, who, action, state, by, due.
    func route(_ steps: [StepRecord], signoffs: [SignoffRecord]) -> TextTable {
        var table = TextTable(zh ? ["#", "阶段", "角色", "动作", "状态", "办理人", "期限"]
                                 : ["#", "stage", "role", "action", "state", "by", "due"])
        for step in steps {
            let by = signoffs.filter { $0.step == step.number && $0.revision == step.revision && !$0.voided }
                .map { "\($0.user) \($0.action.rawValue) \($0.at)" }.joined(separator: "; ")
            table.add([String(step.number), "\(step.stageIndex + 1) \(step.stageName)", who(step), action(step),
                       state(step.state), by, step.dueAt ?? ""])
        }
        return table
    }
}
