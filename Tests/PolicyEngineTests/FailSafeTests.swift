import LuaRuntime
import Testing
@testable import PolicyEngine
import SalesDomain

/// A policy that fails in any way routes to manual review, never approves, and says where.
struct FailSafeTests {
    func decide(contractScript: String, limits: LuaLimits = .default) throws -> Decision {
        let engine = try PolicyEngine(rules: Fixtures.rules(replacing: ["contract": contractScript]), limits: limits)
        return try engine.decide(try Fixtures.contract(), context: Fixtures.context)
    }

    func expectManualReview(_ d: Decision, mentioning text: String) {
        #expect(d.outcome == .manualReview)
        #expect(d.stageRoles == [[.salesManager], [.leadership]])
        #expect(d.blocks.isEmpty && d.escalations.isEmpty)
        #expect(d.error?.contains(text) == true, "error was: \(d.error ?? "nil")")
        #expect(d.route.allSatisfy { $0.steps.allSatisfy { $0.action == .approve && $0.reasons.first?.code == "policy.failed" } })
    }

    @Test func runtimeErrorNamesFileAndLine() throws {
        let d = try decide(contractScript: "stages { 'sales' }\nlocal x = nil\nreturn x.y\n")
        expectManualReview(d, mentioning: "contract.lua:3")
        #expect(d.route.first?.steps.first?.reasons.first?.at == "contract.lua:3")
    }

    @Test func infiniteLoopIsStopped() throws {
        let d = try decide(contractScript: "while true do end", limits: LuaLimits(instructions: 200_000, timeout: .seconds(5), memory: 8 << 20))
        expectManualReview(d, mentioning: "instructions")
    }

    @Test func loopCatchingTheLimitIsStillStopped() throws {
        let d = try decide(contractScript: "while true do pcall(function() while true do end end) end",
                           limits: LuaLimits(instructions: 200_000, timeout: .seconds(5), memory: 8 << 20))
        expectManualReview(d, mentioning: "instructions")
    }

    @Test func memoryHogIsStopped() throws {
        let d = try decide(contractScript: "local t = {} local i = 0 while true do i = i + 1 t[i] = {i, i, i} end",
                           limits: LuaLimits(instructions: nil, timeout: .seconds(10), memory: 4 << 20))
        expectManualReview(d, mentioning: "memory")
    }

    @Test func syntaxErrorStopsTheEngineAtLoadWithFileAndLine() throws {
        #expect {
            try PolicyEngine(rules: Fixtures.rules(replacing: ["contract": "stages {\n  'a',\nif then\n"]))
        } throws: { error in
            "\(error)".contains("contract.lua:3")
        }
    }

    @Test func aPolicyThatAddsNothingIsNotAnApproval() throws {
        let d = try decide(contractScript: "stages { 'sales' }\n-- forgot every rule\n")
        expectManualReview(d, mentioning: "neither a route nor a block")
    }

    @Test func unknownRoleIsAPolicyFailure() throws {
        let d = try decide(contractScript: "stages { 'sales' }\napprove('sales', 'ceo', 'x.y')\n")
        expectManualReview(d, mentioning: "contract.lua:2")
        #expect(d.error?.contains("ceo") == true)
    }

    @Test func floatFactsAreRefused() throws {
        let d = try decide(contractScript: "stages { 'sales' }\napprove('sales', 'sales_manager', 'x.y', { ratio = 0.1 })\n")
        expectManualReview(d, mentioning: "contract.lua:2")
    }

    @Test func forgedLimitTextIsStillARuntimeError() throws {
        let d = try decide(contractScript: "error('instruction limit reached')")
        #expect(d.outcome == .manualReview)
        #expect(d.error?.contains("contract.lua:1: instruction limit reached") == true, "\(d.error ?? "")")
    }

    @Test func theEngineRecoversAfterAFailure() throws {
        let engine = try PolicyEngine(rules: Fixtures.rules(replacing: ["contract": "while true do end"]),
                                      limits: LuaLimits(instructions: 100_000, timeout: .seconds(5), memory: 8 << 20))
        #expect(try engine.decide(try Fixtures.contract(), context: Fixtures.context).outcome == .manualReview)
        let quote = try Fixtures.request("""
            kind: service
            submitted_by: li.na
            customer: K-0042
            document: { description: 喷雾机漏液, requested_on: 2026-11-20 }
            """)
        #expect(try engine.decide(quote, context: Fixtures.context).outcome == .route)
    }
}
