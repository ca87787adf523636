import Testing
@testable import PolicyEngine
import SalesDomain
import Workload

/// The benchmark workload is realistic: every request resolves and the shipped policy decides it
/// without failing; contracts deviate about 30 % of the time; the same seed gives the same requests.
struct WorkloadTests {
    @Test func everyGeneratedRequestIsDecided() throws {
        var generator = RequestGenerator(seed: 7, master: Fixtures.context)
        let engine = try PolicyEngine(rules: Fixtures.shipped)
        var outcomes: [Outcome: Int] = [:]
        var deviating = 0
        for kind in RequestKind.allCases {
            for _ in 0..<40 {
                let request = generator.request(kind)
                #expect(request.kind == kind)
                let decision = try engine.decide(request, context: generator.context)
                #expect(decision.outcome != .manualReview, "\(kind): \(decision.error ?? "")")
                outcomes[decision.outcome, default: 0] += 1
                if kind == .contract, !decision.deviations.isEmpty { deviating += 1 }
                #expect(request.document.lines.count <= 20)
            }
        }
        #expect((6...22).contains(deviating), "deviating contracts: \(deviating) of 40")
        #expect(outcomes[.route, default: 0] > 300)
    }

    @Test func theSameSeedGivesTheSameRequests() {
        var a = RequestGenerator(seed: 42, master: Fixtures.context)
        var b = RequestGenerator(seed: 42, master: Fixtures.context)
        var c = RequestGenerator(seed: 43, master: Fixtures.context)
        let first = (0..<50).map { _ in a.anyRequest() }
        #expect(first == (0..<50).map { _ in b.anyRequest() })
        #expect(first != (0..<50).map { _ in c.anyRequest() })
        #expect(first.contains { $0.document.lines.count >= 10 })
    }
}
