import GRDB
import PolicyEngine
import SalesDomain

extension Store {
    /// Proposes `rules` to go live on `effective` (a day not before today): keeps its files as a
    /// policy version and opens a policy change (`PC-2026-0001`) with the reports, for leadership.
    ///
    /// - Throws: `.unknownUser`; `.input` for an effective date in the past, a version that is
    ///   already proposed in an open change, or already the active policy.
    public func proposePolicy(_ rules: RulesSnapshot, effective: Day, reports: PolicyChangeReports,
                              as actor: String) throws(StoreError) -> PolicyChange {
        try write { db in
            guard try loadUser(db, actor) != nil else { throw StoreError.unknownUser(actor) }
            if let today, effective < today {
                throw StoreError.input(InputError(file: "--effective", category: .invalidValue,
                                                  message: "\(effective) is in the past (today is \(today)); a policy never changes retroactively"))
            }
            if let open = try String.fetchOne(db.cachedStatement(sql: "SELECT id FROM policy_changes WHERE hash = ? AND state = 'open'"),
                                              arguments: [rules.hash]) {
                throw StoreError.input(InputError(file: rules.directory, category: .invalidValue,
                                                  message: "policy \(rules.shortHash) is already proposed in \(open), waiting for leadership"))
            }
            if let active = try activeHash(db, on: today), active == rules.hash,
               try activeHash(db, on: effective) == rules.hash {
                throw StoreError.input(InputError(file: rules.directory, category: .invalidValue,
                                                  message: "policy \(rules.shortHash) is already the active policy"))
            }
            try recordVersion(db, rules, actor: actor, decidedCase: nil)
            try db.cachedStatement(sql: """
                UPDATE policy_versions SET proposed_by = ?, state = CASE state WHEN 'approved' THEN 'approved' ELSE 'proposed' END
                WHERE hash = ?
                """).execute(arguments: [actor, rules.hash])
            let id = try nextChangeID(db)
            let stamp = Timestamp.text(now)
            try db.cachedStatement(sql: """
                INSERT INTO policy_changes (id, hash, proposed_by, effective, state, reports, created_at)
                VALUES (?, ?, ?, ?, 'open', ?, ?)
                """).execute(arguments: [id, rules.hash, actor, effective.description, try StoreJSON.encode(reports), stamp])
            try AuditLog.append(db, at: now, actor: actor, event: "policy.proposed", caseID: id,
                                data: ProposedEvent(policy: rules.hash, effective: effective.description,
                                                    files: rules.files.keys.sorted(),
                                                    checkErrors: reports.check.errors, checkWarnings: reports.check.warnings,
                                                    testsPassed: reports.test.passed, testsFailed: reports.test.failed,
                                                    replayExamined: reports.replay.examined,
                                                    replayChanged: reports.replay.changed))
            guard let change = try loadChange(db, id) else { throw StoreError.unknownCase(id) }
            return change
        }
    }

    /// Leadership approves a policy change: its version becomes the active policy on its
    /// effective date (or today, when that has passed). Cases already open keep their version.
    ///
    /// - Throws: `.unknownCase`, `.unknownUser`, `.caseClosed` (already decided), `.notYourRole`
    ///   (only leadership), `.ownRequest` (never the proposer).
    public func approvePolicyChange(_ id: String, as actor: String, comment: String? = nil) throws(StoreError) -> PolicyChange {
        try decide(id, approve: true, as: actor, comment: comment)
    }

    /// Leadership rejects a policy change; its version never becomes active through it.
    public func rejectPolicyChange(_ id: String, as actor: String, comment: String? = nil) throws(StoreError) -> PolicyChange {
        try decide(id, approve: false, as: actor, comment: comment)
    }

    /// One policy change with its reports.
    public func policyChange(_ id: String) throws(StoreError) -> PolicyChange {
        try read { db in
            guard let change = try loadChange(db, id) else { throw StoreError.unknownCase(id) }
            return change
        }
    }

    /// Every policy change, oldest first.
    public func policyChanges() throws(StoreError) -> [PolicyChange] {
        try read { db in
            try String.fetchAll(db.cachedStatement(sql: "SELECT id FROM policy_changes ORDER BY created_at, id")).compactMap { id in
                try loadChange(db, id)
            }
        }
    }

