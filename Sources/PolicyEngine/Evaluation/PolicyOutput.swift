import LuaRuntime

/// The decision table the driver returns, before the host checks and shapes it. Roles, actions
/// and stages arrive as text and are validated by `DecisionAssembler`: the host trusts nothing a
/// script hands back.
struct PolicyOutput: Decodable {
    var stages: [String]
    var steps: [StepOutput]
    var escalations: [EscalationOutput]
    var deviations: [DeviationOutput]
    var blocks: [BlockOutput]

    struct StepOutput: Decodable {
        var stage: String
        var role: String
        var action: String
        var code: String
        var facts: [String: LuaValue]?
        var task: String?
        var scope: String?
        var user: String?
        var due: DueOutput?
        var on_overdue: LuaValue?
        var at: String?
    }

    struct DueOutput: Decodable {
        var days: Int?
        var hours: Int?
    }

    struct EscalationOutput: Decodable {
        var role: String
        var code: String
        var facts: [String: LuaValue]?
        var at: String?
    }

    struct DeviationOutput: Decodable {
        var field: String
        var quoted: LuaValue?
        var actual: LuaValue?
        var needs: String
        var code: String
        var facts: [String: LuaValue]?
        var at: String?
    }

    struct BlockOutput: Decodable {
        var code: String
        var facts: [String: LuaValue]?
        var at: String?
    }

    enum CodingKeys: String, CodingKey { case stages, steps, escalations, deviations, blocks }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // An empty Lua table cannot say whether it is a list or a map; absent means empty.
        stages = try c.decodeIfPresent([String].self, forKey: .stages) ?? []
        steps = try c.decodeIfPresent([StepOutput].self, forKey: .steps) ?? []
        escalations = try c.decodeIfPresent([EscalationOutput].self, forKey: .escalations) ?? []
        deviations = try c.decodeIfPresent([DeviationOutput].self, forKey: .deviations) ?? []
        blocks = try c.decodeIfPresent([BlockOutput].self, forKey: .blocks) ?? []
    }
}
