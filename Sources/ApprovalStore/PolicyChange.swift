import PolicyEngine

/// A proposal to put a policy version live: a case of its own (`PC-2026-0001`), approved or
/// rejected by leadership — never by its proposer — with the reports it was proposed with.
public struct PolicyChange: Sendable, Encodable {
    public enum State: String, Sendable, Codable, Hashable {
        case open, approved, rejected
    }

    public var id: String
    public var hash: String
    public var proposedBy: String
    /// The date asked for (YYYY-MM-DD).
    public var effective: String
    public var state: State
    public var createdAt: String
    public var decidedBy: String?
    public var decidedAt: String?
    public var comment: String?
    /// Once approved: the first day it decides (the effective date, or the approval day when
    /// approved later).
    public var activeFrom: String?
    public var reports: PolicyChangeReports

    public var shortHash: String { String(hash.dropFirst("sha256:".count).prefix(12)) }

    enum CodingKeys: String, CodingKey {
        case id, hash
        case proposedBy = "proposed_by"
        case effective, state
        case createdAt = "created_at"
        case decidedBy = "decided_by"
        case decidedAt = "decided_at"
        case comment
        case activeFrom = "active_from"
        case reports
    }
}

/// What `signoff policy propose` found about a candidate, kept with the proposal for the
/// approvers: `check` findings, the dry-run cases, and the replay of the stored cases.
public struct PolicyChangeReports: Sendable, Codable {
    public struct Check: Sendable, Codable {
        public var errors: Int
        public var warnings: Int
        /// `file:line: severity: message`, one per finding.
        public var findings: [String]

        public init(errors: Int, warnings: Int, findings: [String]) {
            self.errors = errors
            self.warnings = warnings
            self.findings = findings
        }
    }

    public struct Test: Sendable, Codable {
        public var passed: Int
        public var failed: Int
        /// `name (file:line): problem; problem`, one per failing case or unreadable file.
        public var failures: [String]

        public init(passed: Int, failed: Int, failures: [String]) {
            self.passed = passed
            self.failed = failed
            self.failures = failures
        }
    }

    public var check: Check
    public var test: Test
    public var replay: ReplayReport

    public init(check: Check, test: Test, replay: ReplayReport) {
        self.check = check
        self.test = test
        self.replay = replay
    }
}
