import SalesDomain

/// What an amendment did: the new decision and route, and for every earlier sign-off whether it
/// was kept (its coverage hash is unchanged in the new route) or voided, and why.
public struct AmendResult: Sendable, Encodable {
    public struct Kept: Sendable, Hashable, Codable {
        public var user: String
        public var action: SignoffAction
        public var role: Role
        /// The step number before and after the amendment.
        public var fromStep: Int
        public var toStep: Int
        public var why: String

        enum CodingKeys: String, CodingKey {
            case user, action, role
            case fromStep = "from_step"
            case toStep = "to_step"
            case why
        }
    }

    public struct Voided: Sendable, Hashable, Codable {
        public var user: String
        public var action: SignoffAction
        public var role: Role
        public var step: Int
        public var why: String
    }

    public var caseID: String
    public var revision: Int
    public var state: CaseState
    public var decision: Decision
    public var steps: [StepRecord]
    public var kept: [Kept]
    public var voided: [Voided]

    enum CodingKeys: String, CodingKey {
        case caseID = "case"
        case revision, state, decision, steps, kept, voided
    }
}
