import Foundation
import LuaRuntime
import Money
@testable import PolicyEngine
import SalesDomain
import Testing
import Workload

@Suite("Replay: re-deciding cases with a candidate policy")
struct ReplayTests {
    /// The shipped rules with `major_amount` set to `amount`.
    static func candidate(majorAmount amount: String) throws -> RulesSnapshot {
        let text = try #require(Fixtures.shipped.modules["thresholds"]?.text)
        let changed = text.replacingOccurrences(of: #"major_amount = money("500000.00")"#,
                                                with: #"major_amount = money("\#(amount)")"#)
        #expect(changed != text)
        return Fixtures.rules(replacing: ["thresholds": changed])
    }

    /// A formal contract without a quote for K-0042: `quantity` grain dryers (cost ¥90,000.00) at `price`.
    static func contract(_ id: String, quantity: Int, price: String) throws -> Request {
        try Fixtures.request("""
            kind: contract
            id: \(id)
            submitted_by: li.na
            customer: K-0042
            document:
              channel: formal
              lines:
                - { sku: SP-50, spec: "HG-10T", quantity: \(quantity), unit_price: "\(price)" }
              payment_terms_days: 30
              delivery_date: 2026-12-31
              warranty_months: 12
            """)
    }

    /// Contracts at ¥480,000.00 (4 × 120,000), ¥520,000.00 (4 × 130,000) and ¥300,000.00 (2 × 150,000),
    /// decided by the shipped policy, as stored cases.
    static func storedCases() throws -> [ReplayCase] {
        let engine = try PolicyEngine(rules: Fixtures.shipped)
        let specs: [(String, Int, String)] = [
            ("CT-480-1", 4, "120000.00"), ("CT-520-1", 4, "130000.00"), ("CT-300-1", 2, "150000.00"),
            ("CT-480-2", 4, "120000.00"), ("CT-300-2", 2, "150000.00"), ("CT-520-2", 4, "130000.00"),
            ("CT-480-3", 4, "120000.00"),
        ]
        return try specs.map { id, quantity, price in
            let request = try contract(id, quantity: quantity, price: price)
            let decision = try engine.decide(request, context: Fixtures.context)
            return ReplayCase(id: id, kind: .contract, createdAt: "2026-11-29T02:00:00Z", request: request,
                              context: Fixtures.context, decision: decision, policy: Fixtures.shipped.hash)
        }
    }

    @Test("a lower major threshold reports exactly the contracts between the two thresholds")
    func lowerThreshold() throws {
        let cases = try Self.storedCases()
        let report = try PolicyReplay.run(cases, candidate: try Self.candidate(majorAmount: "450000.00"),
                                          versions: [Fixtures.shipped.hash: Fixtures.shipped])
        #expect(report.examined == 7)
        #expect(report.changed == 3)
        #expect(report.unchanged == 4)
        let group = try #require(report.group(.contract, ReplayChange(.newlyNeeds, role: .leadership, code: "contract.major_amount")))
        #expect(group.cases == ["CT-480-1", "CT-480-2", "CT-480-3"])
        #expect(group.headline() == "3 contracts would newly need leadership: contract.major_amount")
        // The ¥520,000.00 ones needed leadership already: only the threshold they quote differs.
        #expect(report.factsOnly == ["CT-520-1", "CT-520-2"])
        #expect(report.groups.flatMap(\.cases).allSatisfy { $0.hasPrefix("CT-480") })
        #expect(report.drift.isEmpty)
        #expect(report.skipped.isEmpty)
        #expect(report.baselineFromStoredDecision == 0)
    }

    @Test("a higher threshold: the ¥520,000.00 contracts would no longer need leadership")
    func higherThreshold() throws {
        let report = try PolicyReplay.run(try Self.storedCases(), candidate: try Self.candidate(majorAmount: "600000.00"),
                                          versions: [Fixtures.shipped.hash: Fixtures.shipped])
        #expect(report.changed == 2)
        let group = try #require(report.group(.contract, ReplayChange(.noLongerNeeds, role: .leadership,
                                                                      code: "contract.major_amount")))
        #expect(group.cases == ["CT-520-1", "CT-520-2"])
        #expect(group.headline() == "2 contracts would no longer need leadership: contract.major_amount")
    }

    @Test("the same report on one thread and on many")
    func threadsAgree() throws {
        let cases = try Self.storedCases()
        let candidate = try Self.candidate(majorAmount: "450000.00")
        let versions = [Fixtures.shipped.hash: Fixtures.shipped]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let one = try encoder.encode(try PolicyReplay.run(cases, candidate: candidate, versions: versions, threads: 1))
        let many = try encoder.encode(try PolicyReplay.run(cases, candidate: candidate, versions: versions, threads: 4))
        #expect(one == many)
    }

    @Test("without the deciding version's files, the stored decision is the baseline")
    func storedBaseline() throws {
        let report = try PolicyReplay.run(try Self.storedCases(), candidate: try Self.candidate(majorAmount: "450000.00"),
                                          versions: [:])
        #expect(report.baselineFromStoredDecision == 7)
        #expect(report.group(.contract, ReplayChange(.newlyNeeds, role: .leadership, code: "contract.major_amount"))?.count == 3)
    }

    @Test("cases decided by the candidate's own version are decided once, by the candidate")
    func candidateIsTheDecidingVersion() throws {
        // No stored files for the version, yet it is there: it is the candidate.
        let report = try PolicyReplay.run(try Self.storedCases(), candidate: Fixtures.shipped, versions: [:])
        #expect(report.examined == 7)
        #expect(report.baselineFromStoredDecision == 0)
        #expect(report.changed == 0)
        #expect(report.factsOnly.isEmpty)
        #expect(report.drift.isEmpty)
    }

    @Test("a stored decision that its own version no longer gives is reported as drift")
    func drift() throws {
        var cases = try Self.storedCases()
        cases[0].decision.route.removeFirst()
        let report = try PolicyReplay.run(cases, candidate: Fixtures.shipped, versions: [Fixtures.shipped.hash: Fixtures.shipped])
        #expect(report.drift == ["CT-480-1"])
        #expect(report.changed == 0)
    }

    @Test("a candidate that does not load is refused before anything runs")
    func brokenCandidate() throws {
        #expect(throws: PolicyError.self) {
            _ = try PolicyReplay.run(try Self.storedCases(), candidate: Fixtures.rules(replacing: ["contract": "if then"]),
                                     versions: [:])
        }
    }

    @Test("a case without a context is skipped with the reason")
    func skipped() throws {
        var cases = try Self.storedCases()
        cases[1].context = nil
        cases[1].contextNote = "no context"
        let report = try PolicyReplay.run(cases, candidate: Fixtures.shipped, versions: [:])
        #expect(report.skipped.map(\.id) == ["CT-520-1"])
        #expect(report.examined == 6)
    }

    @Test("stored contexts are read from JSON")
    func contextJSON() throws {
        var cases = try Self.storedCases()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(Fixtures.context), as: UTF8.self)
        for i in cases.indices {
            cases[i].context = nil
            cases[i].contextJSON = json
        }
        let report = try PolicyReplay.run(cases, candidate: try Self.candidate(majorAmount: "450000.00"),
                                          versions: [Fixtures.shipped.hash: Fixtures.shipped])
        #expect(report.changed == 3)
        #expect(report.drift.isEmpty)
    }
}

