import SalesDomain

/// The store's own rules on who may act on a step, whatever the policy says: the step's role (a
/// clerk records the customer's signature), its assignee, its branch; and nobody judges their own
/// request. Returns the refusal, or nil when `user` may take `action` on `step`.
enum Eligibility {
    /// Roles that may record a customer's signature.
    static let recordsCustomerSignature: [Role] = [.customer, .salesClerk, .branchClerk]

    static func refusal(user: User, action: SignoffAction, step: StepRecord, of record: CaseRecord) -> StoreError? {
        if let assignee = step.assignee, assignee != user.id {
            return .notAssignedUser(user: user.id, assignee: assignee, caseID: record.id, step: step.number)
        }
        let holdsRole = step.role == .customer && step.action == .sign
            ? recordsCustomerSignature.contains(where: user.has)
            : user.has(step.role)
        if !holdsRole {
            return .notYourRole(user: user.id, role: step.role, caseID: record.id, step: step.number)
        }
        if step.scope == .branch, user.branch != record.branch {
            return .wrongBranch(user: user.id, userBranch: user.branch, caseBranch: record.branch,
                                caseID: record.id, step: step.number)
        }
        // Nobody judges their own request; tasks (checking the goods of their own return,
        // sending their own quote) are theirs to perform.
        if action.isJudgment, user.id == record.submitter {
            return .ownRequest(user: user.id, caseID: record.id)
        }
        return nil
    }

    /// The action a user takes on a step by default (for the inbox): approve for approve/review
    /// steps, perform for tasks and filing, sign for signatures.
    static func defaultAction(for step: StepAction) -> SignoffAction {
        switch step {
        case .approve, .review: .approve
        case .perform, .file: .perform
        case .sign: .sign
        }
    }
}
