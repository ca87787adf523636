/// A policy version the store keeps: its files (by hash), who proposed and approved it, when it
/// is or was active, and how many cases it decided.
public struct PolicyVersion: Sendable, Encodable, Hashable {
    public enum State: String, Sendable, Codable, Hashable {
        /// It decided cases (from `--rules`) but was never approved through `policy propose`.
        case recorded
        /// A proposal waits for leadership.
        case proposed
        /// Leadership approved it; active from `activeFrom` (until `activeUntil`, if another
        /// approved version follows).
        case approved
        /// Leadership rejected its proposal.
        case rejected
    }

    public var hash: String
    /// Paths of its files (`contract.lua`, …).
    public var files: [String]
    /// When it first decided a case.
    public var firstUsed: String?
    public var proposedBy: String?
    public var approvedBy: String?
    /// YYYY-MM-DD, inclusive.
    public var activeFrom: String?
    /// YYYY-MM-DD, inclusive; nil while it is (or will be) the latest approved version.
    public var activeUntil: String?
    public var state: State
    public var createdAt: String
    /// Cases any revision of which it decided.
    public var casesDecided: Int
    /// The policy changes that proposed it.
    public var changes: [String]

    public var shortHash: String { String(hash.dropFirst("sha256:".count).prefix(12)) }

    enum CodingKeys: String, CodingKey {
        case hash, files
        case firstUsed = "first_used"
        case proposedBy = "proposed_by"
        case approvedBy = "approved_by"
        case activeFrom = "active_from"
        case activeUntil = "active_until"
        case state
        case createdAt = "created_at"
        case casesDecided = "cases_decided"
        case changes
    }
}