@Suite("Decision differences")
struct DecisionDiffTests {
    static let reason = Reason(code: "contract.review", text: "a", facts: ["amount": "1.00"], at: "contract.lua:1")

    static func routed(_ roles: [Role], codes: [String] = ["contract.review"]) -> Decision {
        Decision(outcome: .route, route: [Stage(name: "s", steps: roles.map { role in
            Step(role: role, action: .approve, reasons: codes.map { Reason(code: $0, text: "t", at: "x.lua:1") })
        })], policy: "sha256:a")
    }

    @Test("texts, locations and the policy hash are not changes")
    func textsIgnored() {
        var a = Self.routed([.salesManager]), b = a
        b.route[0].steps[0].reasons[0].text = "another text"
        b.route[0].steps[0].reasons[0].at = "x.lua:99"
        b.policy = "sha256:b"
        #expect(DecisionDiff.changes(from: a, to: b).isEmpty)
        #expect(DecisionDiff.sameIgnoringTexts(a, b))
        a.route[0].steps[0].reasons[0].facts = ["threshold": "1.00"]
        #expect(DecisionDiff.changes(from: a, to: b).isEmpty)
        #expect(!DecisionDiff.sameIgnoringTexts(a, b))
    }

    @Test("a decision and its stored JSON read back compare equal; a changed figure does not")
    func storedDecisionsCompareAsTheirJSON() throws {
        var decided = Self.routed([.leadership])
        decided.route[0].steps[0].reasons[0].facts = ["amount": .money(Money(fen: 61_200_000)), "days": 30,
                                                      "ratio": .number(2), "list": [.money(Money(fen: 5))]]
        decided.deviations = [Deviation(field: "unit_price", quoted: .money(Money(fen: 100)), actual: .money(Money(fen: 90)),
                                        needs: .salesManager, code: "contract.deviation.unit_price", text: "t",
                                        facts: ["cut": .money(Money(fen: 10))])]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let stored = try JSONDecoder().decode(Decision.self, from: encoder.encode(decided))
        #expect(stored != decided)   // money reads back as text: plain == would call this drift
        #expect(DecisionDiff.sameIgnoringTexts(stored, decided))
        var changed = decided
        changed.deviations[0].actual = .money(Money(fen: 91))
        #expect(!DecisionDiff.sameIgnoringTexts(stored, changed))
        changed = decided
        changed.route[0].steps[0].reasons[0].facts["amount"] = .text("612000.01")
        #expect(!DecisionDiff.sameIgnoringTexts(stored, changed))
    }