    private func decide(_ id: String, approve: Bool, as actor: String, comment: String?) throws(StoreError) -> PolicyChange {
        try write { db in
            guard let change = try loadChange(db, id) else { throw StoreError.unknownCase(id) }
            guard let user = try loadUser(db, actor) else { throw StoreError.unknownUser(actor) }
            switch change.state {
            case .open: break
            case .approved: throw StoreError.caseClosed(caseID: id, state: .approved)
            case .rejected: throw StoreError.caseClosed(caseID: id, state: .rejected)
            }
            guard user.has(.leadership) else {
                throw StoreError.notYourRole(user: actor, role: .leadership, caseID: id, step: 1)
            }
            guard actor != change.proposedBy else { throw StoreError.ownRequest(user: actor, caseID: id) }
            let stamp = Timestamp.text(now)
            if approve {
                var from = change.effective
                if let today, let effective = try? Day(parsing: change.effective), effective < today {
                    from = today.description
                }
                try db.cachedStatement(sql: """
                    UPDATE policy_changes SET state = 'approved', decided_by = ?, decided_at = ?, comment = ?, active_from = ?
                    WHERE id = ?
                    """).execute(arguments: [actor, stamp, comment, from, id])
                try recomputePeriods(db)
                try AuditLog.append(db, at: now, actor: actor, event: "policy.approved", caseID: id,
                                    data: DecidedEvent(policy: change.hash, activeFrom: from, comment: comment))
            } else {
                try db.cachedStatement(sql: """
                    UPDATE policy_changes SET state = 'rejected', decided_by = ?, decided_at = ?, comment = ? WHERE id = ?
                    """).execute(arguments: [actor, stamp, comment, id])
                try db.execute(sql: "UPDATE policy_versions SET state = 'rejected' WHERE hash = ? AND state = 'proposed'",
                               arguments: [change.hash])
                try AuditLog.append(db, at: now, actor: actor, event: "policy.rejected", caseID: id,
                                    data: DecidedEvent(policy: change.hash, activeFrom: nil, comment: comment))
            }
            guard let decided = try loadChange(db, id) else { throw StoreError.unknownCase(id) }
            return decided
        }
    }

    /// Sets each approved version's period from the approved changes: a period runs from its
    /// change's first day to the day before the next approved change starts.
    func recomputePeriods(_ db: Database) throws {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT hash, active_from, decided_by FROM policy_changes WHERE state = 'approved'
            ORDER BY active_from, decided_at, id
            """))
        var periods: [String: (from: String, until: String?, by: String?)] = [:]
        for (index, row) in rows.enumerated() {
            let hash: String = try row.decode(forColumn: "hash")
            let from: String = try row.decode(forColumn: "active_from")
            var until: String?
            if index + 1 < rows.count {
                let next: String = try rows[index + 1].decode(forColumn: "active_from")
                until = (try? Day(parsing: next))?.adding(days: -1)?.description
            }
            periods[hash] = (from, until, try row.decode(forColumn: "decided_by"))
        }
        for (hash, period) in periods {
            try db.cachedStatement(sql: """
                UPDATE policy_versions SET state = 'approved', approved_by = ?, active_from = ?, active_until = ? WHERE hash = ?
                """).execute(arguments: [period.by, period.from, period.until, hash])
        }
    }

    func nextChangeID(_ db: Database) throws -> String {
        let stem = "PC-\(today?.year ?? 2000)-"
        let existing = try String.fetchAll(db.cachedStatement(sql: "SELECT id FROM policy_changes WHERE id LIKE ?"), arguments: [stem + "%"])
        let number = (existing.compactMap { Int($0.dropFirst(stem.count)) }.max() ?? 0) + 1
        let digits = String(number)
        return stem + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    func loadChange(_ db: Database, _ id: String) throws -> PolicyChange? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM policy_changes WHERE id = ?"), arguments: [id]) else {
            return nil
        }
        guard let state = PolicyChange.State(rawValue: try row.decode(forColumn: "state")) else {
            throw StoreError.damagedRow(table: "policy_changes", id: id, detail: "unknown state")
        }
        let reports: PolicyChangeReports
        do {
            reports = try StoreJSON.decode(PolicyChangeReports.self, from: try row.decode(forColumn: "reports"))
        } catch {
            throw StoreError.damagedRow(table: "policy_changes", id: id, detail: "reports: \(error)")
        }
        return PolicyChange(id: id, hash: try row.decode(forColumn: "hash"), proposedBy: try row.decode(forColumn: "proposed_by"),
                            effective: try row.decode(forColumn: "effective"), state: state,
                            createdAt: try row.decode(forColumn: "created_at"), decidedBy: try row.decode(forColumn: "decided_by"),
                            decidedAt: try row.decode(forColumn: "decided_at"), comment: try row.decode(forColumn: "comment"),
                            activeFrom: try row.decode(forColumn: "active_from"), reports: reports)
    }
}

/// Audit data of a policy proposal.
struct ProposedEvent: Encodable {
    var policy: String
    var effective: String
    var files: [String]
    var checkErrors: Int
    var checkWarnings: Int
    var testsPassed: Int
    var testsFailed: Int
    var replayExamined: Int
    var replayChanged: Int

    enum CodingKeys: String, CodingKey {
        case policy, effective, files
        case checkErrors = "check_errors"
        case checkWarnings = "check_warnings"
        case testsPassed = "tests_passed"
        case testsFailed = "tests_failed"
        case replayExamined = "replay_examined"
        case replayChanged = "replay_changed"
    }
}

/// Audit data of leadership's decision on a policy change.
struct DecidedEvent: Encodable {
    var policy: String
    var activeFrom: String?
    var comment: String?

    enum CodingKeys: String, CodingKey {
        case policy
        case activeFrom = "active_from"
        case comment
    }
}
