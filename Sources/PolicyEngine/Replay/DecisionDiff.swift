import Foundation
import SalesDomain

/// Compares two decisions on the same request: the changes that matter for routing, and whether
/// anything else (facts) differs. Texts, `file:line` locations and the policy hash are ignored.
public enum DecisionDiff {
    /// How `after` differs from `before`, as replay groups it (sorted, no duplicates).
    public static func changes(from before: Decision, to after: Decision) -> [ReplayChange] {
        var out = Set<ReplayChange>()
        if before.outcome != after.outcome {
            out.insert(ReplayChange(.outcome, from: before.outcome.rawValue, to: after.outcome.rawValue))
        }
        let blocksBefore = Set(before.blocks.map(\.code)), blocksAfter = Set(after.blocks.map(\.code))
        for code in blocksAfter.subtracting(blocksBefore) {
            out.insert(ReplayChange(before.outcome == .blocked ? .alsoBlocked : .blocked, code: code))
        }
        for code in blocksBefore.subtracting(blocksAfter) {
            out.insert(ReplayChange(after.outcome == .blocked ? .blockDropped : .unblocked, code: code))
        }

        // Roles and reasons of the route: only comparable when both sides route the same way
        // (a blocked request has no route; a manual review has the fail-safe route).
        if before.outcome == after.outcome {
            var routeChanged = false
            let asked = reasons(before), askedAfter = reasons(after)
            for role in Set(askedAfter.keys).subtracting(asked.keys) {
                routeChanged = true
                for code in codes(askedAfter[role]) { out.insert(ReplayChange(.newlyNeeds, role: role, code: code)) }
            }
            for role in Set(asked.keys).subtracting(askedAfter.keys) {
                routeChanged = true
                for code in codes(asked[role]) { out.insert(ReplayChange(.noLongerNeeds, role: role, code: code)) }
            }
            for role in Set(asked.keys).intersection(askedAfter.keys) {
                let was = asked[role] ?? [], now = askedAfter[role] ?? []
                for code in now.subtracting(was) {
                    routeChanged = true
                    out.insert(ReplayChange(.alsoAsked, role: role, code: code))
                }
                for code in was.subtracting(now) {
                    routeChanged = true
                    out.insert(ReplayChange(.noLongerAsked, role: role, code: code))
                }
            }
            if !routeChanged {
                let stagesBefore = stageText(before), stagesAfter = stageText(after)
                if stagesBefore != stagesAfter {
                    out.insert(ReplayChange(.stages, from: stagesBefore, to: stagesAfter))
                } else {
                    for (a, b) in zip(flatSteps(before), flatSteps(after)) where a.1 != b.1 {
                        out.insert(ReplayChange(.stepDetails, role: a.0, from: a.1, to: b.1))
                    }
                }
            }
        }

        let needsBefore = deviationNeeds(before), needsAfter = deviationNeeds(after)
        for code in Set(needsBefore.keys).union(needsAfter.keys) where needsBefore[code] != needsAfter[code] {
            out.insert(ReplayChange(.deviation, code: code, from: needsBefore[code], to: needsAfter[code]))
        }
        return out.sorted()
    }

    /// True when the two decisions are the same in everything but texts, locations and the
    /// policy hash (facts included). Everything `changes` compares is part of this, so when it is
    /// true `changes` is empty (a test holds the two to that).
    public static func sameIgnoringTexts(_ a: Decision, _ b: Decision) -> Bool {
        normalized(a) == normalized(b)
    }

    // MARK: Parts

    /// Role → the reason codes of its steps.
    static func reasons(_ d: Decision) -> [Role: Set<String>] {
        var result: [Role: Set<String>] = [:]
        for stage in d.route {
            for step in stage.steps { result[step.role, default: []].formUnion(step.reasons.map(\.code)) }
        }
        return result
    }

    /// The codes, or one nil when a step has no reason at all.
    static func codes(_ set: Set<String>?) -> [String?] {
        guard let set, !set.isEmpty else { return [nil] }
        return set.sorted()
    }

    /// `sales[sales_manager] → leadership[leadership] → …`
    static func stageText(_ d: Decision) -> String {
        d.route.map { stage in
            "\(stage.name)[\(stage.steps.map(\.role.rawValue).joined(separator: ","))]"
        }.joined(separator: " → ")
    }

    /// Each step's role and its details (action, task, scope, user, due, on overdue).
    static func flatSteps(_ d: Decision) -> [(Role, String)] {
        d.route.flatMap { stage in
            stage.steps.map { step -> (Role, String) in
                var parts = [step.action.rawValue]
                if let task = step.task { parts.append("task \(task)") }
                if let scope = step.scope { parts.append("scope \(scope.rawValue)") }
                if let user = step.user { parts.append("user \(user)") }
                switch step.due {
                case .days(let n): parts.append("due \(n) days")
                case .hours(let n): parts.append("due \(n) h")
                case nil: break
                }
                switch step.onOverdue {
                case .remind: parts.append("overdue: remind")
                case .escalate(let role): parts.append("overdue: escalate to \(role.rawValue)")
                case nil: break
                }
                return (step.role, parts.joined(separator: ", "))
            }
        }
    }

    /// Deviation code → the roles that re-confirm it (sorted, comma-separated).
    static func deviationNeeds(_ d: Decision) -> [String: String] {
        var roles: [String: Set<String>] = [:]
        for deviation in d.deviations { roles[deviation.code, default: []].insert(deviation.needs.rawValue) }
        return roles.mapValues { $0.sorted().joined(separator: ",") }
    }

    /// The decision without texts, locations and policy hash, its facts as they read back from
    /// the store (`FactValue.asReadBack`), for comparing with `==`: equal exactly when the two
    /// would encode to the same sorted-key JSON.
    static func normalized(_ d: Decision) -> Decision {
        func readBack(_ facts: inout [String: FactValue]) {
            for (name, value) in facts { facts[name] = value.asReadBack }
        }
        var d = d
        d.policy = ""
        d.error = d.error == nil ? nil : ""
        for s in d.route.indices {
            for t in d.route[s].steps.indices {
                for r in d.route[s].steps[t].reasons.indices {
                    d.route[s].steps[t].reasons[r].text = ""
                    d.route[s].steps[t].reasons[r].at = nil
                    readBack(&d.route[s].steps[t].reasons[r].facts)
                }
            }
        }
        for i in d.escalations.indices {
            d.escalations[i].text = ""
            d.escalations[i].at = nil
            readBack(&d.escalations[i].facts)
        }
        for i in d.deviations.indices {
            d.deviations[i].text = ""
            d.deviations[i].at = nil
            d.deviations[i].quoted = d.deviations[i].quoted?.asReadBack
            d.deviations[i].actual = d.deviations[i].actual?.asReadBack
            readBack(&d.deviations[i].facts)
        }
        for i in d.blocks.indices {
            d.blocks[i].text = ""
            d.blocks[i].at = nil
            readBack(&d.blocks[i].facts)
        }
        return d
    }
}
