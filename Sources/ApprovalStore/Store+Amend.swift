import GRDB
import PolicyEngine
import SalesDomain

extension Store {
    /// The submitter changes an open or returned case: the new request is re-evaluated with the
    /// current policy and store (the store's active policy, once one is approved; the version and
    /// the context are kept as on submit), and a new revision of the route replaces the old one. Each earlier
    /// approval, task or signature is kept only when the new route has a step with the same
    /// coverage hash (same role, action, reasons and facts, same document and cited documents);
    /// the others are voided and asked again. Rejections and returns are always voided (the
    /// amendment answers them). The case opens at its first stage with a step not done.
    ///
    /// - Throws: `.notSubmitter`, `.caseClosed`, `.kindChanged`, `.submitterMismatch`, `.blocked`
    ///   (the amendment hits a hard stop: nothing changes but an audit event), input errors.
    public func amend(caseID: String, with request: Request, engine: PolicyEngine, language: Language = .zh,
                      as actor: String) throws(StoreError) -> AmendResult {
        enum Outcome { case amended(AmendResult), blocked(Decision) }
        let outcome: Outcome = try write { db in
            guard try loadUser(db, actor) != nil else { throw StoreError.unknownUser(actor) }
            guard let record = try loadCase(db, caseID) else { throw StoreError.unknownCase(caseID) }
            if record.state.isClosed { throw StoreError.caseClosed(caseID: caseID, state: record.state) }
            guard actor == record.submitter else {
                throw StoreError.notSubmitter(user: actor, submitter: record.submitter, caseID: caseID)
            }
            guard request.kind == record.kind else {
                throw StoreError.kindChanged(caseID: caseID, from: record.kind, to: request.kind)
            }
            guard request.submittedBy == record.submitter else {
                throw StoreError.submitterMismatch(actor: actor, submittedBy: request.submittedBy)
            }
            if let id = request.id, id != caseID {
                throw StoreError.input(InputError(file: request.origin.file ?? "request", path: FieldPath([.key("id")]),
                                                  category: .invalidValue,
                                                  message: "the amendment of \(caseID) names another id \"\(id)\""))
            }
            try requireActive(db, engine.rules)
            var request = request
            request.id = caseID

            let context = try context(db, for: request, excluding: caseID)
            let resolved: ResolvedRequest
            resolved = try context.resolve(request)
            let decision = try engine.decide(resolved, language: language)
            if decision.outcome == .blocked {
                try AuditLog.append(db, at: now, actor: actor, event: "case.amend_blocked", caseID: caseID,
                                    data: BlockedEvent(kind: request.kind, customer: request.customer.id,
                                                       blocks: decision.blocks.map(\.code), policy: decision.policy,
                                                       request: request))
                return .blocked(decision)
            }

            let oldSteps = try loadSteps(db, caseID: caseID, revision: record.revision)
            let oldLive = try loadSignoffs(db, caseID: caseID).filter { $0.revision == record.revision && !$0.voided }
            let revision = record.revision + 1
            try recordVersion(db, engine.rules, actor: actor, decidedCase: caseID)
            try saveContext(db, caseID: caseID, revision: revision, policy: decision.policy, context: context,
                            resolved: resolved)
            let newSteps = try insertSteps(db, caseID: caseID, revision: revision, decision: decision, request: request,
                                           cited: Self.cited(request, in: context))
            let changed = RequestDiff.changedFields(try StoreJSON.encode(record.request), try StoreJSON.encode(request))
            let stamp = Timestamp.text(now)

            var kept: [AmendResult.Kept] = []
            var voided: [AmendResult.Voided] = []
            var taken = Set<Int64>()
            for signoff in oldLive {
                guard let old = oldSteps.first(where: { $0.number == signoff.step }) else { continue }
                let match = signoff.action.completesStep
                    ? newSteps.first { $0.coveredHash == signoff.coveredHash && !taken.contains($0.id) }
                    : nil
                if let match {
                    taken.insert(match.id)
                    try db.cachedStatement(sql: "UPDATE signoffs SET step_id = ? WHERE id = ?").execute(arguments: [match.id, signoff.id])
                    try db.execute(sql: "UPDATE steps SET state = 'done', done_at = ? WHERE id = ?",
                                   arguments: [signoff.at, match.id])
                    kept.append(.init(user: signoff.user, action: signoff.action, role: old.role, fromStep: old.number,
                                      toStep: match.number,
                                      why: "what it covered is unchanged (same step, reasons, facts and document)"))
                } else {
                    let why = Self.voidReason(signoff: signoff, old: old, newSteps: newSteps, changed: changed)
                    try db.execute(sql: "UPDATE signoffs SET voided = 1, void_reason = ? WHERE id = ?",
                                   arguments: [why, signoff.id])
                    voided.append(.init(user: signoff.user, action: signoff.action, role: old.role, step: old.number, why: why))
                }
            }
            try db.execute(sql: "UPDATE steps SET state = 'voided' WHERE case_id = ? AND revision = ?",
                           arguments: [caseID, record.revision])
            try db.cachedStatement(sql: """
                UPDATE cases SET request = ?, decision = ?, outcome = ?, policy = ?, branch = ?, customer = ?,
                    contract_ref = ?, state = 'open', revision = ?, updated_at = ? WHERE id = ?
                """).execute(arguments: [try StoreJSON.encode(request), try StoreJSON.encode(decision), decision.outcome.rawValue,
                                 decision.policy, resolved.branch, request.customer.id, request.refs["contract"],
                                 revision, stamp, caseID])
            try AuditLog.append(db, at: now, actor: actor, event: "case.amended", caseID: caseID,
                                data: AmendedEvent(revision: revision, changed: changed, outcome: decision.outcome,
                                                   policy: decision.policy,
                                                   stages: decision.stageRoles.map { $0.map(\.rawValue) },
                                                   kept: kept, voided: voided, request: request))
            try advance(db, caseID: caseID, revision: revision, actor: actor)
            let state = try String.fetchOne(db.cachedStatement(sql: "SELECT state FROM cases WHERE id = ?"), arguments: [caseID])
                .flatMap(CaseState.init(rawValue:)) ?? .open
            return .amended(AmendResult(caseID: caseID, revision: revision, state: state, decision: decision,
                                        steps: try loadSteps(db, caseID: caseID, revision: revision),
                                        kept: kept, voided: voided))
        }
        switch outcome {
        case .amended(let result): return result
        case .blocked(let decision): throw .blocked(caseID: caseID, decision: decision)
        }
    }

