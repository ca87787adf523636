import GRDB
import SalesDomain

extension Store {
    /// Open steps (of open cases) whose due time has passed, oldest due first.
    public func overdue() throws(StoreError) -> [OverdueStep] {
        try read { db in try overdue(db) }
    }

    func overdue(_ db: Database) throws -> [OverdueStep] {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT s.*, c.kind AS case_kind,
                   (SELECT MIN(a.at) FROM step_alerts a WHERE a.step_id = s.id) AS alerted_at
            FROM steps s JOIN cases c ON c.id = s.case_id AND c.revision = s.revision
            WHERE c.state = 'open' AND s.state = 'pending' AND s.due_at IS NOT NULL AND s.due_at < ?
            ORDER BY s.due_at, s.case_id, s.number
            """), arguments: [Timestamp.text(now)])
        return try rows.map { row in
            let step = try Self.stepRecord(row)
            let kindText: String = try row.decode(forColumn: "case_kind")
            guard let kind = RequestKind(rawValue: kindText) else {
                throw StoreError.damagedRow(table: "cases", id: try row.decode(forColumn: "case_id"), detail: "unknown kind")
            }
            return OverdueStep(caseID: try row.decode(forColumn: "case_id"), kind: kind, step: step,
                               onOverdue: step.onOverdue, alertedAt: try row.decode(forColumn: "alerted_at"))
        }
    }

    /// Applies what the policy says for every overdue step not yet handled: a reminder, or an
    /// escalation to a role (whose holders then see it with `escalations(for:)`). Idempotent: a
    /// step is alerted at most once per kind, so running it from cron twice changes nothing.
    /// Returns the steps it handled now.
    @discardableResult
    public func tick(actor: String = "tick") throws(StoreError) -> [OverdueStep] {
        try write { db in
            var handled: [OverdueStep] = []
            for item in try overdue(db) where item.alertedAt == nil {
                guard let action = item.onOverdue else { continue }
                let stamp = Timestamp.text(now)
                let (kind, role): (String, Role?) = switch action {
                case .remind: ("remind", nil)
                case .escalate(let to): ("escalate", to)
                }
                try db.cachedStatement(sql: """
                    INSERT INTO step_alerts (step_id, kind, role, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING
                    """).execute(arguments: [item.step.id, kind, role?.rawValue, stamp])
                guard db.changesCount > 0 else { continue }
                try AuditLog.append(db, at: now, actor: actor, event: "step.overdue.\(kind)", caseID: item.caseID,
                                    data: OverdueEvent(step: item.step.number, role: item.step.role.rawValue,
                                                       dueAt: item.step.dueAt ?? "", escalateTo: role?.rawValue))
                var done = item
                done.alertedAt = stamp
                handled.append(done)
            }
            return handled
        }
    }

    /// Overdue steps escalated to one of `userID`'s roles (to follow up; the step's own role still
    /// acts on it).
    public func escalations(for userID: String) throws(StoreError) -> [OverdueStep] {
        try read { db in
            guard let user = try loadUser(db, userID) else { throw StoreError.unknownUser(userID) }
            let escalated = try Row.fetchAll(db.cachedStatement(sql: "SELECT step_id, role FROM step_alerts WHERE kind = 'escalate'"))
            var roleOf: [Int64: String] = [:]
            for row in escalated { roleOf[try row.decode(forColumn: "step_id")] = try row.decode(forColumn: "role") }
            return try overdue(db).filter { item in
                guard let role = roleOf[item.step.id].flatMap(Role.init(rawValue:)) else { return false }
                return user.has(role)
            }
        }
    }
}

/// Audit data of an overdue alert.
struct OverdueEvent: Encodable {
    var step: Int
    var role: String
    var dueAt: String
    var escalateTo: String?

    enum CodingKeys: String, CodingKey {
        case step, role
        case dueAt = "due_at"
        case escalateTo = "escalate_to"
    }
}
