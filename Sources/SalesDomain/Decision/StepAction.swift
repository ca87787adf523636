/// What a step asks of its role.
public enum StepAction: String, Sendable, Hashable, CaseIterable, Codable {
    case approve
    case review
    /// Carry out a task, e.g. issue the outbound slip (`Step.task`).
    case perform
    /// Sign (the customer signs confirmations and invoices).
    case sign
    /// File a document (the sales clerk files a signed contract the same day).
    case file
}
