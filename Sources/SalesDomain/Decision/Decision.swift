/// The policy's answer for one request: the outcome, the route of sign-offs, and everything that
/// explains it. A plain value: the policy engine fills it, the CLI and store print and keep it.
///
/// Determinism: encode with `JSONEncoder.outputFormatting = [.sortedKeys]` — facts are
/// dictionaries, and only sorted keys make the bytes independent of hashing. Every array keeps the
/// order the policy produced. Absent optionals are omitted. `Double` facts must be finite.
public struct Decision: Sendable, Hashable, Codable {
    public var outcome: Outcome
    public var route: [Stage]
    public var escalations: [Escalation]
    public var deviations: [Deviation]
    public var blocks: [Block]
    /// The policy version: a hash of the rules directory.
    public var policy: String
    /// For `manual_review`: what went wrong (with `file:line`).
    public var error: String?

    public init(outcome: Outcome, route: [Stage] = [], escalations: [Escalation] = [], deviations: [Deviation] = [],
                blocks: [Block] = [], policy: String, error: String? = nil) {
        self.outcome = outcome
        self.route = route
        self.escalations = escalations
        self.deviations = deviations
        self.blocks = blocks
        self.policy = policy
        self.error = error
    }

    /// The roles of each stage in order, e.g. `[[sales_manager], [leadership], [customer]]` —
    /// the shape dry-run cases assert.
    public var stageRoles: [[Role]] {
        route.map { $0.steps.map(\.role) }
    }
}
