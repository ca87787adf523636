import SalesDomain

/// One line of `history`.
public struct CaseSummary: Sendable, Hashable, Encodable {
    public var id: String
    public var kind: RequestKind
    public var customer: String
    public var submitter: String
    public var state: CaseState
    public var outcome: Outcome
    /// The open stage's name while the case moves.
    public var stage: String?
    public var revision: Int
    public var createdAt: String
    public var updatedAt: String

    enum CodingKeys: String, CodingKey {
        case id, kind, customer, submitter, state, outcome, stage, revision
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}
