import SalesDomain

/// A substitute acting for an approver between two days (inclusive): the substitute may take the
/// approver's steps, and every such sign-off records whom it was for.
public struct Delegation: Sendable, Hashable, Codable {
    public var id: Int64
    public var from: String
    public var to: String
    public var starts: Day
    public var ends: Day

    public func isActive(on day: Day) -> Bool { starts <= day && day <= ends }
}
