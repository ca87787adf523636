import GRDB
import PolicyEngine
import SalesDomain

extension Store {
    /// Submits `request` as user `actor` (who must be its `submitted_by`): resolves its references
    /// and master data from the store, asks the policy, and — unless a hard stop blocks it —
    /// stores the case, its decision, the policy hash and the context it was decided in, keeps the
    /// policy version (its files) if new, and opens the first stage, all in one transaction. Once
    /// the store has an approved active policy, `engine` must run exactly that version. A request without an id gets one (`CT-2026-0001`).
    ///
    /// - Throws: `.blocked` with the decision when a hard stop rejects it (only an audit event is
    ///   stored); `.input`/`.policy` for unresolvable requests; `.duplicateID`, `.unknownUser`,
    ///   `.submitterMismatch`, `.referenceNotApproved`; `.policy(.rules)` when `engine` is not the
    ///   store's active policy.
    public func submit(_ request: Request, engine: PolicyEngine, language: Language = .zh,
                       as actor: String) throws(StoreError) -> SubmitResult {
        enum Outcome { case stored(SubmitResult), blocked(String, Decision) }
        let outcome: Outcome = try write { db in
            guard try loadUser(db, actor) != nil else { throw StoreError.unknownUser(actor) }
            guard request.submittedBy == actor else {
                throw StoreError.submitterMismatch(actor: actor, submittedBy: request.submittedBy)
            }
            try requireActive(db, engine.rules)
            var request = request
            if let id = request.id {
                if try CaseIDs.isTaken(db, id) { throw StoreError.duplicateID(id) }
            } else {
                request.id = try CaseIDs.next(db, kind: request.kind, year: today?.year ?? 2000)
            }
            let caseID = request.id ?? ""
            let context = try requestContext(db, for: request)
            let resolved: ResolvedRequest
            resolved = try context.resolve(request)
            let decision = try engine.decide(resolved, language: language)
            if decision.outcome == .blocked {
                try AuditLog.append(db, at: now, actor: actor, event: "case.blocked", caseID: caseID,
                                    data: BlockedEvent(kind: request.kind, customer: request.customer.id,
                                                       blocks: decision.blocks.map(\.code), policy: decision.policy,
                                                       request: request))
                return .blocked(caseID, decision)
            }
            let stamp = Timestamp.text(now)
            let requestJSON = try StoreJSON.encode(request)
            try db.cachedStatement(sql: """
                INSERT INTO cases (id, kind, submitter, branch, customer, contract_ref, request, decision, outcome, policy,
                                   state, stage_index, revision, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', 0, 1, ?, ?)
                """).execute(arguments: [caseID, request.kind.rawValue, actor, resolved.branch, request.customer.id,
                                 request.refs["contract"], requestJSON, try StoreJSON.encode(decision),
                                 decision.outcome.rawValue, decision.policy, stamp, stamp])
            try recordVersion(db, engine.rules, actor: actor, decidedCase: caseID)
            try saveContext(db, caseID: caseID, revision: 1, policy: decision.policy, context: context, resolved: resolved,
                            whole: { try self.wholeContext(db, as: context) })
            var steps = try insertSteps(db, caseID: caseID, revision: 1, decision: decision, request: request,
                                        cited: Self.cited(request, in: context))
            let submitted = SubmittedEvent(kind: request.kind, customer: request.customer.id, outcome: decision.outcome,
                                           policy: decision.policy, stages: decision.stageRoles.map { $0.map(\.rawValue) },
                                           request: request)
            try AuditLog.append(db, at: now, actor: actor, event: "case.submitted", caseID: caseID,
                                json: try submitted.json(requestJSON: requestJSON))
            try advance(db, caseID: caseID, actor: actor, steps: &steps)
            let state = try String.fetchOne(db.cachedStatement(sql: "SELECT state FROM cases WHERE id = ?"), arguments: [caseID])
                .flatMap(CaseState.init(rawValue:)) ?? .open
            return .stored(SubmitResult(caseID: caseID, state: state, decision: decision,
                                        steps: steps))
        }
        switch outcome {
        case .stored(let result): return result
        case .blocked(let caseID, let decision): throw .blocked(caseID: caseID, decision: decision)
        }
    }
}

/// Audit data of a submission.
struct SubmittedEvent: Encodable {
    var kind: RequestKind
    var customer: String
    var outcome: Outcome
    var policy: String
    var stages: [[String]]
    var request: Request
}

extension SubmittedEvent {
    /// The event's `StoreJSON` text, given `request`'s (already written to the case row): the
    /// same text as `StoreJSON.encode(self)` without encoding the request a second time.
    func json(requestJSON: String) throws -> String {
        try StoreJSON.object([
            (key: "kind", json: try StoreJSON.encode(kind)), (key: "customer", json: try StoreJSON.encode(customer)),
            (key: "outcome", json: try StoreJSON.encode(outcome)), (key: "policy", json: try StoreJSON.encode(policy)),
            (key: "stages", json: try StoreJSON.encode(stages)), (key: "request", json: requestJSON),
        ])
    }
}

/// Audit data of a request refused by a hard stop.
struct BlockedEvent: Encodable {
    var kind: RequestKind
    var customer: String
    var blocks: [String]
    var policy: String
    var request: Request
}
