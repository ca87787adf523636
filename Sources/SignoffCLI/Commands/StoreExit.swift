import ApprovalStore
import ArgumentParser
import SalesDomain

/// Exit codes of the store commands, so scripts can tell a refusal from a broken database.
///
/// 0 done · 3 blocked by a hard stop · 5 refused by a store rule (role, branch, own request, twice,
/// closed case, …) · 6 the audit chain is broken · 64 bad command line · 65 invalid input ·
/// 66 unknown case or user · 74 the database file is unusable · 75 locked, try again ·
/// 78 the rules cannot be loaded.
enum StoreExit {
    static let refused = ExitCode(5)
    static let auditBroken = ExitCode(6)
    static let notFound = ExitCode(66)
    static let database = ExitCode(74)
    static let busy = ExitCode(75)

    static func code(for error: StoreError) -> ExitCode {
        switch error {
        case .notADatabase, .corrupt, .readOnly, .cannotOpen, .newerSchema, .damagedRow: database
        case .locked: busy
        case .input: SignoffExit.invalidInput
        case .policy(let policy):
            if case .input = policy { SignoffExit.invalidInput } else { SignoffExit.badRules }
        case .blocked: SignoffExit.blocked
        case .unknownUser, .unknownCase: notFound
        case .duplicateID, .referenceNotApproved, .caseClosed, .caseReturned, .noSuchStep, .ambiguousStep,
             .nothingToAct, .stepNotOpen, .stepAlreadyDone, .alreadyActed, .submitterMismatch, .wrongAction,
             .notYourRole, .notAssignedUser, .wrongBranch, .ownRequest, .notSubmitter, .kindChanged,
             .invalidDelegation:
            refused
        }
    }

    /// Like `report(_:)`, and for a request blocked by a hard stop (submit, amend) prints the
    /// decision with its reasons first.
    static func report(_ error: StoreError, output: OutputOptions) throws -> ExitCode {
        if case .blocked(_, let decision) = error {
            let view = DecisionView(decision: decision, language: output.language, explain: false)
            Console.out(output.format == .json ? try view.json() : view.table())
        }
        return report(error)
    }

    /// Prints the error and returns the exit code to throw.
    static func report(_ error: StoreError) -> ExitCode {
        Console.error(error.description)
        return code(for: error)
    }
}
