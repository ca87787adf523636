import ApprovalStore
import Foundation
import GRDB
import Money
import PolicyEngine
import SalesDomain
import Testing

@Suite("Replay of the stored cases")
struct ReplayStoreTests {
    static let newlyLeadership = ReplayChange(.newlyNeeds, role: .leadership, code: "contract.major_amount")

    /// Contracts at ¥480,000.00, ¥520,000.00 and ¥300,000.00, submitted with the shipped policy.
    static func populated(clock: TestClock = TestClock(TestSupport.noon)) throws -> Store {
        let store = try PolicySupport.store(clock: clock)
        let engine = try TestSupport.engine()
        for (id, quantity, price) in [("CT-2026-0480", 4, "120000.00"), ("CT-2026-0520", 4, "130000.00"),
                                      ("CT-2026-0300", 2, "150000.00"), ("CT-2026-0481", 4, "120000.00"),
                                      ("CT-2026-0521", 4, "130000.00"), ("CT-2026-0301", 2, "150000.00"),
                                      ("CT-2026-0482", 4, "120000.00")] {
            _ = try store.submit(try PolicySupport.contract(id, quantity: quantity, price: price), engine: engine, as: "li.na")
        }
        return store
    }

    /// Counts of every table, to show that replay writes nothing.
    static func rowCounts(_ store: Store) throws -> [String: Int] {
        let queue = try DatabaseQueue(path: store.path)
        return try queue.read { db in
            var counts: [String: Int] = [:]
            for table in ["cases", "steps", "signoffs", "audit_events", "policy_versions", "policy_changes", "case_contexts"] {
                counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? -1
            }
            return counts
        }
    }

