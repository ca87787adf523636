import SalesDomain

/// One step of a case's route as stored: what the policy asked (role, action, reasons), the hash
/// of what a sign-off on it covers, and its state.
public struct StepRecord: Sendable, Hashable, Codable {
    /// The row id (internal; people use `number`).
    public var id: Int64
    /// 1-based position in the case's route (the STEP of `perform CASE STEP`).
    public var number: Int
    public var revision: Int
    public var stageIndex: Int
    public var stageName: String
    public var role: Role
    public var action: StepAction
    public var task: String?
    public var scope: StepScope?
    /// A specific user the policy named.
    public var assignee: String?
    public var reasons: [Reason]
    public var due: Due?
    public var onOverdue: OverdueAction?
    /// SHA-256 over the step and the facts it rests on (see `Coverage`).
    public var coveredHash: String
    public var state: StepState
    public var openedAt: String?
    public var dueAt: String?
    public var doneAt: String?

    enum CodingKeys: String, CodingKey {
        case id, number, revision
        case stageIndex = "stage_index"
        case stageName = "stage"
        case role, action, task, scope, assignee, reasons, due
        case onOverdue = "on_overdue"
        case coveredHash = "covered_hash"
        case state
        case openedAt = "opened_at"
        case dueAt = "due_at"
        case doneAt = "done_at"
    }
}
