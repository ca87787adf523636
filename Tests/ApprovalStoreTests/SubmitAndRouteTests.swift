import ApprovalStore
import Foundation
import PolicyEngine
import SalesDomain
import Testing

@Suite("Submitting and moving a case along its route")
struct SubmitAndRouteTests {
    @Test("a contract deviating from its quote routes sales manager → leadership → customer → clerk")
    func deviatingContract() throws {
        let store = try TestSupport.store()
        let result = try store.submit(try TestSupport.contract(), engine: try TestSupport.engine(), as: "li.na")
        #expect(result.caseID == "CT-2026-0107")
        #expect(result.state == .open)
        #expect(result.decision.stageRoles == [[.salesManager], [.leadership], [.customer], [.salesClerk]])
        #expect(result.decision.deviations.map(\.field).contains("lines[SP-16].unit_price"))
        #expect(result.steps.map(\.state) == [.pending, .waiting, .waiting, .waiting])
        #expect(result.decision.policy.hasPrefix("sha256:"))

        // The sales manager sees it; leadership does not yet.
        let managerInbox = try store.inbox(for: "zhao.min")
        #expect(managerInbox.map(\.caseID) == ["CT-2026-0107"])
        #expect(managerInbox.first?.step.role == .salesManager)
        #expect(try store.inbox(for: "huang.wei").isEmpty)
        #expect(try store.inbox(for: "li.na").isEmpty)

        let approved = try store.act(caseID: "CT-2026-0107", action: .approve, as: "zhao.min", comment: "同意")
        #expect(approved.openStageName == "leadership")
        #expect(try store.inbox(for: "zhao.min").isEmpty)
        #expect(try store.inbox(for: "huang.wei").map(\.caseID) == ["CT-2026-0107"])

        try store.act(caseID: "CT-2026-0107", action: .approve, as: "huang.wei")
        // The clerk records the customer's signature, then files the contract the same day.
        let clerkInbox = try store.inbox(for: "wu.fang")
        #expect(clerkInbox.map(\.action) == [.sign])
        try store.act(caseID: "CT-2026-0107", step: "3", action: .sign, as: "wu.fang")
        let filing = try store.inbox(for: "wu.fang")
        #expect(filing.first?.step.task == "file_contract")
        #expect(filing.first?.step.dueAt == "2026-11-29T15:59:59Z")   // end of the day in Shanghai
        let done = try store.act(caseID: "CT-2026-0107", step: "file_contract", action: .perform, as: "wu.fang")
        #expect(done.caseState == .approved)

        let detail = try store.show(caseID: "CT-2026-0107")
        #expect(detail.record.state == .approved)
        #expect(detail.steps.allSatisfy { $0.state == .done })
        #expect(detail.signoffs.map(\.user) == ["zhao.min", "huang.wei", "wu.fang", "wu.fang"])
        #expect(detail.timeline.first?.event == "case.submitted")
        #expect(detail.timeline.last?.event == "case.approved")
        #expect(try store.verifyAudit().ok)
    }

    @Test("an approved contract is a document: a shipment against it sees what was shipped before")
    func approvedContractIsReferenced() throws {
        let store = try TestSupport.store()
        let engine = try TestSupport.engine()
        _ = try store.submit(try TestSupport.contract(), engine: engine, as: "li.na")
        let early = try TestSupport.request("""
        kind: shipment
        submitted_by: zhou.li
        customer: K-0042
        refs: { contract: CT-2026-0107 }
        document: { lines: [{ sku: SP-16, quantity: 3 }] }
        """)
        #expect {
            try store.submit(early, engine: engine, as: "zhou.li")
        } throws: { error in
            guard case StoreError.referenceNotApproved(name: "contract", id: "CT-2026-0107", state: .open) = error else { return false }
            return true
        }
        try TestSupport.completeRoute(store, "CT-2026-0107")
        let first = try store.submit(early, engine: engine, as: "zhou.li")
        #expect(first.decision.stageRoles.first == [.branchManager])
        #expect(first.steps.first?.scope == .branch)
        // Branch scope: the east branch manager sees it, the north one does not.
        #expect(try store.inbox(for: "sun.hao").map(\.caseID) == [first.caseID])
        #expect(try store.inbox(for: "liu.yang").isEmpty)
        try TestSupport.completeRoute(store, first.caseID)
        #expect(try store.show(caseID: first.caseID).record.state == .approved)

        let context = try store.context(for: early)
        #expect(context.document("CT-2026-0107")?.progress?.shipped["SP-16"] == 3)
        let tooMany = try TestSupport.request("""
        kind: shipment
        submitted_by: zhou.li
        customer: K-0042
        refs: { contract: CT-2026-0107 }
        document: { lines: [{ sku: SP-16, quantity: 3 }] }
        """)
        #expect {
            try store.submit(tooMany, engine: engine, as: "zhou.li")
        } throws: { error in
            guard case StoreError.blocked(_, let decision) = error else { return false }
            return decision.blocks.map(\.code) == ["shipment.beyond_unshipped"]
        }
    }

    @Test("history filters by kind, customer, state and date")
    func history() throws {
        let store = try TestSupport.store()
        let engine = try TestSupport.engine()
        _ = try store.submit(try TestSupport.contract(), engine: engine, as: "li.na")
        let service = try store.submit(try TestSupport.request("""
        kind: service
        submitted_by: li.na
        customer: K-0107
        document: { product: SP-16, description: 喷雾机压力不稳, requested_on: 2026-11-28 }
        """), engine: engine, as: "li.na")
        #expect(service.caseID == "SV-2026-0001")
        #expect(try store.history().count == 2)
        #expect(try store.history(HistoryFilter(kind: .contract)).map(\.id) == ["CT-2026-0107"])
        #expect(try store.history(HistoryFilter(customer: "K-0107")).map(\.id) == ["SV-2026-0001"])
        #expect(try store.history(HistoryFilter(state: .approved)).isEmpty)
        #expect(try store.history(HistoryFilter(since: "2026-11-30")).isEmpty)
        #expect(try store.history(HistoryFilter(since: "2026-11-29")).count == 2)
    }
}
