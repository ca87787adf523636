import ApprovalStore
import Foundation
import SalesDomain
import Testing

/// A clock tests can move.
final class TestClock: @unchecked Sendable {
    private var current: Date
    private let lock = NSLock()
    init(_ start: Date) { current = start }
    var now: Date { lock.lock(); defer { lock.unlock() }; return current }
    func advance(hours: Double) { lock.lock(); current.addTimeInterval(hours * 3600); lock.unlock() }
}

@Suite("Delegation and overdue steps")
struct DelegationAndOverdueTests {
    func day(_ text: String) throws -> Day { try Day(parsing: text) }

    @Test("a substitute acts in the approver's name during the period, and the record says so")
    func delegation() throws {
        let store = try TestSupport.store()
        _ = try store.submit(try TestSupport.contract(), engine: try TestSupport.engine(), as: "li.na")
        try store.act(caseID: "CT-2026-0107", action: .approve, as: "zhao.min")

        // A delegation that starts tomorrow does not help today.
        try store.delegate(from: "huang.wei", to: "he.jun", starts: try day("2026-11-30"), ends: try day("2026-12-05"))
        #expect(try store.inbox(for: "he.jun").isEmpty)
        #expect {
            try store.act(caseID: "CT-2026-0107", action: .approve, as: "he.jun")
        } throws: { error in
            if case StoreError.notYourRole(user: "he.jun", role: .leadership, _, _) = error { true } else { false }
        }

        try store.delegate(from: "huang.wei", to: "he.jun", starts: try day("2026-11-29"), ends: try day("2026-11-29"))
        let inbox = try store.inbox(for: "he.jun")
        #expect(inbox.map(\.caseID) == ["CT-2026-0107"])
        #expect(inbox.first?.actingFor == "huang.wei")
        let result = try store.act(caseID: "CT-2026-0107", action: .approve, as: "he.jun", comment: "代黄总审批")
        #expect(result.actingFor == "huang.wei")
        let signoff = try store.show(caseID: "CT-2026-0107").signoffs.last
        #expect(signoff?.user == "he.jun")
        #expect(signoff?.actingFor == "huang.wei")
        #expect(try store.verifyAudit().ok)
    }

    @Test("a substitute never approves their own request")
    func substituteOwnRequest() throws {
        let store = try TestSupport.store()
        _ = try store.submit(try TestSupport.contract(), engine: try TestSupport.engine(), as: "li.na")
        try store.act(caseID: "CT-2026-0107", action: .approve, as: "zhao.min")
        try store.delegate(from: "huang.wei", to: "li.na", starts: try day("2026-11-29"), ends: try day("2026-11-30"))
        #expect(try store.inbox(for: "li.na").isEmpty)
        #expect {
            try store.act(caseID: "CT-2026-0107", action: .approve, as: "li.na")
        } throws: { error in
            if case StoreError.ownRequest(user: "li.na", caseID: "CT-2026-0107") = error { true } else { false }
        }
        #expect {
            try store.delegate(from: "li.na", to: "li.na", starts: try day("2026-11-29"), ends: try day("2026-11-30"))
        } throws: { error in
            if case StoreError.invalidDelegation = error { true } else { false }
        }
    }

    @Test("the contract filing is due the same day; tick escalates it to the sales manager once")
    func overdueFiling() throws {
        let clock = TestClock(TestSupport.noon)
        let store = try Store(path: try TestSupport.databasePath(), timeZone: TestSupport.shanghai, clock: { clock.now })
        try store.importMasterData(file: TestSupport.sampleContext, actor: "admin")
        _ = try store.submit(try TestSupport.contract(price: "61200.00"), engine: try TestSupport.engine(), as: "li.na")
        try store.act(caseID: "CT-2026-0107", action: .approve, as: "zhao.min")
        try store.act(caseID: "CT-2026-0107", action: .sign, as: "wu.fang")
        #expect(try store.overdue().isEmpty)
        #expect(try store.tick().isEmpty)

        clock.advance(hours: 14)   // past midnight in Shanghai
        let overdue = try store.overdue()
        #expect(overdue.map(\.step.task) == ["file_contract"])
        #expect(overdue.first?.onOverdue == .escalate(to: .salesManager))

        let handled = try store.tick()
        #expect(handled.count == 1)
        #expect(try store.tick().isEmpty)   // idempotent
        #expect(try store.escalations(for: "zhao.min").map(\.caseID) == ["CT-2026-0107"])
        #expect(try store.escalations(for: "huang.wei").isEmpty)
        #expect(try store.show(caseID: "CT-2026-0107").timeline.contains { $0.event == "step.overdue.escalate" })

        // Filing it late still completes the case; it is no longer overdue.
        try store.act(caseID: "CT-2026-0107", step: "file_contract", action: .perform, as: "wu.fang")
        #expect(try store.overdue().isEmpty)
        #expect(try store.verifyAudit().ok)
    }
}
