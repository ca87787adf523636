import ApprovalStore
import Foundation
import SalesDomain
import Testing

/// The rules the store enforces whatever the policy says; each refusal changes nothing.
@Suite("Refusals")
struct RefusalTests {
    /// A store with the deviating contract submitted by li.na (sales manager's stage open).
    func submitted() throws -> Store {
        let store = try TestSupport.store()
        _ = try store.submit(try TestSupport.contract(), engine: try TestSupport.engine(), as: "li.na")
        return store
    }

    /// Asserts that `body` throws a StoreError matching `match`, and that the audit log did not grow.
    func expectRefused(_ store: Store, _ body: () throws -> Void, _ match: (StoreError) -> Bool,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try store.verifyAudit().rows
        #expect(sourceLocation: sourceLocation) {
            try body()
        } throws: { error in
            guard let error = error as? StoreError else { return false }
            return match(error) && !error.description.isEmpty
        }
        #expect(try store.verifyAudit().rows == before, sourceLocation: sourceLocation)
    }

    @Test("a user without the step's role is refused")
    func wrongRole() throws {
        let store = try submitted()
        try expectRefused(store, { try store.act(caseID: "CT-2026-0107", step: "1", action: .approve, as: "zheng.hong") }) {
            if case .notYourRole(user: "zheng.hong", role: .salesManager, caseID: "CT-2026-0107", step: 1) = $0 { true } else { false }
        }
        // Leadership's stage is not open yet.
        try expectRefused(store, { try store.act(caseID: "CT-2026-0107", action: .approve, as: "huang.wei") }) {
            if case .stepNotOpen(caseID: "CT-2026-0107", step: 2, state: .waiting) = $0 { true } else { false }
        }
        #expect(try store.show(caseID: "CT-2026-0107").signoffs.isEmpty)
    }

    @Test("nobody approves their own request")
    func ownRequest() throws {
        let store = try TestSupport.store()
        // The sales manager submits a contract themselves.
        var request = try TestSupport.contract()
        request.submittedBy = "zhao.min"
        _ = try store.submit(request, engine: try TestSupport.engine(), as: "zhao.min")
        try expectRefused(store, { try store.act(caseID: "CT-2026-0107", action: .approve, as: "zhao.min") }) {
            if case .ownRequest(user: "zhao.min", caseID: "CT-2026-0107") = $0 { true } else { false }
        }
        try expectRefused(store, { try store.act(caseID: "CT-2026-0107", action: .return, as: "zhao.min") }) {
            if case .ownRequest = $0 { true } else { false }
        }
        #expect(try store.inbox(for: "zhao.min").isEmpty)
    }

    @Test("submitting in someone else's name is refused")
    func submitAsOther() throws {
        let store = try TestSupport.store()
        try expectRefused(store, { _ = try store.submit(try TestSupport.contract(), engine: try TestSupport.engine(), as: "zhao.min") }) {
            if case .submitterMismatch(actor: "zhao.min", submittedBy: "li.na") = $0 { true } else { false }
        }
        #expect(try store.history().isEmpty)
    }

    @Test("one action per user per step, one sign-off per step")
    func twice() throws {
        let store = try TestSupport.store()
        // A plain contract: the sales manager approves, then the customer signs.
        _ = try store.submit(try TestSupport.contract(price: "61200.00"), engine: try TestSupport.engine(), as: "li.na")
        try store.act(caseID: "CT-2026-0107", action: .approve, as: "zhao.min")
        try expectRefused(store, { try store.act(caseID: "CT-2026-0107", step: "1", action: .approve, as: "zhao.min") }) {
            if case .alreadyActed(user: "zhao.min", caseID: "CT-2026-0107", step: 1, action: .approve) = $0 { true } else { false }
        }
        try expectRefused(store, { try store.act(caseID: "CT-2026-0107", action: .approve, as: "zhao.min") }) {
            if case .alreadyActed = $0 { true } else { false }
        }
        try store.act(caseID: "CT-2026-0107", step: "2", action: .sign, as: "wu.fang")
        // Another clerk cannot sign the same step again.
        try expectRefused(store, { try store.act(caseID: "CT-2026-0107", step: "2", action: .sign, as: "zhou.li") }) {
            if case .stepAlreadyDone(caseID: "CT-2026-0107", step: 2, by: "wu.fang") = $0 { true } else { false }
        }
    }

    @Test("the action must fit the step")
    func wrongAction() throws {
        let store = try submitted()
        try expectRefused(store, { try store.act(caseID: "CT-2026-0107", step: "1", action: .perform, as: "zhao.min") }) {
            if case .wrongAction(caseID: "CT-2026-0107", step: 1, stepAction: .approve, action: .perform) = $0 { true } else { false }
        }
        try expectRefused(store, { try store.act(caseID: "CT-2026-0107", step: "9", action: .approve, as: "zhao.min") }) {
            if case .noSuchStep = $0 { true } else { false }
        }
        try expectRefused(store, { try store.act(caseID: "CT-9", action: .approve, as: "zhao.min") }) {
            if case .unknownCase("CT-9") = $0 { true } else { false }
        }
        try expectRefused(store, { try store.act(caseID: "CT-2026-0107", action: .approve, as: "nobody") }) {
            if case .unknownUser("nobody") = $0 { true } else { false }
        }
    }

    @Test("nothing acts on a closed case; a returned case waits for its amendment")
    func closedCase() throws {
        let store = try submitted()
        try store.act(caseID: "CT-2026-0107", action: .reject, as: "zhao.min", comment: "价格太低")
        #expect(try store.show(caseID: "CT-2026-0107").record.state == .rejected)
        try expectRefused(store, { try store.act(caseID: "CT-2026-0107", action: .approve, as: "huang.wei") }) {
            if case .caseClosed(caseID: "CT-2026-0107", state: .rejected) = $0 { true } else { false }
        }
        try expectRefused(store, { _ = try store.amend(caseID: "CT-2026-0107", with: try TestSupport.contract(),
                                                       engine: try TestSupport.engine(), as: "li.na") }) {
            if case .caseClosed = $0 { true } else { false }
        }
        #expect(try store.inbox(for: "zhao.min").isEmpty)

        let other = try TestSupport.store()
        _ = try other.submit(try TestSupport.contract(), engine: try TestSupport.engine(), as: "li.na")
        try other.act(caseID: "CT-2026-0107", action: .return, as: "zhao.min", comment: "请确认付款条件")
        try expectRefused(other, { try other.act(caseID: "CT-2026-0107", action: .approve, as: "zhao.min") }) {
            if case .caseReturned("CT-2026-0107") = $0 { true } else { false }
        }
    }

    @Test("a blocked request stores nothing but an audit event")
    func blocked() throws {
        let store = try TestSupport.store()
        let before = try store.verifyAudit().rows
        let request = try TestSupport.request("""
        kind: invoice
        submitted_by: li.na
        customer: K-0042
        refs: { contract: CT-2026-0005 }
        document: { amount: "0.11", invoice_type: 普通发票 }
        """)
        #expect {
            _ = try store.submit(request, engine: try TestSupport.engine(), as: "li.na")
        } throws: { error in
            guard case StoreError.blocked(_, let decision) = error else { return false }
            return decision.blocks.map(\.code) == ["invoice.beyond_uninvoiced"]
        }
        #expect(try store.history().isEmpty)
        let report = try store.verifyAudit()
        #expect(report.rows == before + 1)
        #expect(report.ok)
    }
}
