import GRDB
import SalesDomain

extension Store {
    /// User `userID` takes `action` on a step of case `caseID`.
    ///
    /// `step` selects the step by number (from `show`), task (`issue_outbound_slip`) or role; when
    /// nil, the one open step the user may take this action on (several → `.ambiguousStep`).
    /// Approving, performing or signing completes the step; when its stage is complete the next
    /// opens, and after the last the case is approved. Rejecting closes the case; returning sends
    /// it back to the submitter for `amend`.
    ///
    /// Every refusal throws and changes nothing: unknown user or case, closed or returned case,
    /// stage not open, wrong action for the step, wrong role/branch/assignee, own request, a
    /// second action by the same user, a step someone else already did.
    @discardableResult
    public func act(caseID: String, step selector: String? = nil, action: SignoffAction, as userID: String,
                    comment: String? = nil) throws(StoreError) -> ActResult {
        try write { db in
            guard let user = try loadUser(db, userID) else { throw StoreError.unknownUser(userID) }
            guard let record = try loadCase(db, caseID) else { throw StoreError.unknownCase(caseID) }
            if record.state.isClosed { throw StoreError.caseClosed(caseID: caseID, state: record.state) }
            if record.state == .returned { throw StoreError.caseReturned(caseID: caseID) }
            // Read once: what follows (choosing, advancing) works on this copy and keeps it current.
            var steps = try loadSteps(db, caseID: caseID, revision: record.revision)
            let signoffs = try loadSignoffs(db, caseID: caseID).filter { $0.revision == record.revision }
            let delegators = try delegators(db, to: user.id)
            let step = try choose(selector, from: steps, signoffs: signoffs, user: user, delegators: delegators,
                                  action: action, record: record)

            if let mine = signoffs.first(where: { $0.step == step.number && $0.user == user.id }) {
                throw StoreError.alreadyActed(user: user.id, caseID: caseID, step: step.number, action: mine.action)
            }
            switch step.state {
            case .waiting, .voided:
                throw StoreError.stepNotOpen(caseID: caseID, step: step.number, state: step.state)
            case .done:
                let by = signoffs.last { $0.step == step.number && !$0.voided }?.user ?? "someone"
                throw StoreError.stepAlreadyDone(caseID: caseID, step: step.number, by: by)
            case .pending:
                break
            }
            guard action.fits(step.action) else {
                throw StoreError.wrongAction(caseID: caseID, step: step.number, stepAction: step.action, action: action)
            }
            let actingFor = try Authority.check(user: user, delegators: delegators, action: action, step: step, of: record)

            let stamp = Timestamp.text(now)
            do {
                try db.cachedStatement(sql: """
                    INSERT INTO signoffs (case_id, step_id, user_id, acting_for, action, comment, covered_hash, at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [caseID, step.id, user.id, actingFor, action.rawValue, comment, step.coveredHash, stamp])
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                throw StoreError.stepAlreadyDone(caseID: caseID, step: step.number, by: "another user")
            }
            try AuditLog.append(db, at: now, actor: user.id, event: "step.\(action.rawValue)", caseID: caseID,
                                data: ActedEvent(step: step.number, revision: record.revision, stage: step.stageName,
                                                 role: step.role.rawValue, task: step.task, comment: comment,
                                                 actingFor: actingFor, coveredHash: step.coveredHash))

            var state = CaseState.open
            var open: Int? = record.stageIndex
            switch action {
            case .approve, .perform, .sign:
                try db.cachedStatement(sql: "UPDATE steps SET state = 'done', done_at = ? WHERE id = ?").execute(arguments: [stamp, step.id])
                if let index = steps.firstIndex(where: { $0.id == step.id }) {
                    steps[index].state = .done
                    steps[index].doneAt = stamp
                } else {
                    steps = try loadSteps(db, caseID: caseID, revision: record.revision)
                }
                open = try advance(db, caseID: caseID, actor: user.id, steps: &steps)
                if open == nil { state = .approved }
            case .reject:
                state = .rejected
                open = nil
                try db.execute(sql: "UPDATE cases SET state = 'rejected', updated_at = ?, closed_at = ? WHERE id = ?",
                               arguments: [stamp, stamp, caseID])
                try AuditLog.append(db, at: now, actor: user.id, event: "case.rejected", caseID: caseID,
                                    data: ["comment": comment ?? ""])
            case .return:
                state = .returned
                open = nil
                try db.execute(sql: "UPDATE cases SET state = 'returned', updated_at = ? WHERE id = ?",
                               arguments: [stamp, caseID])
                try AuditLog.append(db, at: now, actor: user.id, event: "case.returned", caseID: caseID,
                                    data: ["comment": comment ?? ""])
            }
            var done = step
            if action.completesStep { done.state = .done; done.doneAt = stamp }
            return ActResult(caseID: caseID, step: done, action: action, user: user.id, actingFor: actingFor, caseState: state,
                             openStage: open, openStageName: open.flatMap { index in
                                 record.decision.route.indices.contains(index) ? record.decision.route[index].name : nil
                             })
        }
    }

    /// The step `selector` names, or the single open step the user may take `action` on.
    private func choose(_ selector: String?, from steps: [StepRecord], signoffs: [SignoffRecord], user: User,
                        delegators: [User], action: SignoffAction, record: CaseRecord) throws -> StepRecord {
        let usable = { (step: StepRecord) -> Bool in
            step.state == .pending && action.fits(step.action)
                && Authority.allows(user: user, delegators: delegators, action: action, step: step, of: record)
                && !signoffs.contains { $0.step == step.number && $0.user == user.id }
        }
        if let selector {
            let trimmed = selector.trimmingCharacters(in: .whitespaces)
            let matches = Int(trimmed).map { number in steps.filter { $0.number == number } }
                ?? steps.filter { $0.task == trimmed || $0.role.rawValue == trimmed }
            guard let first = matches.first else { throw StoreError.noSuchStep(caseID: record.id, selector: selector) }
            if matches.count == 1 { return first }
            let open = matches.filter(usable)
            if open.count == 1, let only = open.first { return only }
            if open.count > 1 { throw StoreError.ambiguousStep(caseID: record.id, candidates: open.map(\.number)) }
            return matches.first { $0.state == .pending } ?? first
        }
        let candidates = steps.filter(usable)
        if candidates.count == 1, let only = candidates.first { return only }
        if candidates.count > 1 { throw StoreError.ambiguousStep(caseID: record.id, candidates: candidates.map(\.number)) }
        // Nothing the user may take: explain with the first open step the action would fit.
        if let later = steps.first(where: { step in
            step.state == .waiting && action.fits(step.action)
                && Authority.allows(user: user, delegators: delegators, action: action, step: step, of: record)
        }) {
            return later
        }
        if let mine = steps.last(where: { step in signoffs.contains { $0.step == step.number && $0.user == user.id } }) {
            return mine
        }
        if let open = steps.first(where: { $0.state == .pending && action.fits($0.action) }) { return open }
        throw StoreError.nothingToAct(caseID: record.id, user: user.id, action: action)
    }
}

/// Audit data of an action on a step.
struct ActedEvent: Encodable {
    var step: Int
    var revision: Int
    var stage: String
    var role: String
    var task: String?
    var comment: String?
    var actingFor: String?
    var coveredHash: String

    enum CodingKeys: String, CodingKey {
        case step, revision, stage, role, task, comment
        case actingFor = "acting_for"
        case coveredHash = "covered_hash"
    }
}