    @Test("replay's shortcut holds: decisions the same but for texts have no changes (300 generated requests, two policies)")
    func sameMeansNoChanges() throws {
        var generator = RequestGenerator(seed: 11, master: Fixtures.context)
        let shipped = try PolicyEngine(rules: Fixtures.shipped)
        let lower = try PolicyEngine(rules: try ReplayTests.candidate(majorAmount: "100000.00"))
        var same = 0, changed = 0
        for _ in 0..<300 {
            let request = generator.anyRequest()
            let before = try shipped.decide(request, context: generator.context)
            let after = try lower.decide(request, context: generator.context)
            if DecisionDiff.sameIgnoringTexts(before, after) {
                same += 1
                #expect(DecisionDiff.changes(from: before, to: after).isEmpty)
            } else if !DecisionDiff.changes(from: before, to: after).isEmpty {
                changed += 1
            }
        }
        #expect(same > 50)      // both sides of the shortcut are exercised
        #expect(changed >= 5)
    }

    @Test("a hard stop: the outcome and the block code")
    func blocked() {
        let before = Self.routed([.salesManager])
        let after = Decision(outcome: .blocked, blocks: [Block(code: "shipment.beyond_unshipped", text: "t")], policy: "p")
        #expect(DecisionDiff.changes(from: before, to: after) == [
            ReplayChange(.outcome, from: "route", to: "blocked"),
            ReplayChange(.blocked, code: "shipment.beyond_unshipped"),
        ])
        #expect(DecisionDiff.changes(from: after, to: before) == [
            ReplayChange(.outcome, from: "blocked", to: "route"),
            ReplayChange(.unblocked, code: "shipment.beyond_unshipped"),
        ])
        #expect(ReplayChange(.blocked, code: "shipment.beyond_unshipped").headline(count: 5, of: .shipment)
                == "5 shipments would be blocked: shipment.beyond_unshipped")
    }

    @Test("roles: newly needed, no longer needed, another reason; stages and step details")
    func roles() {
        let before = Self.routed([.salesManager, .finance], codes: ["invoice.review"])
        let after = Self.routed([.salesManager], codes: ["invoice.review"])
        #expect(DecisionDiff.changes(from: before, to: after) == [ReplayChange(.noLongerNeeds, role: .finance, code: "invoice.review")])
        #expect(ReplayChange(.noLongerNeeds, role: .finance, code: "invoice.review").headline(count: 2, of: .invoice)
                == "2 invoices would no longer need finance: invoice.review")
        let more = Self.routed([.salesManager, .finance], codes: ["invoice.review", "invoice.extra"])
        #expect(DecisionDiff.changes(from: before, to: more) == [
            ReplayChange(.alsoAsked, role: .finance, code: "invoice.extra"),
            ReplayChange(.alsoAsked, role: .salesManager, code: "invoice.extra"),
        ])
        var split = before
        split.route = [Stage(name: "a", steps: [before.route[0].steps[0]]), Stage(name: "b", steps: [before.route[0].steps[1]])]
        #expect(DecisionDiff.changes(from: before, to: split)
                == [ReplayChange(.stages, from: "s[sales_manager,finance]", to: "a[sales_manager] → b[finance]")])
        var due = before
        due.route[0].steps[1].due = .days(2)
        #expect(DecisionDiff.changes(from: before, to: due)
                == [ReplayChange(.stepDetails, role: .finance, from: "approve", to: "approve, due 2 days")])
    }
}
