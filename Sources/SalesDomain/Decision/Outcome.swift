/// The verdict of a decision.
public enum Outcome: String, Sendable, Hashable, CaseIterable, Codable {
    /// Proceed along the route.
    case route
    /// Rejected by a hard stop (see `Decision.blocks`).
    case blocked
    /// The policy failed (error, loop, limit); the request goes to the sales manager and
    /// leadership by hand. Never an approval.
    case manualReview = "manual_review"
}
