import Testing
@testable import PolicyEngine
import SalesDomain

/// `differences(quoted, actual)`, the driver helper the contract policy compares technical
/// parameters with: values compared as text, both sides' names, sorted by name.
struct DifferencesHelperTests {
    /// Runs `expression` (yielding a differences list) in a contract script and returns the list
    /// as "name=quoted>actual" items joined by commas.
    func listed(_ expression: String) throws -> String? {
        let script = """
            stages { "sales" }
            local items = {}
            for i, d in ipairs(\(expression)) do
              items[i] = d.name .. "=" .. tostring(d.quoted) .. ">" .. tostring(d.actual)
            end
            block("test.result", { list = table.concat(items, ",") })
            """
        let engine = try PolicyEngine(rules: Fixtures.rules(replacing: ["contract": script]))
        let decision = try engine.decide(try Fixtures.contract(), context: Fixtures.context)
        guard case .text(let list)? = decision.blocks.first?.facts["list"] else {
            Issue.record("no list: \(decision.error ?? "\(decision.outcome)")")
            return nil
        }
        return list
    }

    @Test func changedAddedAndDroppedNamesInNameOrder() throws {
        let list = try listed("""
            differences({ tank = "500L", power = "15kW", same = "x", b = 1 },
                        { power = "18.5kW", nozzle = "扇形", same = "x", b = 1 })
            """)
        #expect(list == "nozzle=nil>扇形,power=15kW>18.5kW,tank=500L>nil")
    }

    @Test func valuesCompareAsText() throws {
        #expect(try listed("differences({ a = 5, b = 5 }, { a = '5', b = 6 })") == "b=5>6")
    }

    @Test func nothingChangedAndMissingTablesGiveAnEmptyList() throws {
        #expect(try listed("differences({ a = 1 }, { a = 1 })") == "")
        #expect(try listed("differences(nil, nil)") == "")
        #expect(try listed("differences(nil, { a = 1 })") == "a=nil>1")
    }

    @Test func keysThatAreNotNamesAreRefusedTheSameWayEveryTime() throws {
        let script = """
            stages { "sales" }
            differences({ [2] = "a", [true] = "b", x = 1 }, { [2] = "c", [true] = "d", x = 1 })
            approve("sales", "sales_manager", "contract.review", {})
            """
        let engine = try PolicyEngine(rules: Fixtures.rules(replacing: ["contract": script]))
        let decision = try engine.decide(try Fixtures.contract(), context: Fixtures.context)
        #expect(decision.outcome == .manualReview)
        #expect(decision.error?.contains("differences: keys must be names, got number") == true, "\(decision.error ?? "")")
    }

    @Test func theShippedContractPolicyRecordsEachChangedParameter() throws {
        let engine = try PolicyEngine(rules: Fixtures.rules(replacing: [:]))
        let request = try Fixtures.contract(parameters: "{ power: 18.5kW, nozzle: 扇形 }")
        let decision = try engine.decide(request, context: Fixtures.context)
        #expect(decision.deviations.map(\.field) == [
            "lines[SP-16].parameters.nozzle", "lines[SP-16].parameters.power", "lines[SP-16].parameters.tank",
        ])
        #expect(decision.escalations.filter { $0.code == "contract.leadership.parameter" }.count == 3)
    }
}
