/// One row of the audit log: who did what when, with the event's data as JSON.
public struct AuditEntry: Sendable, Hashable, Codable {
    public var seq: Int64
    public var at: String
    public var actor: String
    public var event: String
    public var caseID: String?
    /// The event's details, JSON with sorted keys.
    public var data: String
    public var hash: String

    enum CodingKeys: String, CodingKey {
        case seq, at, actor, event
        case caseID = "case"
        case data, hash
    }
}
