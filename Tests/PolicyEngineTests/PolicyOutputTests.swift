import LuaRuntime
import Money
import Testing
@testable import PolicyEngine

/// Pins how the host reads the driver's decision table: what it takes from each part, and the
/// exact message (naming the path inside the table) for each way the table can be malformed.
/// The driver never hands back such a table; these messages are what a broken driver would show
/// in a manual-review decision, so they must not drift.
struct PolicyOutputTests {
    /// Reads `return <source>` as the driver's result would be read.
    func read(_ source: String) throws -> PolicyOutput {
        let lua = try LuaState()
        let chunk = try lua.compile("return " + source, chunkName: "decision.lua")
        return try PolicyOutput.read(lua, chunk)
    }

    /// The message reading `return <source>` fails with, or nil when it reads.
    func failure(_ source: String) -> String? {
        do {
            _ = try read(source)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func readsEveryPartOfAWellFormedDecision() throws {
        let output = try read("""
            {
              stages = { 'sales', 'finance' },
              steps = {
                { stage = 'sales', role = 'sales_manager', action = 'approve', code = 'a.b', at = 'contract.lua:3',
                  facts = { amount = money('12.50'), n = 3, name = 'x', ok = true, list = { 1, 'two' } },
                  task = 't', scope = 'branch', user = 'li.na', due = { hours = 4 },
                  on_overdue = { escalate_to = 'leadership' }, extra = 'ignored' },
                { stage = 'finance', role = 'finance', action = 'review', code = 'c.d', due = { days = 2 },
                  on_overdue = 'remind' },
              },
              escalations = { { role = 'leadership', code = 'e.f', facts = { k = 1 }, at = 'x.lua:1' } },
              deviations = { { field = 'price', quoted = money('1.00'), actual = 2, needs = 'finance', code = 'g.h' } },
              blocks = { { code = 'i.j', facts = {}, at = 'y.lua:9' } },
              [1] = 'ignored too',
            }
            """)
        #expect(output.stages == ["sales", "finance"])
        #expect(output.steps.count == 2)
        let first = try #require(output.steps.first)
        #expect(first.stage == "sales" && first.role == "sales_manager" && first.action == "approve" && first.code == "a.b")
        #expect(first.at == "contract.lua:3" && first.task == "t" && first.scope == "branch" && first.user == "li.na")
        #expect(first.facts == ["amount": .money(Money(fen: 1250)), "n": 3, "name": "x", "ok": true, "list": [1, "two"]])
        #expect(first.due?.hours == 4 && first.due?.days == nil)
        #expect(first.on_overdue == ["escalate_to": "leadership"])
        let second = try #require(output.steps.last)
        #expect(second.facts == nil && second.task == nil && second.scope == nil && second.user == nil && second.at == nil)
        #expect(second.due?.days == 2 && second.due?.hours == nil)
        #expect(second.on_overdue == "remind")
        #expect(output.escalations.map(\.role) == ["leadership"])
        #expect(output.escalations.first?.facts == ["k": 1] && output.escalations.first?.at == "x.lua:1")
        let deviation = try #require(output.deviations.first)
        #expect(deviation.field == "price" && deviation.needs == "finance" && deviation.code == "g.h")
        #expect(deviation.quoted == .money(Money(fen: 100)) && deviation.actual == 2 && deviation.facts == nil)
        #expect(output.blocks.first?.code == "i.j" && output.blocks.first?.facts == [:] && output.blocks.first?.at == "y.lua:9")
    }

    @Test func absentListsAreEmpty() throws {
        let output = try read("{}")
        #expect(output.stages.isEmpty && output.steps.isEmpty && output.escalations.isEmpty)
        #expect(output.deviations.isEmpty && output.blocks.isEmpty)
    }

    @Test func factsKeepOnlyTheirNamedFields() throws {
        // The sequence part of a facts table is not facts (the driver never produces one).
        let output = try read("{ blocks = { { code = 'a', facts = { 'x', 'y', n = 1 } } } }")
        #expect(output.blocks.first?.facts == ["n": 1])
    }

    @Test func theDecisionMustBeATable() {
        #expect(failure("nil") == "decision: expected table, got nil")
        #expect(failure("") == "decision: expected table, got nil")
        #expect(failure("5") == "decision: expected table, got integer")
        #expect(failure("function() end") == "decision: expected table, got function")
        #expect(failure("money('1.00')") == "decision: expected table, got money")
    }

    @Test func listsMustBeSequences() {
        #expect(failure("{ stages = 'a' }") == "decision.stages: expected a list, got string")
        #expect(failure("{ stages = { x = 1 } }") == "decision.stages: expected a list, got table")
        #expect(failure("{ steps = { {}, x = 1 } }") == "decision.steps: expected a list, got table")
        #expect(failure("{ escalations = 1.5 }") == "decision.escalations: expected a list, got number")
        #expect(failure("{ deviations = true }") == "decision.deviations: expected a list, got boolean")
        #expect(failure("{ blocks = { [2] = {} } }") == "decision.blocks: expected a list, got table")
    }

    @Test func elementsAreNamedOneBased() {
        #expect(failure("{ stages = { 'a', 2 } }") == "decision.stages[2]: expected string, got integer")
        #expect(failure("{ steps = { 'x' } }") == "decision.steps[1]: expected table, got string")
        #expect(failure("{ escalations = { {}, 3 } }") == "decision.escalations[1].role: expected string, got nil")
        #expect(failure("{ deviations = { 1 } }") == "decision.deviations[1]: expected table, got integer")
        #expect(failure("{ blocks = { { code = 'a' }, function() end } }") == "decision.blocks[2]: expected table, got function")
    }

    @Test func stepFieldsAreCheckedInAFixedOrder() {
        let full = "stage = 's', role = 'r', action = 'a', code = 'c'"
        #expect(failure("{ steps = { { due = 1 } } }") == "decision.steps[1].due: expected table, got integer")
        #expect(failure("{ steps = { { due = { days = '1' } } } }") == "decision.steps[1].due.days: expected integer, got string")
        #expect(failure("{ steps = { { due = { days = 1, hours = 1.5 } } } }") == "decision.steps[1].due.hours: expected integer, got number")
        #expect(failure("{ steps = { { due = {} } } }") == "decision.steps[1].stage: expected string, got nil")
        #expect(failure("{ steps = { { stage = 's', action = 1 } } }") == "decision.steps[1].role: expected string, got nil")
        #expect(failure("{ steps = { { stage = 's', role = 'r', code = 1 } } }") == "decision.steps[1].action: expected string, got nil")
        #expect(failure("{ steps = { { stage = 's', role = 'r', action = 'a', facts = 1 } } }") == "decision.steps[1].code: expected string, got nil")
        #expect(failure("{ steps = { { \(full), facts = 'f', task = 1 } } }") == "decision.steps[1].facts: expected a table, got string")
        #expect(failure("{ steps = { { \(full), facts = { [3] = 1 } } } }") == "decision.steps[1].facts: expected names as keys, got table")
        #expect(failure("{ steps = { { \(full), task = 1, scope = 1 } } }") == "decision.steps[1].task: expected string, got integer")
        #expect(failure("{ steps = { { \(full), scope = {}, user = 1 } } }") == "decision.steps[1].scope: expected string, got table")
        #expect(failure("{ steps = { { \(full), user = true, at = 1 } } }") == "decision.steps[1].user: expected string, got boolean")
        #expect(failure("{ steps = { { \(full), on_overdue = function() end, at = 1 } } }") == "decision.steps[1].at: expected string, got integer")
        #expect(failure("{ steps = { { \(full) }, { \(full), at = money('1') } } }") == "decision.steps[2].at: expected string, got money")
    }

    @Test func escalationDeviationAndBlockFieldsAreCheckedInAFixedOrder() {
        #expect(failure("{ escalations = { { role = 'r', facts = 1 } } }") == "decision.escalations[1].code: expected string, got nil")
        #expect(failure("{ escalations = { { role = 'r', code = 'c', facts = 1, at = 1 } } }") == "decision.escalations[1].facts: expected a table, got integer")
        #expect(failure("{ escalations = { { role = 'r', code = 'c', at = 1 } } }") == "decision.escalations[1].at: expected string, got integer")
        #expect(failure("{ deviations = { { needs = 1 } } }") == "decision.deviations[1].field: expected string, got nil")
        #expect(failure("{ deviations = { { field = 'f', quoted = {}, actual = print, code = 1 } } }") == "decision.deviations[1].needs: expected string, got nil")
        #expect(failure("{ deviations = { { field = 'f', needs = 'n', facts = 1 } } }") == "decision.deviations[1].code: expected string, got nil")
        #expect(failure("{ deviations = { { field = 'f', needs = 'n', code = 'c', facts = { [true] = 1 } } } }") == "decision.deviations[1].facts: expected names as keys, got table")
        #expect(failure("{ deviations = { { field = 'f', needs = 'n', code = 'c', at = {} } } }") == "decision.deviations[1].at: expected string, got table")
        #expect(failure("{ blocks = { { facts = 1 } } }") == "decision.blocks[1].code: expected string, got nil")
        #expect(failure("{ blocks = { { code = 'c', facts = true, at = 1 } } }") == "decision.blocks[1].facts: expected a table, got boolean")
        #expect(failure("{ blocks = { { code = 'c', at = 2.5 } } }") == "decision.blocks[1].at: expected string, got number")
    }

    @Test func partsAreCheckedInAFixedOrder() {
        #expect(failure("{ stages = 1, steps = 1, escalations = 1, deviations = 1, blocks = 1 }") == "decision.stages: expected a list, got integer")
        #expect(failure("{ steps = 1, escalations = 1, deviations = 1, blocks = 1 }") == "decision.steps: expected a list, got integer")
        #expect(failure("{ escalations = 1, deviations = 1, blocks = 1 }") == "decision.escalations: expected a list, got integer")
        #expect(failure("{ deviations = 1, blocks = 1 }") == "decision.deviations: expected a list, got integer")
        #expect(failure("{ stages = { 1 }, steps = 1 }") == "decision.stages[1]: expected string, got integer")
        #expect(failure("{ steps = { 1 }, escalations = 1 }") == "decision.steps[1]: expected table, got integer")
    }
}

extension PolicyOutput {
    /// Runs `chunk` and reads its first result the way `PolicyEngine.decide` reads the driver's.
    static func read(_ lua: LuaState, _ chunk: LuaChunk) throws -> PolicyOutput {
        var globals = LuaTableWriter()
        globals.beginRecord()
        globals.end()
        return try lua.run(chunk, globals: globals) { decision throws(LuaError) in try PolicyOutput(decision) }
    }
}
