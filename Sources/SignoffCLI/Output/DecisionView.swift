import Foundation
import PolicyEngine
import SalesDomain

/// Renders a decision for people (aligned tables, in the chosen language) or for programs (JSON
/// with sorted keys, so the same decision is always the same bytes).
struct DecisionView {
    let decision: Decision
    let language: Language
    /// Show the `file:line` of the rule behind each element.
    let explain: Bool

    func json() throws -> String {
        var shown = decision
        if !explain { shown = Self.withoutLocations(decision) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(shown), as: UTF8.self)
    }

    static func withoutLocations(_ d: Decision) -> Decision {
        var d = d
        for s in d.route.indices {
            for t in d.route[s].steps.indices {
                for r in d.route[s].steps[t].reasons.indices { d.route[s].steps[t].reasons[r].at = nil }
            }
        }
        for i in d.escalations.indices { d.escalations[i].at = nil }
        for i in d.deviations.indices { d.deviations[i].at = nil }
        for i in d.blocks.indices { d.blocks[i].at = nil }
        return d
    }

    private var zh: Bool { language == .zh }

    private func t(_ zh: String, _ en: String) -> String { self.zh ? zh : en }

    private func role(_ r: Role) -> String { zh ? r.zhName : r.enName }

    private func action(_ step: Step) -> String {
        let base: String
        switch step.action {
        case .approve: base = t("审批", "approve")
        case .review: base = t("审核", "review")
        case .perform: base = t("办理", "perform")
        case .sign: base = t("签字", "sign")
        case .file: base = t("存档", "file")
        }
        return step.task.map { "\(base) \($0)" } ?? base
    }

    /// With --explain: the text, then the rule's `file:line` and the facts it rested on.
    private func located(_ text: String, _ at: String?, _ facts: [String: FactValue] = [:]) -> String {
        guard explain else { return text }
        var parts = [text]
        if let at { parts.append("[\(at)]") }
        if !facts.isEmpty {
            parts.append(facts.keys.sorted().map { "\($0)=\(facts[$0]?.description ?? "")" }.joined(separator: " "))
        }
        return parts.joined(separator: "  ")
    }

    func table() -> String {
        var out: [String] = []
        let outcome: String
        switch decision.outcome {
        case .route: outcome = t("按路线审批", "route")
        case .blocked: outcome = t("已拒绝（硬性规定）", "blocked")
        case .manualReview: outcome = t("转人工审核（策略出错）", "manual review (the policy failed)")
        }
        out.append("\(t("结果", "Outcome")): \(outcome)")
        out.append("\(t("策略", "Policy")): \(decision.policy.dropFirst("sha256:".count).prefix(12))")

        if !decision.blocks.isEmpty {
            out.append("")
            out.append(t("拒绝原因", "Blocked because"))
            var table = TextTable([t("代码", "code"), t("原因", "reason")])
            for b in decision.blocks { table.add([b.code, located(b.text, b.at, b.facts)]) }
            out.append(table.render())
        }
        if !decision.route.isEmpty {
            out.append("")
            out.append(t("审批路线（同一阶段内并行）", "Route (steps of a stage run in parallel)"))
            var table = TextTable([t("阶段", "stage"), t("角色", "role"), t("动作", "action"), t("原因", "reasons")])
            for (index, stage) in decision.route.enumerated() {
                for (j, step) in stage.steps.enumerated() {
                    var who = role(step.role)
                    if let user = step.user { who += " (\(user))" }
                    if step.scope == .branch { who += t("（本分部）", " (branch)") }
                    var doing = action(step)
                    if let due = step.due {
                        switch due {
                        case .days(0): doing += t("，当日完成", ", same day")
                        case .days(let n): doing += t("，\(n) 天内", ", within \(n) days")
                        case .hours(let n): doing += t("，\(n) 小时内", ", within \(n) h")
                        }
                    }
                    for (k, reason) in step.reasons.enumerated() {
                        table.add([
                            j == 0 && k == 0 ? "\(index + 1) \(stage.name)" : "",
                            k == 0 ? who : "", k == 0 ? doing : "", located(reason.text, reason.at, reason.facts),
                        ])
                    }
                }
            }
            out.append(table.render())
        }
        if !decision.deviations.isEmpty {
            out.append("")
            out.append(t("与原报价的偏离", "Deviations from the quote"))
            var table = TextTable([t("字段", "field"), t("原报价", "quoted"), t("合同", "actual"), t("须确认", "needs")])
            for d in decision.deviations {
                table.add([d.field, d.quoted.map(\.description) ?? "—", d.actual.map(\.description) ?? "—",
                           located(role(d.needs), d.at)])
            }
            out.append(table.render())
        }
        if !decision.escalations.isEmpty {
            out.append("")
            out.append(t("升级审批", "Escalations"))
            var table = TextTable([t("角色", "role"), t("代码", "code"), t("原因", "reason")])
            for e in decision.escalations { table.add([role(e.role), e.code, located(e.text, e.at, e.facts)]) }
            out.append(table.render())
        }
        if let error = decision.error {
            out.append("")
            out.append("\(t("策略错误", "Policy error")): \(error)")
        }
        return out.joined(separator: "\n")
    }
}
