import SalesDomain

/// Which cases `history` lists; nil fields do not filter.
public struct HistoryFilter: Sendable, Hashable {
    public var kind: RequestKind?
    public var customer: String?
    public var state: CaseState?
    /// Cases created at or after this instant (ISO text, e.g. `2026-11-01` or `2026-11-01T08:00:00Z`).
    public var since: String?
    public var limit: Int

    public init(kind: RequestKind? = nil, customer: String? = nil, state: CaseState? = nil, since: String? = nil,
                limit: Int = 1000) {
        self.kind = kind
        self.customer = customer
        self.state = state
        self.since = since
        self.limit = limit
    }
}
