/// A salesperson's plan of customer visits for a week (拜访计划), reported at the weekly meeting
/// for the sales manager to guide and fix.
public struct VisitPlan: Sendable, Hashable, Encodable {
    /// The Monday (or any day) naming the week the plan is for.
    public var weekOf: Day
    public var visits: [PlannedVisit]

    public init(weekOf: Day, visits: [PlannedVisit]) {
        self.weekOf = weekOf
        self.visits = visits
    }

    enum CodingKeys: String, CodingKey {
        case weekOf = "week_of"
        case visits
    }
}
