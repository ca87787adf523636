import GRDB
import PolicyEngine
import SalesDomain

extension Store {
    /// Today in the factory's time zone, by the store's clock (what decides which policy is active).
    public var currentDay: Day? { today }

    /// The approved policy active on `day` (default: the store's today), rebuilt from its stored
    /// files; nil when no approved version is active yet (commands then use `--rules`).
    public func activePolicy(on day: Day? = nil) throws(StoreError) -> RulesSnapshot? {
        try read { db in
            guard let hash = try activeHash(db, on: day ?? today) else { return nil }
            return try snapshot(db, hash: hash)
        }
    }

    /// The version `activePolicy(on:)` returns, with who approved it and since when.
    public func activePolicyVersion(on day: Day? = nil) throws(StoreError) -> PolicyVersion? {
        try read { db in
            guard let hash = try activeHash(db, on: day ?? today) else { return nil }
            return try loadVersion(db, hash: hash)
        }
    }

    /// Every policy version the store keeps, oldest first.
    public func policyVersions() throws(StoreError) -> [PolicyVersion] {
        try read { db in
            try String.fetchAll(db.cachedStatement(sql: "SELECT hash FROM policy_versions ORDER BY created_at, rowid")).compactMap { hash in
                try loadVersion(db, hash: hash)
            }
        }
    }

    /// The version with this hash (`sha256:…`, or a unique prefix of its hex digits).
    public func policyVersion(hash: String) throws(StoreError) -> PolicyVersion? {
        try read { db in
            guard let full = try resolveHash(db, hash) else { return nil }
            return try loadVersion(db, hash: full)
        }
    }

    /// The files of the version with this hash, as a snapshot (its hash checked).
    public func policySnapshot(hash: String) throws(StoreError) -> RulesSnapshot? {
        try read { db in
            guard let full = try resolveHash(db, hash) else { return nil }
            return try snapshot(db, hash: full)
        }
    }

    // MARK: Inside transactions

    func activeHash(_ db: Database, on day: Day?) throws -> String? {
        guard let day else { return nil }
        return try String.fetchOne(db.cachedStatement(sql: """
            SELECT hash FROM policy_changes WHERE state = 'approved' AND active_from <= ?
            ORDER BY active_from DESC, decided_at DESC, id DESC LIMIT 1
            """), arguments: [day.description])
    }

    /// Refuses to decide with `rules` when the store has an active approved policy and `rules` is
    /// another version: live policy changes only through `policy propose` and `policy approve`.
    func requireActive(_ db: Database, _ rules: RulesSnapshot) throws {
        guard let active = try activeHash(db, on: today), active != rules.hash else { return }
        throw StoreError.policy(.rules(
            directory: rules.directory,
            message: "is policy \(rules.shortHash), but the store's active policy is \(Self.short(active)) "
                + "(approved; see `signoff policy log`); live policy changes only through `signoff policy propose`"))
    }

    /// Keeps `rules` as a policy version if the store does not have it yet; marks when it first
    /// decided a case. Each change appends an audit event.
    func recordVersion(_ db: Database, _ rules: RulesSnapshot, actor: String, decidedCase caseID: String?) throws {
        let stamp = Timestamp.text(now)
        let existing = try Row.fetchOne(db.cachedStatement(sql: "SELECT first_used FROM policy_versions WHERE hash = ?"),
                                        arguments: [rules.hash])
        if existing == nil {
            try db.cachedStatement(sql: """
                INSERT INTO policy_versions (hash, files, first_used, state, created_at) VALUES (?, ?, ?, 'recorded', ?)
                """).execute(arguments: [rules.hash, try StoreJSON.encode(rules.files), caseID == nil ? nil : stamp, stamp])
            try AuditLog.append(db, at: now, actor: actor, event: "policy.recorded", caseID: nil,
                                data: VersionEvent(policy: rules.hash, files: rules.files.keys.sorted(),
                                                   source: rules.directory, decidedCase: caseID))
        } else if let existing, caseID != nil, try existing.decode(String?.self, forColumn: "first_used") == nil {
            try db.cachedStatement(sql: "UPDATE policy_versions SET first_used = ? WHERE hash = ?").execute(arguments: [stamp, rules.hash])
            try AuditLog.append(db, at: now, actor: actor, event: "policy.first_used", caseID: nil,
                                data: ["policy": rules.hash, "case": caseID ?? ""])
        }
    }

    func resolveHash(_ db: Database, _ text: String) throws -> String? {
        let hex = text.hasPrefix("sha256:") ? String(text.dropFirst("sha256:".count)) : text
        guard !hex.isEmpty, hex.allSatisfy(\.isHexDigit) else { return nil }
        let found = try String.fetchAll(db.cachedStatement(sql: "SELECT hash FROM policy_versions WHERE hash LIKE ? LIMIT 2"),
                                        arguments: ["sha256:" + hex.lowercased() + "%"])
        return found.count == 1 ? found[0] : nil
    }

    func snapshot(_ db: Database, hash: String) throws -> RulesSnapshot? {
        guard let text = try String.fetchOne(db.cachedStatement(sql: "SELECT files FROM policy_versions WHERE hash = ?"), arguments: [hash])
        else { return nil }
        let files: [String: String]
        do {
            files = try StoreJSON.decode([String: String].self, from: text)
        } catch {
            throw StoreError.damagedRow(table: "policy_versions", id: hash, detail: "files: \(error)")
        }
        let rules = RulesSnapshot(files: files, directory: "policy \(Self.short(hash)) (from the store)")
        guard rules.hash == hash else {
            throw StoreError.damagedRow(table: "policy_versions", id: hash,
                                        detail: "its files hash to \(rules.hash), not to the version's hash")
        }
        return rules
    }

    func loadVersion(_ db: Database, hash: String) throws -> PolicyVersion? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM policy_versions WHERE hash = ?"), arguments: [hash])
        else { return nil }
        let files = (try? StoreJSON.decode([String: String].self, from: try row.decode(String.self, forColumn: "files"))) ?? [:]
        guard let state = PolicyVersion.State(rawValue: try row.decode(forColumn: "state")) else {
            throw StoreError.damagedRow(table: "policy_versions", id: hash, detail: "unknown state")
        }
        let decided = try Int.fetchOne(db.cachedStatement(sql: """
            SELECT COUNT(*) FROM (SELECT id FROM cases WHERE policy = ? UNION SELECT case_id FROM case_contexts WHERE policy = ?)
            """), arguments: [hash, hash]) ?? 0
        let changes = try String.fetchAll(db.cachedStatement(sql: "SELECT id FROM policy_changes WHERE hash = ? ORDER BY created_at, id"),
                                          arguments: [hash])
        return PolicyVersion(hash: hash, files: files.keys.sorted(), firstUsed: try row.decode(forColumn: "first_used"),
                             proposedBy: try row.decode(forColumn: "proposed_by"),
                             approvedBy: try row.decode(forColumn: "approved_by"),
                             activeFrom: try row.decode(forColumn: "active_from"),
                             activeUntil: try row.decode(forColumn: "active_until"), state: state,
                             createdAt: try row.decode(forColumn: "created_at"), casesDecided: decided, changes: changes)
    }

    static func short(_ hash: String) -> String { String(hash.dropFirst("sha256:".count).prefix(12)) }
}

/// Audit data of a policy version the store starts keeping.
struct VersionEvent: Encodable {
    var policy: String
    var files: [String]
    var source: String
    var decidedCase: String?

    enum CodingKeys: String, CodingKey {
        case policy, files, source
        case decidedCase = "decided_case"
    }
}
