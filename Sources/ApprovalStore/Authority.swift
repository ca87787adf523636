import SalesDomain

/// On whose authority a user may take an action on a step: their own, or that of someone who
/// delegated to them for today. The substitute never judges a request they submitted.
enum Authority {
    /// nil → own right; a user id → acting for that user. Throws the user's own refusal when no
    /// delegation helps either.
    static func check(user: User, delegators: [User], action: SignoffAction, step: StepRecord,
                      of record: CaseRecord) throws(StoreError) -> String? {
        guard let refusal = Eligibility.refusal(user: user, action: action, step: step, of: record) else { return nil }
        if action.isJudgment, user.id == record.submitter { throw .ownRequest(user: user.id, caseID: record.id) }
        for delegator in delegators
        where Eligibility.refusal(user: delegator, action: action, step: step, of: record) == nil {
            return delegator.id
        }
        throw refusal
    }

    static func allows(user: User, delegators: [User], action: SignoffAction, step: StepRecord, of record: CaseRecord) -> Bool {
        do {
            _ = try check(user: user, delegators: delegators, action: action, step: step, of: record)
            return true
        } catch {
            return false
        }
    }
}
