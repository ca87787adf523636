/// What an action did: the step it answered, the case's state afterwards, and the stage that
/// opened because of it (if any).
public struct ActResult: Sendable, Encodable {
    public var caseID: String
    public var step: StepRecord
    public var action: SignoffAction
    public var user: String
    /// Whom the user acted for (a delegation), if anyone.
    public var actingFor: String?
    public var caseState: CaseState
    /// The stage (0-based) that is open now, nil when the case is no longer moving.
    public var openStage: Int?
    public var openStageName: String?

    enum CodingKeys: String, CodingKey {
        case caseID = "case"
        case step, action, user
        case actingFor = "acting_for"
        case caseState = "state"
        case openStage = "open_stage"
        case openStageName = "open_stage_name"
    }
}
