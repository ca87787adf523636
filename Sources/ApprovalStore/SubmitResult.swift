import SalesDomain

/// A stored case right after submission: its id, the decision, and its steps (the first stage
/// pending, the others waiting).
public struct SubmitResult: Sendable, Encodable {
    public var caseID: String
    public var state: CaseState
    public var decision: Decision
    public var steps: [StepRecord]

    enum CodingKeys: String, CodingKey {
        case caseID = "case"
        case state, decision, steps
    }
}
