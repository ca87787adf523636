import SalesDomain

/// A stored case: the request as last submitted or amended, the policy's decision on it, and
/// where it stands.
public struct CaseRecord: Sendable, Encodable {
    public var id: String
    public var kind: RequestKind
    public var submitter: String
    public var branch: String?
    public var customer: String
    public var request: Request
    public var decision: Decision
    /// The hash of the rules that made the decision.
    public var policy: String
    public var state: CaseState
    /// The open stage (0-based); equals the stage count once the route is complete.
    public var stageIndex: Int
    /// 1 at submission, +1 per amendment.
    public var revision: Int
    public var createdAt: String
    public var updatedAt: String
    public var closedAt: String?

    /// The name of the open stage, if the case is still moving.
    public var currentStage: String? {
        guard state == .open, decision.route.indices.contains(stageIndex) else { return nil }
        return decision.route[stageIndex].name
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, submitter, branch, customer, request, decision, policy, state
        case stageIndex = "stage_index"
        case revision
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case closedAt = "closed_at"
    }
}
