/// The result of checking the audit chain: how many rows, the last row's hash (note it somewhere
/// else to detect a rewrite of the whole tail later), and the first problem found, if any.
public struct AuditReport: Sendable, Hashable, Codable {
    public enum Problem: String, Sendable, Hashable, Codable {
        /// A row's content no longer matches its hash.
        case edited
        /// A row is missing (a gap in the sequence, or the tail is shorter than the counter).
        case deleted
        /// A row's previous-hash does not match the row before it.
        case reordered
    }

    public var rows: Int
    public var head: String
    /// The sequence number of the first bad row (or where the missing row should be).
    public var firstBadRow: Int64?
    public var problem: Problem?
    public var detail: String?

    public var ok: Bool { problem == nil }

    enum CodingKeys: String, CodingKey {
        case rows, head
        case firstBadRow = "first_bad_row"
        case problem, detail, ok
    }

    public init(rows: Int, head: String, firstBadRow: Int64? = nil, problem: Problem? = nil, detail: String? = nil) {
        self.rows = rows
        self.head = head
        self.firstBadRow = firstBadRow
        self.problem = problem
        self.detail = detail
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rows, forKey: .rows)
        try container.encode(head, forKey: .head)
        try container.encodeIfPresent(firstBadRow, forKey: .firstBadRow)
        try container.encodeIfPresent(problem, forKey: .problem)
        try container.encodeIfPresent(detail, forKey: .detail)
        try container.encode(ok, forKey: .ok)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rows = try container.decode(Int.self, forKey: .rows)
        head = try container.decode(String.self, forKey: .head)
        firstBadRow = try container.decodeIfPresent(Int64.self, forKey: .firstBadRow)
        problem = try container.decodeIfPresent(Problem.self, forKey: .problem)
        detail = try container.decodeIfPresent(String.self, forKey: .detail)
    }
}
