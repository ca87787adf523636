import ApprovalStore
import Foundation
import PolicyEngine
import SalesDomain
import Testing

/// Submit and act keep the steps they read in memory instead of reading them again; what they
/// return and leave behind must be exactly what reading the database gives.
@Suite("Steps kept in memory")
struct StepsInMemoryTests {
    @Test("every dry-run request on the sample data: the submitted steps are the stored steps, all along the route")
    func submittedStepsAreStored() throws {
        let store = try TestSupport.store()
        let engine = try TestSupport.engine()
        var submitted = 0
        for (testCase, _) in StoreJSONEquivalenceTests.cases where testCase.location.contains("rules/tests") {
            var request = testCase.request
            request.id = nil
            guard let result = try? store.submit(request, engine: engine, as: request.submittedBy) else { continue }
            submitted += 1
            #expect(result.steps == (try store.show(caseID: result.caseID).steps), "\(testCase.name)")
            // Each action's advance works on its copy: the stored steps still match what a fresh read shows,
            // and the next step opens exactly as before.
            for _ in 0..<3 {
                let detail = try store.show(caseID: result.caseID)
                guard detail.record.state == .open, let step = detail.steps.first(where: { $0.state == .pending }) else { break }
                let user = step.assignee ?? TestSupport.actor[step.role] ?? "zhao.min"
                let action: SignoffAction = step.action == .perform || step.action == .file ? .perform
                    : step.action == .sign ? .sign : .approve
                guard let acted = try? store.act(caseID: result.caseID, step: String(step.number), action: action, as: user)
                else { break }
                let after = try store.show(caseID: result.caseID)
                #expect(after.steps.first { $0.id == acted.step.id } == acted.step, "\(testCase.name)")
                #expect(acted.openStage == after.steps.filter { $0.state != .done }.map(\.stageIndex).min(), "\(testCase.name)")
            }
        }
        #expect(submitted >= 30)
        #expect(try store.verifyAudit().ok)
    }
}
