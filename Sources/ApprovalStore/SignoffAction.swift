import SalesDomain

/// What a user does to a step. `approve`, `reject` and `return` answer approve/review steps;
/// `perform` completes task and filing steps; `sign` records the customer's signature.
public enum SignoffAction: String, Sendable, Hashable, CaseIterable, Codable {
    case approve
    case reject
    /// Back to the submitter for changes.
    case `return`
    case perform
    case sign

    /// Whether this action answers a step asking for `stepAction`.
    public func fits(_ stepAction: StepAction) -> Bool {
        switch self {
        case .approve, .reject, .return: stepAction == .approve || stepAction == .review
        case .perform: stepAction == .perform || stepAction == .file
        case .sign: stepAction == .sign
        }
    }

    /// Whether the action is a judgment on the request (the submitter may not make it).
    public var isJudgment: Bool { self == .approve || self == .reject || self == .return }

    /// Whether the action completes its step (reject and return stop the case instead).
    public var completesStep: Bool { self == .approve || self == .perform || self == .sign }
}