    static func voidReason(signoff: SignoffRecord, old: StepRecord, newSteps: [StepRecord], changed: [String]) -> String {
        switch signoff.action {
        case .return: return "it returned the request for changes; the amendment answers it"
        case .reject: return "a rejection is not carried over"
        default: break
        }
        let same = newSteps.filter { $0.role == old.role && $0.action == old.action && $0.task == old.task }
        if same.isEmpty {
            return "the new route has no \(old.role.rawValue) \(old.action.rawValue)\(old.task.map { " \($0)" } ?? "") step"
        }
        if !changed.isEmpty {
            return "the request changed (\(changed.joined(separator: ", "))); the sign-off never saw the new terms"
        }
        let oldCodes = Set(old.reasons.map(\.code))
        let newCodes = Set(same.flatMap { $0.reasons.map(\.code) })
        if oldCodes != newCodes {
            let added = newCodes.subtracting(oldCodes).sorted(), removed = oldCodes.subtracting(newCodes).sorted()
            var parts: [String] = []
            if !added.isEmpty { parts.append("now also " + added.joined(separator: ", ")) }
            if !removed.isEmpty { parts.append("no longer " + removed.joined(separator: ", ")) }
            return "the step's reasons changed (\(parts.joined(separator: "; ")))"
        }
        return "the facts behind the step's reasons changed (a cited document or master data differs)"
    }
}

/// Audit data of an amendment.
struct AmendedEvent: Encodable {
    var revision: Int
    var changed: [String]
    var outcome: Outcome
    var policy: String
    var stages: [[String]]
    var kept: [AmendResult.Kept]
    var voided: [AmendResult.Voided]
    var request: Request
}
