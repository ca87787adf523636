import ApprovalStore
import Foundation
import Testing

/// Two writers (separate connection pools on one file, as two processes would have) approving
/// the same step at the same moment: exactly one succeeds, the other gets a clear refusal.
@Suite("Concurrency")
struct ConcurrencyTests {
    @Test("two pools approving the same step at once: exactly one succeeds", arguments: 0..<5)
    func sameStep(round: Int) throws {
        let path = try TestSupport.databasePath()
        let setup = try TestSupport.store(path: path)
        // A shipment-free route whose first step two different users may take: the customer's
        // signature (any clerk records it) after the sales manager's approval of a plain contract.
        _ = try setup.submit(try TestSupport.contract(price: "61200.00"), engine: try TestSupport.engine(), as: "li.na")
        try setup.act(caseID: "CT-2026-0107", action: .approve, as: "zhao.min")

        let first = try Store(path: path, timeZone: TestSupport.shanghai, clock: { TestSupport.noon })
        let second = try Store(path: path, timeZone: TestSupport.shanghai, clock: { TestSupport.noon })
        let outcomes = Outcomes()
        let group = DispatchGroup()
        let start = DispatchSemaphore(value: 0)
        for (store, user) in [(first, "wu.fang"), (second, "zhou.li")] {
            group.enter()
            DispatchQueue.global().async {
                start.wait()
                do {
                    try store.act(caseID: "CT-2026-0107", step: "2", action: .sign, as: user)
                    outcomes.add(.success(user))
                } catch let error as StoreError {
                    outcomes.add(.failure(error))
                } catch {
                    outcomes.add(.failure(.cannotOpen(path: path, detail: "\(error)")))
                }
                group.leave()
            }
        }
        start.signal()
        start.signal()
        group.wait()

        let all = outcomes.all
        let winners = all.compactMap { if case .success(let user) = $0 { user } else { nil } }
        #expect(winners.count == 1)
        let refusals = all.compactMap { if case .failure(let error) = $0 { error } else { nil } }
        #expect(refusals.count == 1)
        if case .stepAlreadyDone(caseID: "CT-2026-0107", step: 2, let by)? = refusals.first {
            #expect(by == winners.first)
        } else {
            Issue.record("expected stepAlreadyDone, got \(String(describing: refusals.first))")
        }
        let detail = try setup.show(caseID: "CT-2026-0107")
        #expect(detail.signoffs.filter { !$0.voided && $0.step == 2 }.count == 1)
        #expect(try setup.verifyAudit().ok)
    }
}

enum ActOutcome: Sendable {
    case success(String)
    case failure(StoreError)
}

/// A thread-safe list of outcomes.
final class Outcomes: @unchecked Sendable {
    private var items: [ActOutcome] = []
    private let lock = NSLock()
    func add(_ outcome: ActOutcome) { lock.lock(); items.append(outcome); lock.unlock() }
    var all: [ActOutcome] { lock.lock(); defer { lock.unlock() }; return items }
}
