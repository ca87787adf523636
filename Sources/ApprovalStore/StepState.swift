/// A step's state: `waiting` until its stage opens, `pending` while it awaits a sign-off, `done`
/// once signed off, `voided` when an amendment replaced it.
public enum StepState: String, Sendable, Hashable, CaseIterable, Codable {
    case waiting
    case pending
    case done
    case voided
}
