import GRDB
import SalesDomain

extension Store {
    // MARK: Reading cases, steps and sign-offs

    func loadCase(_ db: Database, _ id: String) throws -> CaseRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM cases WHERE id = ?"), arguments: [id]).map(Self.caseRecord)
    }

    static func caseRecord(_ row: Row) throws -> CaseRecord {
        let id: String = try row.decode(forColumn: "id")
        func damaged(_ detail: String) -> StoreError { .damagedRow(table: "cases", id: id, detail: detail) }
        guard let kind = RequestKind(rawValue: try row.decode(forColumn: "kind")) else { throw damaged("unknown kind") }
        guard let state = CaseState(rawValue: try row.decode(forColumn: "state")) else { throw damaged("unknown state") }
        let request: Request
        do {
            request = try InputDecoder.request(stored: try row.decode(String.self, forColumn: "request"), file: "case \(id)")
        } catch let error as InputError {
            throw damaged("request: \(error)")
        }
        let decision: Decision
        do {
            decision = try DecisionColumn.decode(try row.decode(forColumn: "decision"))
        } catch {
            throw damaged("decision: \(error)")
        }
        return CaseRecord(id: id, kind: kind, submitter: try row.decode(forColumn: "submitter"),
                          branch: try row.decode(forColumn: "branch"), customer: try row.decode(forColumn: "customer"),
                          request: request, decision: decision, policy: try row.decode(forColumn: "policy"),
                          state: state, stageIndex: try row.decode(forColumn: "stage_index"),
                          revision: try row.decode(forColumn: "revision"), createdAt: try row.decode(forColumn: "created_at"),
                          updatedAt: try row.decode(forColumn: "updated_at"), closedAt: try row.decode(forColumn: "closed_at"))
    }

    /// The steps of a case's given revision, in route order.
    func loadSteps(_ db: Database, caseID: String, revision: Int) throws -> [StepRecord] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM steps WHERE case_id = ? AND revision = ? ORDER BY number"),
                         arguments: [caseID, revision]).map(Self.stepRecord)
    }

    static func stepRecord(_ row: Row) throws -> StepRecord {
        let id: Int64 = try row.decode(forColumn: "id")
        func damaged(_ detail: String) -> StoreError { .damagedRow(table: "steps", id: String(id), detail: detail) }
        guard let role = Role(rawValue: try row.decode(forColumn: "role")) else { throw damaged("unknown role") }
        guard let action = StepAction(rawValue: try row.decode(forColumn: "action")) else { throw damaged("unknown action") }
        guard let state = StepState(rawValue: try row.decode(forColumn: "state")) else { throw damaged("unknown state") }
        let scopeText: String? = try row.decode(forColumn: "scope")
        let dueText: String? = try row.decode(forColumn: "due")
        let overdueText: String? = try row.decode(forColumn: "on_overdue")
        return StepRecord(
            id: id, number: try row.decode(forColumn: "number"), revision: try row.decode(forColumn: "revision"),
            stageIndex: try row.decode(forColumn: "stage_index"), stageName: try row.decode(forColumn: "stage_name"),
            role: role, action: action, task: try row.decode(forColumn: "task"),
            scope: scopeText.flatMap(StepScope.init(rawValue:)), assignee: try row.decode(forColumn: "assignee"),
            reasons: try StepColumns.reasons(try row.decode(forColumn: "reasons")),
            due: try dueText.map(StepColumns.due), onOverdue: try overdueText.map(StepColumns.onOverdue),
            coveredHash: try row.decode(forColumn: "covered_hash"), state: state,
            openedAt: try row.decode(forColumn: "opened_at"), dueAt: try row.decode(forColumn: "due_at"),
            doneAt: try row.decode(forColumn: "done_at"))
    }

    /// Every sign-off of a case (live and voided), oldest first, with the step it now belongs to.
    func loadSignoffs(_ db: Database, caseID: String) throws -> [SignoffRecord] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT s.*, st.number AS step_number, st.revision AS step_revision
            FROM signoffs s JOIN steps st ON st.id = s.step_id
            WHERE s.case_id = ? ORDER BY s.id
            """), arguments: [caseID]).map(Self.signoffRecord)
    }

    static func signoffRecord(_ row: Row) throws -> SignoffRecord {
        let id: Int64 = try row.decode(forColumn: "id")
        guard let action = SignoffAction(rawValue: try row.decode(forColumn: "action")) else {
            throw StoreError.damagedRow(table: "signoffs", id: String(id), detail: "unknown action")
        }
        return SignoffRecord(
            id: id, caseID: try row.decode(forColumn: "case_id"), step: try row.decode(forColumn: "step_number"),
            revision: try row.decode(forColumn: "step_revision"), user: try row.decode(forColumn: "user_id"),
            actingFor: try row.decode(forColumn: "acting_for"), action: action,
            comment: try row.decode(forColumn: "comment"), coveredHash: try row.decode(forColumn: "covered_hash"),
            at: try row.decode(forColumn: "at"), voided: try row.decode(forColumn: "voided"),
            voidReason: try row.decode(forColumn: "void_reason"))
    }

    // MARK: Writing steps

    /// Inserts the steps of `decision`'s route for `revision`, each with its coverage hash; all
    /// start `waiting` (open a stage with `openStage`). Returns the steps as `loadSteps` would read
    /// them back (in route order), built from what was written rather than re-read: the reasons
    /// are decoded from the very JSON text stored, so lossy fields (money facts come back as text)
    /// match. A text column with a NUL byte (which SQLite's text reading may cut) is re-read instead.
    func insertSteps(_ db: Database, caseID: String, revision: Int, decision: Decision, request: Request,
                     cited: [String: StoredDocument]) throws -> [StepRecord] {
        var number = 0
        var records: [StepRecord] = []
        var reread = false
        let coverage = Coverage.Hasher(request: request, cited: cited)
        for (stageIndex, stage) in decision.route.enumerated() {
            for step in stage.steps {
                number += 1
                let hash = try coverage.hash(step)
                let reasons = try StoreJSON.encode(step.reasons)
                let due = try step.due.map(StoreJSON.encode)
                let onOverdue = try step.onOverdue.map(StoreJSON.encode)
                try db.cachedStatement(sql: """
                    INSERT INTO steps (case_id, revision, number, stage_index, stage_name, role, action, task, scope,
                                       assignee, reasons, due, on_overdue, covered_hash, state)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting')
                    """).execute(arguments: [caseID, revision, number, stageIndex, stage.name, step.role.rawValue,
                                     step.action.rawValue, step.task, step.scope?.rawValue, step.user,
                                     reasons, due, onOverdue, hash])
                if reread { continue }
                if [stage.name, step.task, step.user].contains(where: { $0?.utf8.contains(0) ?? false }) {
                    reread = true
                    continue
                }
                records.append(StepRecord(
                    id: db.lastInsertedRowID, number: number, revision: revision, stageIndex: stageIndex,
                    stageName: stage.name, role: step.role, action: step.action, task: step.task, scope: step.scope,
                    assignee: step.user, reasons: try StepColumns.reasons(reasons),
                    due: try due.map(StepColumns.due), onOverdue: try onOverdue.map(StepColumns.onOverdue),
                    coveredHash: hash, state: .waiting, openedAt: nil, dueAt: nil, doneAt: nil))
            }
        }
        return reread ? try loadSteps(db, caseID: caseID, revision: revision) : records
    }

    /// Makes the waiting steps of `stageIndex` pending, stamping when they opened and when they
    /// are due. `steps` are all the steps of one case revision as in the database; the rows and
    /// `steps` are updated alike, so the caller need not read them again.
    func openStage(_ db: Database, stageIndex: Int, steps: inout [StepRecord]) throws {
        let opened = now
        let openedText = Timestamp.text(opened)
        for index in steps.indices where steps[index].stageIndex == stageIndex && steps[index].state == .waiting {
            var dueAt: String?
            switch steps[index].due {
            case .days(let days): dueAt = Timestamp.text(Timestamp.endOfDay(opened, plusDays: days, in: timeZone))
            case .hours(let hours): dueAt = Timestamp.text(opened.addingTimeInterval(Double(hours) * 3600))
            case nil: dueAt = nil
            }
            try db.cachedStatement(sql: "UPDATE steps SET state = 'pending', opened_at = ?, due_at = ? WHERE id = ?")
                .execute(arguments: [openedText, dueAt, steps[index].id])
            steps[index].state = .pending
            steps[index].openedAt = openedText
            steps[index].dueAt = dueAt
        }
    }

    /// Moves the case to its first stage with a step not yet done, opening it; when every step is
    /// done the case is approved. Returns the stage index opened (nil when the case completed).
    @discardableResult
    func advance(_ db: Database, caseID: String, revision: Int, actor: String) throws -> Int? {
        var steps = try loadSteps(db, caseID: caseID, revision: revision)
        return try advance(db, caseID: caseID, actor: actor, steps: &steps)
    }

    /// `advance` on the steps of the case's revision already loaded (exactly as in the database);
    /// `steps` is kept up to date with what it writes (the opened stage's steps become pending).
    @discardableResult
    func advance(_ db: Database, caseID: String, actor: String, steps: inout [StepRecord]) throws -> Int? {
        let stamp = Timestamp.text(now)
        if let next = steps.filter({ $0.state != .done }).map(\.stageIndex).min() {
            let current = try Int.fetchOne(db.cachedStatement(sql: "SELECT stage_index FROM cases WHERE id = ?"), arguments: [caseID])
            let alreadyOpen = steps.contains { $0.stageIndex == next && $0.state == .pending }
            try openStage(db, stageIndex: next, steps: &steps)
            try db.cachedStatement(sql: "UPDATE cases SET stage_index = ?, updated_at = ? WHERE id = ?")
                .execute(arguments: [next, stamp, caseID])
            if current != next || !alreadyOpen {
                let name = steps.first { $0.stageIndex == next }?.stageName ?? ""
                try AuditLog.append(db, at: now, actor: actor, event: "stage.opened", caseID: caseID,
                                    data: ["stage": "\(next + 1) \(name)"])
            }
            return next
        }
        let stages = (steps.map(\.stageIndex).max() ?? -1) + 1
        try db.cachedStatement(sql: """
            UPDATE cases SET state = 'approved', stage_index = ?, updated_at = ?, closed_at = ? WHERE id = ?
            """).execute(arguments: [stages, stamp, stamp, caseID])
        try AuditLog.append(db, at: now, actor: actor, event: "case.approved", caseID: caseID,
                            data: ["state": "approved"])
        return nil
    }
}
