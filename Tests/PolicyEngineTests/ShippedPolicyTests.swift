import Foundation
import Testing
@testable import PolicyEngine
import SalesDomain

/// Every dry-run case shipped in rules/tests, each as its own test, through the real engine.
struct ShippedPolicyTests {
    static let cases: [PolicyTestCase] = {
        do {
            var contexts: [String: PolicyContext] = [:]
            var cases: [PolicyTestCase] = []
            for file in try PolicyTestRun.caseFiles(in: Fixtures.caseDirectory) {
                cases += try PolicyTestCase.load(file: file, contexts: &contexts)
            }
            return cases
        } catch {
            fatalError("rules/tests cannot be read: \(error)")
        }
    }()

    @Test func thereAreCasesForEveryKind() {
        let kinds = Set(Self.cases.map(\.request.kind))
        #expect(kinds == Set(RequestKind.allCases))
        #expect(Self.cases.count >= 70)
    }

    @Test(arguments: cases.map { CaseName(testCase: $0) })
    func shippedCase(_ name: CaseName) throws {
        let engine = try PolicyEngine(rules: Fixtures.shipped)
        let testCase = name.testCase
        let decision = try engine.decide(testCase.request, context: testCase.context)
        let problems = testCase.expectation.mismatches(in: decision)
        #expect(problems.isEmpty, "\(testCase.location): \(problems.joined(separator: "; "))")
        #expect(decision.outcome != .manualReview || testCase.expectation.outcome == .manualReview,
                "the shipped policy failed: \(decision.error ?? "")")
    }

    /// Every reason a shipped case produces has a written text in both languages.
    @Test func everyCodeHasBothTexts() throws {
        let engine = try PolicyEngine(rules: Fixtures.shipped)
        var codes = Set<String>()
        for testCase in Self.cases {
            let d = try engine.decide(testCase.request, context: testCase.context)
            codes.formUnion(d.route.flatMap { $0.steps.flatMap { $0.reasons.map(\.code) } })
            codes.formUnion(d.escalations.map(\.code) + d.deviations.map(\.code) + d.blocks.map(\.code))
        }
        #expect(codes.count > 40)
        for code in codes.sorted() {
            #expect(engine.messages.templates[code]?[.zh] != nil, "no Chinese text for \(code)")
            #expect(engine.messages.templates[code]?[.en] != nil, "no English text for \(code)")
        }
    }
}

/// Names a parameterized case by its case name in test output.
struct CaseName: CustomTestStringConvertible, Sendable {
    let testCase: PolicyTestCase
    var testDescription: String { testCase.name }
}
