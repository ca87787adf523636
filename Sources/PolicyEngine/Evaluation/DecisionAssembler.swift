import LuaRuntime
import Money
import SalesDomain

/// Turns what the driver returned into a `Decision`: validates every role, action and stage,
/// merges steps of the same stage, role and action, orders stages as declared, drops empty ones,
/// and writes the reason texts. Anything malformed is a policy failure, never a partial route.
struct DecisionAssembler {
    let messages: MessageCatalog
    let language: Language
    let policy: String

    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    func assemble(_ output: PolicyOutput) throws(Malformed) -> Decision {
        var order: [String: Int] = [:]
        for (index, name) in output.stages.enumerated() where order[name] == nil { order[name] = index }

        struct Key: Hashable {
            let stage: String, role: Role, action: StepAction, task: String?, user: String?, scope: StepScope?
        }
        var steps: [Key: Step] = [:]
        var stepOrder: [Key] = []
        for raw in output.steps {
            guard order[raw.stage] != nil else {
                throw Malformed(description: "\(raw.at ?? "?"): step in undeclared stage '\(raw.stage)'")
            }
            let role = try self.role(raw.role, at: raw.at)
            guard let action = StepAction(rawValue: raw.action) else {
                throw Malformed(description: "\(raw.at ?? "?"): unknown action '\(raw.action)'")
            }
            if role == .customer && action != .sign {
                throw Malformed(description: "\(raw.at ?? "?"): the customer only signs")
            }
            var scope: StepScope?
            if let s = raw.scope {
                guard let parsed = StepScope(rawValue: s) else {
                    throw Malformed(description: "\(raw.at ?? "?"): unknown scope '\(s)'")
                }
                scope = parsed
            }
            let reason = try self.reason(raw.code, raw.facts, at: raw.at)
            let key = Key(stage: raw.stage, role: role, action: action, task: raw.task, user: raw.user, scope: scope)
            if var existing = steps[key] {
                if !existing.reasons.contains(reason) { existing.reasons.append(reason) }
                if existing.due == nil { existing.due = try due(raw.due, at: raw.at) }
                if existing.onOverdue == nil { existing.onOverdue = try overdue(raw.on_overdue, at: raw.at) }
                steps[key] = existing
            } else {
                steps[key] = Step(role: role, action: action, task: raw.task, scope: scope, user: raw.user,
                                  due: try due(raw.due, at: raw.at), onOverdue: try overdue(raw.on_overdue, at: raw.at),
                                  reasons: [reason])
                stepOrder.append(key)
            }
        }
        var route: [Stage] = []
        for name in output.stages where !route.contains(where: { $0.name == name }) {
            let members = stepOrder.filter { $0.stage == name }.compactMap { steps[$0] }
            if !members.isEmpty { route.append(Stage(name: name, steps: members)) }
        }

        var escalations: [Escalation] = []
        for raw in output.escalations {
            let facts = try self.facts(raw.facts, at: raw.at)
            let escalation = Escalation(role: try role(raw.role, at: raw.at), code: raw.code,
                                        text: messages.text(raw.code, facts: facts, language: language),
                                        facts: facts, at: raw.at)
            if !escalations.contains(escalation) { escalations.append(escalation) }
        }
        var deviations: [Deviation] = []
        for raw in output.deviations {
            let facts = try self.facts(raw.facts, at: raw.at)
            deviations.append(Deviation(
                field: raw.field, quoted: try raw.quoted.flatMap { v throws(Malformed) in try fact(v, at: raw.at) },
                actual: try raw.actual.flatMap { v throws(Malformed) in try fact(v, at: raw.at) },
                needs: try role(raw.needs, at: raw.at), code: raw.code,
                text: messages.text(raw.code, facts: facts, language: language), facts: facts, at: raw.at))
        }
        var blocks: [Block] = []
        for raw in output.blocks {
            let facts = try self.facts(raw.facts, at: raw.at)
            blocks.append(Block(code: raw.code, text: messages.text(raw.code, facts: facts, language: language),
                                facts: facts, at: raw.at))
        }

        if !blocks.isEmpty {
            // Rejected outright: there is nobody to route to, whatever steps the script added.
            return Decision(outcome: .blocked, route: [], escalations: escalations, deviations: deviations,
                            blocks: blocks, policy: policy)
        }
        // A route with no step would let a request through unseen: never an approval by accident.
        guard !route.isEmpty else {
            throw Malformed(description: "the policy produced neither a route nor a block")
        }
        return Decision(outcome: .route, route: route, escalations: escalations, deviations: deviations,
                        blocks: [], policy: policy)
    }

    private func role(_ text: String, at: String?) throws(Malformed) -> Role {
        guard let role = Role(rawValue: text) else {
            throw Malformed(description: "\(at ?? "?"): unknown role '\(text)'")
        }
        return role
    }

    private func reason(_ code: String, _ raw: [String: LuaValue]?, at: String?) throws(Malformed) -> Reason {
        let facts = try self.facts(raw, at: at)
        return Reason(code: code, text: messages.text(code, facts: facts, language: language), facts: facts, at: at)
    }

    private func facts(_ raw: [String: LuaValue]?, at: String?) throws(Malformed) -> [String: FactValue] {
        var facts: [String: FactValue] = [:]
        for (name, value) in raw ?? [:] {
            if let f = try fact(value, at: at) { facts[name] = f }
        }
        return facts
    }

    private func fact(_ value: LuaValue, at: String?) throws(Malformed) -> FactValue? {
        switch value {
        case .nil: return nil
        case .boolean(let b): return .bool(b)
        case .integer(let i): return .integer(i)
        case .number(let d): return .number(d)
        case .string(let s): return .text(s)
        case .money(let m): return .money(m)
        case .table(let t) where t.fields.isEmpty:
            var items: [FactValue] = []
            for v in t.array { if let f = try fact(v, at: at) { items.append(f) } }
            return .list(items)
        default:
            throw Malformed(description: "\(at ?? "?"): a fact must be money, a number, text, a boolean or a list, got \(value.typeName)")
        }
    }

    private func due(_ raw: PolicyOutput.DueOutput?, at: String?) throws(Malformed) -> Due? {
        guard let raw else { return nil }
        if let days = raw.days, days >= 0 { return .days(days) }
        if let hours = raw.hours, hours >= 0 { return .hours(hours) }
        throw Malformed(description: "\(at ?? "?"): due must be {days = n} or {hours = n}")
    }

    private func overdue(_ raw: LuaValue?, at: String?) throws(Malformed) -> OverdueAction? {
        switch raw {
        case nil, .some(.nil): return nil
        case .some(.string("remind")): return .remind
        case .some(let value):
            if case .string(let name) = value["escalate_to"], let role = Role(rawValue: name) { return .escalate(to: role) }
            throw Malformed(description: "\(at ?? "?"): on_overdue must be \"remind\" or {escalate_to = role}")
        }
    }
}
