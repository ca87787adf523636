/// One sign-off in a stage: a role (optionally a specific user, or only the request's branch)
/// doing an action, with the reasons that put it there. Steps in a stage run in parallel.
public struct Step: Sendable, Hashable, Codable {
    public var role: Role
    public var action: StepAction
    /// For `perform`: what to do, e.g. `issue_outbound_slip`.
    public var task: String?
    public var scope: StepScope?
    /// A specific user id.
    public var user: String?
    public var due: Due?
    public var onOverdue: OverdueAction?
    public var reasons: [Reason]

    public init(role: Role, action: StepAction, task: String? = nil, scope: StepScope? = nil, user: String? = nil,
                due: Due? = nil, onOverdue: OverdueAction? = nil, reasons: [Reason] = []) {
        self.role = role
        self.action = action
        self.task = task
        self.scope = scope
        self.user = user
        self.due = due
        self.onOverdue = onOverdue
        self.reasons = reasons
    }

    enum CodingKeys: String, CodingKey {
        case role, action, task, scope, user, due
        case onOverdue = "on_overdue"
        case reasons
    }
}