    @Test("cases decoded on several threads come back in stored order; a damaged row is named")
    func parallelDecode() throws {
        let store = try Self.populated()
        let one = try store.replayCases(threads: 1)
        let three = try store.replayCases(threads: 3)
        #expect(one.count == 7)
        #expect(three.map(\.id) == one.map(\.id))
        #expect(three.map(\.decision) == one.map(\.decision))
        #expect(three.map(\.contextJSON) == one.map(\.contextJSON))

        let queue = try DatabaseQueue(path: store.path)
        try queue.write { db in
            try db.execute(sql: "UPDATE cases SET request = '{\"kind\": 1' WHERE id IN ('CT-2026-0300', 'CT-2026-0482')")
        }
        #expect {
            _ = try store.replayCases(threads: 3)
        } throws: { error in
            guard case StoreError.damagedRow(table: "cases", id: let id, detail: _) = error else { return false }
            return id == "CT-2026-0300"   // the first damaged case in stored order, whichever thread met it
        }
    }

    @Test("major_amount lowered to ¥450,000.00: exactly the ¥480,000.00 contracts newly need leadership")
    func lowerThreshold() throws {
        let store = try Self.populated()
        try TestSupport.completeRoute(store, "CT-2026-0481")   // approved cases are replayed too
        let before = try Self.rowCounts(store)
        let audit = try store.verifyAudit()
        let report = try store.replay(candidate: PolicySupport.majorAmount("450000.00"))
        #expect(report.examined == 7)
        #expect(report.changed == 3)
        #expect(report.unchanged == 4)
        let group = try #require(report.group(.contract, Self.newlyLeadership))
        #expect(group.cases == ["CT-2026-0480", "CT-2026-0481", "CT-2026-0482"])
        #expect(group.headline() == "3 contracts would newly need leadership: contract.major_amount")
        #expect(Set(report.groups.flatMap(\.cases)) == ["CT-2026-0480", "CT-2026-0481", "CT-2026-0482"])
        #expect(report.factsOnly == ["CT-2026-0520", "CT-2026-0521"])
        #expect(report.drift.isEmpty && report.skipped.isEmpty)
        #expect(report.contextsReconstructed == 0 && report.baselineFromStoredDecision == 0)
        #expect(report.versions.map(\.policy) == [PolicySupport.shipped.hash])

        // Replay writes nothing: every table and the audit chain are as they were.
        #expect(try Self.rowCounts(store) == before)
        let after = try store.verifyAudit()
        #expect(after.rows == audit.rows && after.head == audit.head && after.ok)
    }

    @Test("--kind and --since choose the cases")
    func filters() throws {
        let clock = TestClock(TestSupport.noon)
        let store = try Self.populated(clock: clock)
        let engine = try TestSupport.engine()
        _ = try store.submit(try PolicySupport.quote("QT-2026-0480", quantity: 4, price: "120000.00"), engine: engine, as: "li.na")
        clock.advance(hours: 72)
        _ = try store.submit(try PolicySupport.contract("CT-2026-0483", quantity: 4, price: "120000.00"), engine: engine, as: "li.na")
        _ = try store.submit(try PolicySupport.contract("CT-2026-0302", quantity: 2, price: "150000.00"), engine: engine, as: "li.na")
        let candidate = PolicySupport.majorAmount("450000.00")

        let all = try store.replay(candidate: candidate)
        #expect(all.examined == 10)
        #expect(all.group(.contract, Self.newlyLeadership)?.count == 4)
        #expect(all.group(.quote, ReplayChange(.newlyNeeds, role: .leadership, code: "quote.major_amount"))?.cases
                == ["QT-2026-0480"])

        let quotes = try store.replay(candidate: candidate, kind: .quote)
        #expect(quotes.examined == 1)
        #expect(quotes.groups.map(\.kind) == [.quote])

        let recent = try store.replay(candidate: candidate, since: "2026-12-01")
        #expect(recent.examined == 2)
        #expect(recent.group(.contract, Self.newlyLeadership)?.cases == ["CT-2026-0483"])

        let recentQuotes = try store.replay(candidate: candidate, kind: .quote, since: "2026-12-01")
        #expect(recentQuotes.examined == 0 && recentQuotes.groups.isEmpty)
    }

    @Test("each case is re-decided in the context it was decided in, not today's master data")
    func storedContext() throws {
        let store = try Self.populated()
        // Today the grain dryer costs more than it sells for: rebuilt contexts would make every
        // contract major for its margin.
        try store.importMasterData(PolicyContext(products: [
            Product(sku: "SP-50", name: "谷物烘干机", unit: "台", difficult: false, key: false, standardSpecs: ["HG-10T"],
                    unitCost: Money(fen: 20_000_000)),
        ]), source: "price list", actor: "admin")
        let same = try store.replay(candidate: PolicySupport.shipped)
        #expect(same.examined == 7)
        #expect(same.changed == 0)
        #expect(same.factsOnly.isEmpty && same.drift.isEmpty)

        // The stored context holds only what the decision could see.
        let json = try #require(try store.decisionContext(caseID: "CT-2026-0480"))
        let context = try InputDecoder.context(from: json, file: "stored")
        #expect(context.customers.map(\.id) == ["K-0042"])
        #expect(context.users.map(\.id) == ["li.na"])
        #expect(context.products.map(\.sku) == ["SP-50"])
        #expect(context.products.first?.unitCost == Money(fen: 9_000_000))
        #expect(context.today == (try Day(parsing: "2026-11-29")))
    }

    @Test("a shipment against a contract is replayed with the contract's progress as it was")
    func shipmentContext() throws {
        let store = try PolicySupport.store(clock: TestClock(TestSupport.noon))
        let engine = try TestSupport.engine()
        let shipment = try TestSupport.request("""
        kind: shipment
        submitted_by: zhou.li
        customer: K-0042
        refs: { contract: CT-2026-0001 }
        document: { lines: [{ sku: SP-16, quantity: 3 }] }
        """)
        let first = try store.submit(shipment, engine: engine, as: "zhou.li")
        // A second shipment of 3 is within the 10 ordered only because the first is still open.
        let second = try store.submit(shipment, engine: engine, as: "zhou.li")
        #expect(first.decision.outcome == .route && second.decision.outcome == .route)
        let report = try store.replay(candidate: PolicySupport.shipped)
        #expect(report.examined == 2 && report.changed == 0 && report.drift.isEmpty)
    }

    @Test("the report encodes to JSON and back (it is kept with a policy proposal)")
    func codable() throws {
        let store = try Self.populated()
        let report = try store.replay(candidate: PolicySupport.majorAmount("450000.00"))
        let data = try JSONEncoder().encode(report)
        let back = try JSONDecoder().decode(ReplayReport.self, from: data)
        #expect(back.groups == report.groups)
        #expect(back.changed == 3)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"summary\":\"3 contracts would newly need leadership: contract.major_amount\""))
    }
}
