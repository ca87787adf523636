import ApprovalStore
import ArgumentParser
import PolicyEngine
import SalesDomain

/// `signoff show CASE`: the document, the route with each step's state, who did what, the timeline.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a case: its document, route, sign-offs, timeline and the policy version that decided it."
    )

    @Argument(help: ArgumentHelp("The case id.", valueName: "case")) var caseID: String
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Show the rule (file:line, with its source line) and the facts behind every step, escalation, deviation and block.")
    var explain = false

    func run() throws {
        let db = try store.open()
        let detail: CaseDetail
        let version: PolicyVersion?
        var rules: RulesSnapshot?
        do {
            detail = try db.show(caseID: caseID)
            version = try db.policyVersion(hash: detail.record.policy)
            if explain, version != nil { rules = try db.policySnapshot(hash: detail.record.policy) }
        } catch {
            throw StoreExit.report(error)
        }
        switch output.format {
        case .json:
            Console.out(try StoreJSONOutput.render(ShownCase(detail: detail, policyVersion: version)))
        case .table:
            var text = Self.table(detail, language: output.language, version: version, explain: explain)
            if explain { text += "\n\n" + Self.explanation(detail.record.decision, rules: rules, language: output.language) }
            Console.out(text)
        }
    }

    /// The case as JSON: the `show` fields, plus the policy version that decided it.
    struct ShownCase: Encodable {
        let detail: CaseDetail
        let policyVersion: PolicyVersion?

        enum CodingKeys: String, CodingKey { case policyVersion = "policy_version" }

        func encode(to encoder: any Encoder) throws {
            try detail.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(policyVersion, forKey: .policyVersion)
        }
    }

    /// The policy version line: which version decided the case, and its standing.
    static func versionText(_ hash: String, _ version: PolicyVersion?, language: Language) -> String {
        let zh = language == .zh
        let short = String(hash.dropFirst("sha256:".count).prefix(12))
        guard let version else {
            return zh ? "策略 \(short)（本库未存该版本的文件：早于策略版本存档）"
                      : "policy \(short) (its files are not kept: decided before policy versions were kept)"
        }
        switch version.state {
        case .approved:
            var text = zh ? "策略 \(short)（已批准，\(version.approvedBy ?? "")批准" : "policy \(short) (approved by \(version.approvedBy ?? "")"
            if let change = version.changes.last { text += ", \(change)" }
            if let from = version.activeFrom {
                text += zh ? "，生效 \(from)" : ", active from \(from)"
                if let until = version.activeUntil { text += zh ? " 至 \(until)" : " until \(until)" }
            }
            return text + (zh ? "）" : ")")
        case .recorded, .proposed, .rejected:
            return zh ? "策略 \(short)（取自规则目录，未经 policy propose 批准；首次使用 \(version.firstUsed ?? "—")）"
                      : "policy \(short) (from a rules directory, not approved through `policy propose`; first used \(version.firstUsed ?? "—"))"
        }
    }

    /// `show --explain`: the stored decision with every rule's `file:line` and facts, then the
    /// cited lines of the version that decided it.
    static func explanation(_ decision: Decision, rules: RulesSnapshot?, language: Language) -> String {
        let zh = language == .zh
        var out = [zh ? "决定依据（规则位置与所依据的数据）" : "The decision, explained (rule file:line and the facts it read)"]
        out.append(DecisionView(decision: decision, language: language, explain: true).table())
        var locations: [String] = []
        for stage in decision.route { for step in stage.steps { locations += step.reasons.compactMap(\.at) } }
        locations += decision.escalations.compactMap(\.at) + decision.deviations.compactMap(\.at) + decision.blocks.compactMap(\.at)
        var seen = Set<String>()
        locations = locations.filter { seen.insert($0).inserted }
        guard !locations.isEmpty else { return out.joined(separator: "\n") }
        out.append("")
        out.append(zh ? "所引规则（决定该案件的策略版本）" : "The rules cited (in the version that decided the case)")
        var table = TextTable(zh ? ["位置", "规则"] : ["at", "rule"])
        for at in locations {
            var line = zh ? "（本库未存该版本的文件）" : "(the store does not keep this version's files)"
            if let rules, let colon = at.lastIndex(of: ":"), let number = Int(at[at.index(after: colon)...]) {
                line = rules.sourceLine(file: String(at[..<colon]), line: number) ?? "?"
            }
            table.add([at, line])
        }
        out.append(table.render())
        return out.joined(separator: "\n")
    }

    static func table(_ detail: CaseDetail, language: Language, version: PolicyVersion? = nil, explain: Bool = false) -> String {
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
        out.append(versionText(record.policy, version, language: language))
        out.append("")
        out.append(zh ? "单据" : "Document")
        out.append(DocumentText.render(record.request))
        out.append("")
        out.append(zh ? "审批路线" : "Route")
        out.append(text.route(detail.steps, signoffs: detail.signoffs).render())
        for step in detail.steps {
            for reason in step.reasons {
                var line = "    \(step.number). \(reason.text)"
                if explain {
                    if let at = reason.at { line += "  [\(at)]" }
                    if !reason.facts.isEmpty {
                        line += "  " + reason.facts.keys.sorted().map { "\($0)=\(reason.facts[$0]?.description ?? "")" }
                            .joined(separator: " ")
                    }
                }
                out.append(line)
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
