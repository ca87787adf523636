import ApprovalStore
import Foundation
import SalesDomain
import Testing

/// Amending keeps exactly the sign-offs whose coverage (step, reasons, facts, document) is
/// unchanged and voids the others, saying why.
@Suite("Amend")
struct AmendTests {
    @Test("a returned request amended with other terms voids every sign-off that saw the old terms")
    func changedTermsVoid() throws {
        let store = try TestSupport.store()
        let engine = try TestSupport.engine()
        _ = try store.submit(try TestSupport.contract(), engine: engine, as: "li.na")
        try store.act(caseID: "CT-2026-0107", action: .approve, as: "zhao.min")
        try store.act(caseID: "CT-2026-0107", action: .return, as: "huang.wei", comment: "降价超过 5%，请重新谈")

        // Price back within 5% of the quote: no leadership any more.
        let result = try store.amend(caseID: "CT-2026-0107", with: try TestSupport.contract(price: "59000.00"),
                                     engine: engine, as: "li.na")
        #expect(result.revision == 2)
        #expect(result.state == .open)
        #expect(result.kept.isEmpty)
        #expect(result.voided.count == 2)
        let approval = result.voided.first { $0.user == "zhao.min" }
        #expect(approval?.why.contains("document.lines") == true)
        #expect(result.voided.first { $0.user == "huang.wei" }?.action == .return)
        #expect(result.decision.stageRoles == [[.salesManager], [.customer], [.salesClerk]])
        #expect(try store.inbox(for: "zhao.min").map(\.caseID) == ["CT-2026-0107"])

        let detail = try store.show(caseID: "CT-2026-0107")
        #expect(detail.signoffs.allSatisfy { $0.voided })
        #expect(detail.steps.map(\.state) == [.pending, .waiting, .waiting])
        // The sales manager may approve the new terms (a new step, so not "twice").
        try store.act(caseID: "CT-2026-0107", action: .approve, as: "zhao.min")
        #expect(try store.verifyAudit().ok)
    }

    @Test("an amendment that leaves what a sign-off covered unchanged keeps it")
    func unchangedKeeps() throws {
        let store = try TestSupport.store()
        let engine = try TestSupport.engine()
        _ = try store.submit(try TestSupport.contract(), engine: engine, as: "li.na")
        try store.act(caseID: "CT-2026-0107", action: .approve, as: "zhao.min")
        try store.act(caseID: "CT-2026-0107", action: .return, as: "huang.wei", comment: "请补充说明")

        // Resubmitted as it was: the sales manager's approval still covers exactly this.
        let result = try store.amend(caseID: "CT-2026-0107", with: try TestSupport.contract(), engine: engine, as: "li.na")
        #expect(result.kept.map(\.user) == ["zhao.min"])
        #expect(result.kept.first?.fromStep == 1 && result.kept.first?.toStep == 1)
        #expect(result.voided.map(\.user) == ["huang.wei"])
        #expect(result.steps.map(\.state) == [.done, .pending, .waiting, .waiting])
        #expect(try store.inbox(for: "huang.wei").map(\.caseID) == ["CT-2026-0107"])
        #expect(try store.inbox(for: "zhao.min").isEmpty)
    }

    @Test("a phone order turned into a formal contract carries no approval over")
    func conversionVoids() throws {
        let store = try TestSupport.store()
        let engine = try TestSupport.engine()
        let phone = try TestSupport.request("""
        kind: contract
        id: CT-2026-0200
        submitted_by: li.na
        customer: K-0042
        document:
          channel: phone
          lines: [{ sku: SP-02, spec: "PT-02", quantity: 20, unit_price: "100.00" }]
          payment_terms_days: 30
          delivery_date: 2026-12-20
          warranty_months: 12
        """)
        _ = try store.submit(phone, engine: engine, as: "li.na")
        try store.act(caseID: "CT-2026-0200", action: .approve, as: "zhao.min")
        var formal = phone
        if case .contract(var contract) = formal.document {
            contract.channel = .formal
            formal.document = .contract(contract)
        }
        let result = try store.amend(caseID: "CT-2026-0200", with: formal, engine: engine, as: "li.na")
        #expect(result.kept.isEmpty)
        #expect(result.voided.map(\.user) == ["zhao.min"])
        #expect(result.steps.first?.state == .pending)
    }

    @Test("only the submitter amends, and only within the same kind")
    func refusals() throws {
        let store = try TestSupport.store()
        let engine = try TestSupport.engine()
        _ = try store.submit(try TestSupport.contract(), engine: engine, as: "li.na")
        #expect {
            _ = try store.amend(caseID: "CT-2026-0107", with: try TestSupport.contract(), engine: engine, as: "zhao.min")
        } throws: { error in
            if case StoreError.notSubmitter(user: "zhao.min", submitter: "li.na", caseID: "CT-2026-0107") = error { true } else { false }
        }
        let service = try TestSupport.request("""
        kind: service
        submitted_by: li.na
        customer: K-0042
        document: { description: 培训, requested_on: 2026-11-28 }
        """)
        #expect {
            _ = try store.amend(caseID: "CT-2026-0107", with: service, engine: engine, as: "li.na")
        } throws: { error in
            if case StoreError.kindChanged(caseID: "CT-2026-0107", from: .contract, to: .service) = error { true } else { false }
        }
        #expect(try store.show(caseID: "CT-2026-0107").record.revision == 1)
    }
}
