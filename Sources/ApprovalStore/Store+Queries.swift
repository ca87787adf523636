import GRDB
import SalesDomain

extension Store {
    /// The open steps `userID` may act on now: steps of their roles (a clerk also records customer
    /// signatures), of their branch where the step is branch-scoped, assigned to them where the
    /// step names a user — never a judgment on their own request, nor a step they already acted on.
    public func inbox(for userID: String) throws(StoreError) -> [InboxItem] {
        try read { db in
            guard let user = try loadUser(db, userID) else { throw StoreError.unknownUser(userID) }
            let delegators = try delegators(db, to: user.id)
            let caseIDs = try String.fetchAll(db.cachedStatement(sql: """
                SELECT DISTINCT c.id FROM cases c JOIN steps s ON s.case_id = c.id AND s.revision = c.revision
                WHERE c.state = 'open' AND s.state = 'pending' ORDER BY c.created_at, c.id
                """))
            var items: [InboxItem] = []
            for caseID in caseIDs {
                guard let record = try loadCase(db, caseID) else { continue }
                let acted = Set(try loadSignoffs(db, caseID: caseID)
                    .filter { $0.revision == record.revision && $0.user == user.id }.map(\.step))
                for step in try loadSteps(db, caseID: caseID, revision: record.revision)
                where step.state == .pending && !acted.contains(step.number) {
                    let action = Eligibility.defaultAction(for: step.action)
                    let actingFor: String?
                    do {
                        actingFor = try Authority.check(user: user, delegators: delegators, action: action, step: step,
                                                        of: record)
                    } catch {
                        continue
                    }
                    items.append(InboxItem(caseID: caseID, kind: record.kind, customer: record.customer,
                                           submitter: record.submitter, branch: record.branch, step: step, action: action,
                                           actingFor: actingFor))
                }
            }
            return items
        }
    }

    /// The case with its current route, every sign-off and its timeline.
    public func show(caseID: String) throws(StoreError) -> CaseDetail {
        try read { db in
            guard let record = try loadCase(db, caseID) else { throw StoreError.unknownCase(caseID) }
            return CaseDetail(record: record, steps: try loadSteps(db, caseID: caseID, revision: record.revision),
                              signoffs: try loadSignoffs(db, caseID: caseID),
                              timeline: try AuditLog.entries(db, caseID: caseID))
        }
    }

    /// Cases matching `filter`, newest first.
    public func history(_ filter: HistoryFilter = HistoryFilter()) throws(StoreError) -> [CaseSummary] {
        try read { db in
            var clauses: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let kind = filter.kind { clauses.append("kind = ?"); arguments.append(kind.rawValue) }
            if let customer = filter.customer { clauses.append("customer = ?"); arguments.append(customer) }
            if let state = filter.state { clauses.append("state = ?"); arguments.append(state.rawValue) }
            if let since = filter.since { clauses.append("created_at >= ?"); arguments.append(since) }
            let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            arguments.append(filter.limit)
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM cases \(whereClause) ORDER BY created_at DESC, id DESC LIMIT ?
                """, arguments: StatementArguments(arguments))
            return try rows.map { row in
                let record = try Self.caseRecord(row)
                return CaseSummary(id: record.id, kind: record.kind, customer: record.customer,
                                   submitter: record.submitter, state: record.state, outcome: record.decision.outcome,
                                   stage: record.currentStage, revision: record.revision,
                                   createdAt: record.createdAt, updatedAt: record.updatedAt)
            }
        }
    }

    /// Walks the audit chain and reports the first row that was edited, deleted or reordered.
    public func verifyAudit() throws(StoreError) -> AuditReport {
        try read { db in try AuditLog.verify(db) }
    }
}
