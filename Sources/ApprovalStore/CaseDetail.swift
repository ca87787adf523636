/// Everything about one case: the record (request and decision), the current route with each
/// step's state, every sign-off (voided ones too), and the case's audit timeline.
public struct CaseDetail: Sendable, Encodable {
    public var record: CaseRecord
    public var steps: [StepRecord]
    public var signoffs: [SignoffRecord]
    public var timeline: [AuditEntry]

    enum CodingKeys: String, CodingKey {
        case record = "case"
        case steps, signoffs, timeline
    }
}
