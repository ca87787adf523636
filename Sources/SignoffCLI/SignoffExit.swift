import ArgumentParser
import SalesDomain

/// The documented exit codes, so scripts can tell outcomes apart without parsing output.
enum SignoffExit {
    static let routed = ExitCode(0)
    /// Some test case failed (`signoff test`).
    static let testsFailed = ExitCode(1)
    static let blocked = ExitCode(3)
    static let manualReview = ExitCode(4)
    /// The request, context or case file is invalid (sysexits EX_DATAERR).
    static let invalidInput = ExitCode(65)
    /// The rules directory cannot be loaded (sysexits EX_CONFIG).
    static let badRules = ExitCode(78)

    static func forOutcome(_ outcome: Outcome) -> ExitCode {
        switch outcome {
        case .route: routed
        case .blocked: blocked
        case .manualReview: manualReview
        }
    }
}
