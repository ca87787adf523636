import SalesDomain

/// An open step past its due time, with what the policy says should happen and what `tick` has
/// already done about it.
public struct OverdueStep: Sendable, Hashable, Encodable {
    public var caseID: String
    public var kind: RequestKind
    public var step: StepRecord
    /// `remind`, or escalate to a role; nil when the policy said nothing (listed, no action).
    public var onOverdue: OverdueAction?
    /// Set once `tick` applied the action.
    public var alertedAt: String?

    enum CodingKeys: String, CodingKey {
        case caseID = "case"
        case kind, step
        case onOverdue = "on_overdue"
        case alertedAt = "alerted_at"
    }
}
