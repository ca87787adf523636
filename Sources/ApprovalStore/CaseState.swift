/// Where a case stands. `open` cases move through their route; `returned` ones wait for the
/// submitter's amendment; the other three are closed for good.
public enum CaseState: String, Sendable, Hashable, CaseIterable, Codable {
    case open
    case approved
    case rejected
    case returned
    case cancelled

    /// Nothing acts on a closed case.
    public var isClosed: Bool { self == .approved || self == .rejected || self == .cancelled }
}
