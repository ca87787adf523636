/// One recorded action of a user on a step. Voided sign-offs stay on record with the reason.
public struct SignoffRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var caseID: String
    /// The step's number and revision at the time it is read (a kept sign-off moves to the
    /// amended route's matching step).
    public var step: Int
    public var revision: Int
    public var user: String
    /// Set when a substitute acted in someone's name.
    public var actingFor: String?
    public var action: SignoffAction
    public var comment: String?
    public var coveredHash: String
    public var at: String
    public var voided: Bool
    public var voidReason: String?

    enum CodingKeys: String, CodingKey {
        case id
        case caseID = "case"
        case step, revision, user
        case actingFor = "acting_for"
        case action, comment
        case coveredHash = "covered_hash"
        case at, voided
        case voidReason = "void_reason"
    }
}
