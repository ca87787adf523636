import ApprovalStore
import Foundation
import Money
import SalesDomain
import Testing

@Suite("Exact money")
struct ExactMoneyTests {
    func invoice(_ amount: String) throws -> Request {
        try TestSupport.request("""
        kind: invoice
        submitted_by: li.na
        customer: K-0042
        refs: { contract: CT-2026-0007 }
        document: { amount: "\(amount)", invoice_type: 普通发票 }
        """)
    }

    @Test("three invoices of ¥0.10 against a ¥0.30 contract succeed; a fourth of ¥0.01 is blocked")
    func threeDimes() throws {
        let store = try TestSupport.store()
        let engine = try TestSupport.engine()
        for expected in ["IV-2026-0001", "IV-2026-0002", "IV-2026-0003"] {
            let result = try store.submit(try invoice("0.10"), engine: engine, as: "li.na")
            #expect(result.caseID == expected)
            #expect(result.decision.outcome == .route)
            try TestSupport.completeRoute(store, result.caseID)
            #expect(try store.show(caseID: result.caseID).record.state == .approved)
        }
        let progress = try store.context(for: try invoice("0.01")).document("CT-2026-0007")?.progress
        #expect(progress?.invoiced == Money(fen: 30))
        #expect {
            _ = try store.submit(try invoice("0.01"), engine: engine, as: "li.na")
        } throws: { error in
            guard case StoreError.blocked(let id, let decision) = error else { return false }
            return id == "IV-2026-0004" && decision.blocks.map(\.code) == ["invoice.beyond_uninvoiced"]
        }
        #expect(try store.history(HistoryFilter(kind: .invoice)).count == 3)
    }

    @Test("invoices in flight count: two open requests cannot together overshoot the contract")
    func openCasesCount() throws {
        let store = try TestSupport.store()
        let engine = try TestSupport.engine()
        let first = try store.submit(try invoice("0.30"), engine: engine, as: "li.na")
        #expect(first.decision.outcome == .route)
        let progress = try store.context(for: try invoice("0.01")).document("CT-2026-0007")?.progress
        #expect(progress?.invoiced == Money(fen: 30))
        #expect {
            _ = try store.submit(try invoice("0.01"), engine: engine, as: "li.na")
        } throws: { error in
            guard case StoreError.blocked(_, let decision) = error else { return false }
            return decision.blocks.map(\.code) == ["invoice.beyond_uninvoiced"]
        }
        // A rejected invoice no longer counts.
        _ = try store.act(caseID: first.caseID, action: .reject, as: "zhao.min", comment: "重开")
        #expect(try store.context(for: try invoice("0.01")).document("CT-2026-0007")?.progress?.invoiced == .zero)
    }
}
