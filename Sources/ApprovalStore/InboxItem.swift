import SalesDomain

/// An open step waiting for a user: the case it belongs to and what to do.
public struct InboxItem: Sendable, Encodable {
    public var caseID: String
    public var kind: RequestKind
    public var customer: String
    public var submitter: String
    public var branch: String?
    public var step: StepRecord
    /// What the user does on it: approve (or reject/return), perform, or sign.
    public var action: SignoffAction
    /// Set when the step is the user's only through a delegation from this user.
    public var actingFor: String?

    enum CodingKeys: String, CodingKey {
        case caseID = "case"
        case kind, customer, submitter, branch, step, action
        case actingFor = "acting_for"
    }
}
