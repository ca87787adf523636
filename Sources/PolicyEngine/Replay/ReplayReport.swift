import SalesDomain

/// What a candidate policy would change on the stored cases: totals, and the changed cases
/// grouped by kind and change. Deterministic: the same cases and policies give the same report
/// whatever the number of threads.
public struct ReplayReport: Sendable, Codable {
    /// The candidate's hash.
    public var candidate: String
    /// Cases re-decided (skipped ones not included).
    public var examined: Int
    /// Cases whose decision would not change (facts-only differences included).
    public var unchanged: Int
    /// Cases whose decision would change (each may sit in several groups).
    public var changed: Int
    /// Unchanged cases whose route is the same but whose reasons cite other facts (e.g. a new
    /// threshold quoted in the same escalation).
    public var factsOnly: [String]
    /// Cases that could not be re-decided, and why.
    public var skipped: [Skipped]
    /// Cases whose own policy version, re-run in the stored context, no longer gives the stored
    /// decision (a context that could not be rebuilt exactly, or a nondeterministic policy).
    public var drift: [String]
    /// Cases compared against their stored decision because the store lacks the files of the
    /// version that decided them (cases stored before policy versions were kept).
    public var baselineFromStoredDecision: Int
    /// Cases stored before contexts were kept, re-decided in a context rebuilt from today's data.
    public var contextsReconstructed: Int
    /// Per kind: cases examined and changed.
    public var kinds: [KindTotals]
    /// The policy versions that decided the examined cases, with how many each.
    public var versions: [VersionTotals]
    /// The changes, by kind (in `RequestKind` order), then most cases first.
    public var groups: [ReplayGroup]

    public init(candidate: String, examined: Int = 0, unchanged: Int = 0, changed: Int = 0, factsOnly: [String] = [],
                skipped: [Skipped] = [], drift: [String] = [], baselineFromStoredDecision: Int = 0,
                contextsReconstructed: Int = 0, kinds: [KindTotals] = [], versions: [VersionTotals] = [],
                groups: [ReplayGroup] = []) {
        self.candidate = candidate
        self.examined = examined
        self.unchanged = unchanged
        self.changed = changed
        self.factsOnly = factsOnly
        self.skipped = skipped
        self.drift = drift
        self.baselineFromStoredDecision = baselineFromStoredDecision
        self.contextsReconstructed = contextsReconstructed
        self.kinds = kinds
        self.versions = versions
        self.groups = groups
    }

    public struct Skipped: Sendable, Codable, Hashable {
        public var id: String
        public var why: String
    }

    public struct KindTotals: Sendable, Codable, Hashable {
        public var kind: RequestKind
        public var examined: Int
        public var changed: Int
    }

    public struct VersionTotals: Sendable, Codable, Hashable {
        public var policy: String
        public var cases: Int
    }

    /// The group of `change` for `kind`, if any case is in it.
    public func group(_ kind: RequestKind, _ change: ReplayChange) -> ReplayGroup? {
        groups.first { $0.kind == kind && $0.change == change }
    }

    enum CodingKeys: String, CodingKey {
        case candidate, examined, unchanged, changed
        case factsOnly = "facts_only"
        case skipped, drift
        case baselineFromStoredDecision = "baseline_from_stored_decision"
        case contextsReconstructed = "contexts_reconstructed"
        case kinds, versions, groups
    }
}

/// The cases of one kind that a candidate changes in the same way.
public struct ReplayGroup: Sendable, Codable, Hashable {
    public var kind: RequestKind
    public var change: ReplayChange
    /// Every case in the group, in id order.
    public var cases: [String]

    public var count: Int { cases.count }

    public func headline(language: Language = .en) -> String {
        change.headline(count: cases.count, of: kind, language: language)
    }

    enum CodingKeys: String, CodingKey {
        case kind, change, count, summary, cases
    }

    public init(kind: RequestKind, change: ReplayChange, cases: [String]) {
        self.kind = kind
        self.change = change
        self.cases = cases
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(RequestKind.self, forKey: .kind)
        change = try ReplayChange(from: container.superDecoder(forKey: .change))
        cases = try container.decode([String].self, forKey: .cases)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try change.encode(to: container.superEncoder(forKey: .change))
        try container.encode(count, forKey: .count)
        try container.encode(headline(language: .en), forKey: .summary)
        try container.encode(cases, forKey: .cases)
    }
}
