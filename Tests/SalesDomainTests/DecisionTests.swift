import Foundation
import Money
import Testing
import SalesDomain

@Suite("Decision")
struct DecisionTests {
    private func sample() -> Decision {
        let reason = Reason(code: "contract.major_amount", text: "合同金额 ¥612,000.00 ≥ 重大合同阈值 ¥500,000.00 → 公司领导审批",
                            facts: ["threshold": .money(Money(fen: 50_000_000)), "amount": .money(Money(fen: 61_200_000)),
                                    "lines": 1, "flags": ["a", true], "ratio": 0.5],
                            at: "contract.lua:12")
        return Decision(
            outcome: .route,
            route: [
                Stage(name: "sales", steps: [Step(role: .salesManager, action: .approve, reasons: [reason])]),
                Stage(name: "file", steps: [Step(role: .salesClerk, action: .file, scope: .branch, due: .days(0),
                                                 onOverdue: .escalate(to: .salesManager))]),
                Stage(name: "ship", steps: [Step(role: .salesClerk, action: .perform, task: "issue_outbound_slip",
                                                 user: "wang.fang", due: .hours(4), onOverdue: .remind)]),
            ],
            escalations: [Escalation(role: .leadership, code: "contract.major_amount", text: "重大合同",
                                     facts: ["amount": .money(Money(fen: 61_200_000))], at: "contract.lua:12")],
            deviations: [Deviation(field: "lines[SP-16].unit_price", quoted: .money(Money(fen: 6_120_000)),
                                   actual: .money(Money(fen: 5_700_000)), needs: .leadership,
                                   code: "contract.deviation.unit_price", text: "单价下调", at: "contract.lua:30")],
            blocks: [],
            policy: "sha256:abc")
    }

    @Test("encodes to deterministic JSON with money as plain strings")
    func json() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(sample())
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""facts":{"amount":"612000.00","flags":["a",true],"lines":1,"ratio":0.5,"threshold":"500000.00"}"#))
        #expect(text.contains(#""on_overdue":{"escalate_to":"sales_manager"}"#))
        #expect(text.contains(#""on_overdue":"remind""#))
        #expect(text.contains(#""due":{"days":0}"#) && text.contains(#""due":{"hours":4}"#))
        #expect(text.contains(#""outcome":"route""#))
        #expect(text.contains(#""quoted":"61200.00""#))
        #expect(!text.contains("error"))
        #expect(text.hasPrefix(#"{"blocks":[],"deviations":"#))
        // Same value, same bytes — every time.
        for _ in 0..<5 { #expect(try encoder.encode(sample()) == data) }
    }

    @Test("decodes back (money facts come back as text)")
    func decode() throws {
        let data = try JSONEncoder().encode(sample())
        let back = try JSONDecoder().decode(Decision.self, from: data)
        #expect(back.route == sample().route.map { stage in
            var stage = stage
            stage.steps = stage.steps.map { step in
                var step = step
                step.reasons = step.reasons.map { reason in
                    var reason = reason
                    reason.facts = reason.facts.mapValues { value in
                        if case .money(let money) = value { return .text(money.description) }
                        return value
                    }
                    return reason
                }
                return step
            }
            return stage
        })
        #expect(back.stageRoles == [[.salesManager], [.salesClerk], [.salesClerk]])
        #expect(back.deviations.first?.needs == .leadership)
    }

    @Test("manual review carries the error; outcome raw values are the wire names")
    func manualReview() throws {
        let decision = Decision(outcome: .manualReview, policy: "p", error: "contract.lua:7: attempt to index nil")
        let text = String(decoding: try JSONEncoder().encode(decision), as: UTF8.self)
        #expect(text.contains(#""outcome":"manual_review""#))
        #expect(text.contains(#""error":"contract.lua:7: attempt to index nil""#))
    }

    @Test("fact display text uses the ¥ form")
    func factText() {
        #expect(FactValue.money(Money(fen: 61_200_000)).description == "¥612,000.00")
        #expect(FactValue.list([1, "x"]).description == "1, x")
    }

    @Test("roles have their Chinese and English names")
    func roles() {
        #expect(Role.salesManager.zhName == "销售部经理" && Role.salesManager.enName == "sales manager")
        #expect(Role.branchClerk.zhName == "分部销售内勤")
        #expect(Role.warehouse.zhName == "库管" && Role.warehouse.enName == "warehouse keeper")
        #expect(Role.leadership.enName == "company leadership")
        #expect(Role.allCases.map(\.rawValue) == ["salesperson", "branch_clerk", "branch_manager", "sales_clerk",
                                                  "sales_manager", "leadership", "technical", "procurement", "finance",
                                                  "warehouse", "customer"])
        #expect(RequestKind.returnRequest.rawValue == "return")
    }
}
