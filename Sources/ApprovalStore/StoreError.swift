import PolicyEngine
import SalesDomain

/// Why the store refused or could not do something. Every refusal leaves the database as it was
/// (the transaction is rolled back); the description says what happened and, where it helps, what
/// to do instead.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    // MARK: The database file
    /// The file exists but is not an SQLite database.
    case notADatabase(path: String)
    /// The file looks like a database but is shorter than its header says, or pages are damaged.
    case corrupt(path: String, detail: String)
    /// The file (or its directory, which holds the WAL) cannot be written.
    case readOnly(path: String)
    /// Another process holds a lock for longer than the busy timeout.
    case locked(path: String)
    /// Any other failure to open or use the file.
    case cannotOpen(path: String, detail: String)
    /// The schema was written by a newer version of signoff.
    case newerSchema(path: String, migration: String)

    // MARK: Input and policy
    /// A request or master-data file is invalid (file, line, field path, what was expected).
    case input(InputError)
    /// The rules cannot be used, or the request cannot be resolved by the engine.
    case policy(PolicyError)
    /// The request hit a hard stop; nothing was stored but an audit event.
    case blocked(caseID: String, decision: Decision)
    /// An id already names a case or a stored document.
    case duplicateID(String)
    /// A reference names a case that is not approved yet (only approved cases are documents).
    case referenceNotApproved(name: String, id: String, state: CaseState)

    // MARK: Who and what
    case unknownUser(String)
    case unknownCase(String)
    /// The case is approved, rejected or cancelled.
    case caseClosed(caseID: String, state: CaseState)
    /// The case was returned to its submitter: only `amend` may act on it now.
    case caseReturned(caseID: String)
    /// No step of the case matches the selector (number, task, role).
    case noSuchStep(caseID: String, selector: String)
    /// The selector matches several open steps the user could take.
    case ambiguousStep(caseID: String, candidates: [Int])
    /// The user has no open step of this case that the action applies to.
    case nothingToAct(caseID: String, user: String, action: SignoffAction)
    /// The step's stage has not opened yet, or the step was voided by an amendment.
    case stepNotOpen(caseID: String, step: Int, state: StepState)
    /// The step is already done by someone else.
    case stepAlreadyDone(caseID: String, step: Int, by: String)
    /// One action per user per step: this user already acted on it.
    case alreadyActed(user: String, caseID: String, step: Int, action: SignoffAction)
    /// The request names another submitter than the acting user.
    case submitterMismatch(actor: String, submittedBy: String)
    /// The action does not fit the step (approving a task step, performing an approval, …).
    case wrongAction(caseID: String, step: Int, stepAction: StepAction, action: SignoffAction)
    /// The user does not hold the step's role.
    case notYourRole(user: String, role: Role, caseID: String, step: Int)
    /// The step is for a specific user.
    case notAssignedUser(user: String, assignee: String, caseID: String, step: Int)
    /// The step is scoped to the request's branch and the user belongs elsewhere.
    case wrongBranch(user: String, userBranch: String?, caseBranch: String?, caseID: String, step: Int)
    /// Nobody approves, rejects or returns their own request.
    case ownRequest(user: String, caseID: String)
    /// Only the submitter amends a request.
    case notSubmitter(user: String, submitter: String, caseID: String)
    /// An amendment must keep the request's kind.
    case kindChanged(caseID: String, from: RequestKind, to: RequestKind)
    /// A delegation that makes no sense (to oneself, a period ending before it starts).
    case invalidDelegation(String)
    /// A stored row cannot be read back (the database was edited by hand or is damaged).
    case damagedRow(table: String, id: String, detail: String)

    public var description: String {
        switch self {
        case .notADatabase(let path):
            "\(path): not a signoff database (not an SQLite file); nothing was changed. Give another --db path."
        case .corrupt(let path, let detail):
            "\(path): the database is damaged (\(detail)); nothing was changed. Restore it from a backup."
        case .readOnly(let path):
            "\(path): the database (or its folder, which holds the write-ahead log) is read-only; nothing was changed."
        case .locked(let path):
            "\(path): the database is locked by another process; nothing was changed. Try again."
        case .cannotOpen(let path, let detail):
            "\(path): cannot open the database: \(detail)"
        case .newerSchema(let path, let migration):
            "\(path): the database was written by a newer signoff (unknown migration \"\(migration)\"); upgrade signoff."
        case .input(let error):
            "\(error)"
        case .policy(let error):
            "\(error)"
        case .blocked(let caseID, let decision):
            "\(caseID): refused by a hard stop: "
                + decision.blocks.map { "\($0.code) (\($0.text))" }.joined(separator: "; ")
                + "; nothing was stored but an audit event."
        case .duplicateID(let id):
            "\"\(id)\" already names a case or a stored document; give the request another id."
        case .referenceNotApproved(let name, let id, let state):
            "refs.\(name): case \"\(id)\" is \(state.rawValue); only an approved case can be referenced."
        case .unknownUser(let id):
            "no user \"\(id)\" in the store (import the org with `signoff data import`)."
        case .unknownCase(let id):
            "no case \"\(id)\"."
        case .caseClosed(let caseID, let state):
            "\(caseID) is \(state.rawValue); nothing acts on a closed case."
        case .caseReturned(let caseID):
            "\(caseID) was returned to its submitter for changes; it moves again after `amend`."
        case .noSuchStep(let caseID, let selector):
            "\(caseID) has no step \"\(selector)\" (give the step number from `show`, or its task)."
        case .ambiguousStep(let caseID, let candidates):
            "\(caseID): you may act on several steps (\(candidates.map(String.init).joined(separator: ", "))); say which with --step."
        case .nothingToAct(let caseID, let user, let action):
            "\(caseID): no open step that \(user) may \(action.rawValue)."
        case .stepNotOpen(let caseID, let step, let state):
            switch state {
            case .waiting: "\(caseID) step \(step): its stage has not opened yet (earlier stages come first)."
            case .voided: "\(caseID) step \(step) was voided by an amendment."
            default: "\(caseID) step \(step) is \(state.rawValue)."
            }
        case .stepAlreadyDone(let caseID, let step, let by):
            "\(caseID) step \(step) is already done (by \(by)); one sign-off per step."
        case .alreadyActed(let user, let caseID, let step, let action):
            "\(user) already acted on \(caseID) step \(step) (\(action.rawValue)); one action per user per step."
        case .submitterMismatch(let actor, let submittedBy):
            "the request says it is submitted by \(submittedBy), but you act as \(actor); submit your own requests."
        case .wrongAction(let caseID, let step, let stepAction, let action):
            "\(caseID) step \(step) asks to \(stepAction.rawValue), not to \(action.rawValue)."
        case .notYourRole(let user, let role, let caseID, let step):
            "\(user) does not hold the role \(role.rawValue) (\(role.zhName)) that \(caseID) step \(step) needs."
        case .notAssignedUser(let user, let assignee, let caseID, let step):
            "\(caseID) step \(step) is assigned to \(assignee), not \(user)."
        case .wrongBranch(let user, let userBranch, let caseBranch, let caseID, let step):
            "\(caseID) step \(step) is for the \(caseBranch ?? "head office") branch; \(user) belongs to \(userBranch ?? "head office")."
        case .ownRequest(let user, let caseID):
            "\(user) submitted \(caseID); nobody approves, rejects or returns their own request."
        case .notSubmitter(let user, let submitter, let caseID):
            "only the submitter (\(submitter)) amends \(caseID), not \(user)."
        case .kindChanged(let caseID, let from, let to):
            "\(caseID) is \(from.withArticle); an amendment cannot turn it into \(to.withArticle) (submit a new request)."
        case .invalidDelegation(let why):
            "cannot delegate: \(why)."
        case .damagedRow(let table, let id, let detail):
            "the stored \(table) row \(id) cannot be read: \(detail)"
        }
    }
}
