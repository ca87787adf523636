// Section "runtime": what it costs to hand a contract to a Lua policy and read the decision back.
//
//   (a) host path: encode a 20-line contract (Codable) into a fresh environment, run the policy
//       chunk through `LuaState.run(_:globals:)`, decode its small result table into Swift;
//   (b) plain Lua: the same policy function called in a Lua loop over tables built once inside
//       Lua; per call = (time of a run making K calls − time of a run making 0 calls) / K.
//
// Both run in the same process on the same LuaState with `LuaLimits.none`. Figures are
// microseconds per call: median and p99 over many samples after a warm-up. (This was the whole
// benchmark before the suite; its toy policy is not the shipped one — see "engine" for that.)
import Foundation
import LuaRuntime
import Money

enum RuntimeBench {
    // MARK: The request

    struct Line: Codable {
        var sku: String
        var name: String
        var spec: String
        var quantity: Int
        var unitPrice: Money
        var parameters: [String: String]

        enum CodingKeys: String, CodingKey {
            case sku, name, spec, quantity, parameters
            case unitPrice = "unit_price"
        }
    }

    struct Customer: Codable {
        var id: String
        var name: String
        var region: String
        var creditLimit: Money

        enum CodingKeys: String, CodingKey {
            case id, name, region
            case creditLimit = "credit_limit"
        }
    }

    struct PaymentTerms: Codable {
        var kind: String
        var depositPercent: Int
        var balanceDays: Int

        enum CodingKeys: String, CodingKey {
            case kind
            case depositPercent = "deposit_percent"
            case balanceDays = "balance_days"
        }
    }

    struct Contract: Codable {
        var id: String
        var customer: Customer
        var paymentTerms: PaymentTerms
        var signedOn: String
        var deliveryOn: String
        var quotedTotal: Money
        var total: Money
        var deposit: Money
        var lines: [Line]

        enum CodingKeys: String, CodingKey {
            case id, customer, lines, total, deposit
            case paymentTerms = "payment_terms"
            case signedOn = "signed_on"
            case deliveryOn = "delivery_on"
            case quotedTotal = "quoted_total"
        }
    }

    struct Globals: Encodable {
        var contract: Contract
    }

    struct PolicyResult: Decodable {
        var outcome: String
        var total: Money
        var flagged: Int
        var reasons: [String]
    }

    static func makeContract(lines count: Int) -> Contract {
        var lines: [Line] = []
        var total: Int64 = 0
        for i in 0..<count {
            let price = Money(fen: Int64(1_000_00 + i * 37_15))
            let quantity = 5 + i * 7
            total += price.fen * Int64(quantity)
            lines.append(Line(
                sku: "SP-\(100 + i)", name: "背负式电动喷雾机 \(i + 1) 型", spec: "\(16 + i % 4)L / 12V / 锂电",
                quantity: quantity, unitPrice: price,
                parameters: ["color": i % 2 == 0 ? "红" : "蓝", "warranty": "\(1 + i % 3)y", "packing": "纸箱"]))
        }
        return Contract(
            id: "HT-2024-0612", customer: Customer(id: "C-0007", name: "华东农机有限公司", region: "华东", creditLimit: Money(fen: 5_000_000_00)),
            paymentTerms: PaymentTerms(kind: "deposit_balance", depositPercent: 30, balanceDays: 60),
            signedOn: "2024-06-12", deliveryOn: "2024-07-30", quotedTotal: Money(fen: total + 1_000_00), total: Money(fen: total),
            deposit: Money(fen: total * 3 / 10), lines: lines)
    }

    // MARK: The policy (the same function text in both paths)

    static let policySource = """
        local function policy(c)
          local total = money(0)
          local flagged, params = 0, 0
          for i, l in ipairs(c.lines) do
            local amount = l.unit_price * l.quantity
            total = total + amount
            if l.quantity >= 100 or amount > 100000 then flagged = flagged + 1 end
            if #l.sku == 0 or #l.name == 0 or #l.spec == 0 then flagged = flagged + 1 end
            local p = l.parameters
            if p.color and p.warranty and p.packing then params = params + 1 end
          end
          local reasons = {}
          local cust, terms = c.customer, c.payment_terms
          if total > cust.credit_limit then reasons[#reasons + 1] = "over credit limit" end
          if total ~= c.total then reasons[#reasons + 1] = "total mismatch" end
          if total < c.quoted_total then reasons[#reasons + 1] = "below quote" end
          if terms.deposit_percent < 30 or terms.balance_days > 90 then reasons[#reasons + 1] = "terms" end
          if c.deposit < money(0) then reasons[#reasons + 1] = "deposit" end
          if c.delivery_on < c.signed_on or cust.region ~= "华东" or #c.id == 0 or #cust.id == 0 or #cust.name == 0
             or terms.kind ~= "deposit_balance" then
            reasons[#reasons + 1] = "dates or parties"
          end
          return { outcome = #reasons == 0 and "approve" or "review", total = total, flagged = flagged + params, reasons = reasons }
        end
        """


    static func run(_ options: Options, report: Report) throws {
        let samplesA = options.int("--samples", 20_000)
        let warmup = options.int("--warmup", 2_000)
        let loopCalls = options.int("--loop", 1_000)
        let samplesB = options.int("--loop-samples", 200)
        let lua = try LuaState(limits: .none)
        let contract = makeContract(lines: 20)
        let globals = Globals(contract: contract)

        // (a) host path
        let hostChunk = try lua.compile(policySource + "\nreturn policy(contract)\n", chunkName: "bench/policy.lua")
        func hostCall() throws -> PolicyResult {
            try lua.run(hostChunk, globals: globals).decode(PolicyResult.self)
        }
        let check = try hostCall()
        guard check.outcome == "review", check.reasons == ["below quote"], check.total == contract.total else {
            print("unexpected policy result: \(check)")
            throw BenchError("runtime: unexpected result")
        }
        for _ in 0..<warmup { _ = try hostCall() }
        var a: [Double] = []
        a.reserveCapacity(samplesA)
        for _ in 0..<samplesA {
            let start = clock.now
            let result = try hostCall()
            let end = clock.now
            precondition(result.flagged >= 0)
            a.append(microseconds(end - start))
        }

        // Fixed cost of a run: empty chunk, no globals, nothing decoded.
        let emptyChunk = try lua.compile("return 1", chunkName: "bench/empty.lua")
        for _ in 0..<warmup { _ = try lua.run(emptyChunk) }
        var empty: [Double] = []
        for _ in 0..<samplesA {
            let start = clock.now
            _ = try lua.run(emptyChunk)
            empty.append(microseconds(clock.now - start))
        }

        // Where (a)'s time goes (printed with --breakdown).
        var breakdown: [(String, Stats)] = []
        if options.flag("--breakdown") {
            func measure(_ label: String, _ body: () throws -> Void) rethrows {
                for _ in 0..<warmup { try body() }
                var t: [Double] = []
                for _ in 0..<samplesA {
                    let start = clock.now
                    try body()
                    t.append(microseconds(clock.now - start))
                }
                breakdown.append((label, Stats(t)))
            }
            let tree = try LuaValueEncoder().encode(globals)
            let pushOnly = try lua.compile("return 1", chunkName: "bench/push.lua")
            let argChunk = try lua.compile(policySource + "\nreturn policy(...)\n", chunkName: "bench/arg.lua")
            try measure("    encode only (Codable → LuaValue)") { _ = try LuaValueEncoder().encode(globals) }
            try measure("    encode + push globals, run `return 1`") { _ = try lua.run(pushOnly, globals: globals) }
            try measure("    push prebuilt LuaValue + policy, no decode") { _ = try lua.run(argChunk, arguments: [tree["contract"]]) }
            try measure("    encode + push + policy, no decode") { _ = try lua.run(hostChunk, globals: globals) }
        }

        // (b) plain Lua loop over tables built once inside Lua
        let literal = luaLiteral(try LuaValueEncoder().encode(contract))
        let loopChunk = try lua.compile(policySource + """

            local K = ...
            local c = \(literal)
            local r
            for i = 1, K do r = policy(c) end
            return r and r.outcome, r and r.total
            """, chunkName: "bench/loop.lua")
        let loopCheck = try lua.run(loopChunk, arguments: [.integer(1)])
        guard loopCheck.values == [.string(check.outcome), .money(check.total)] else {
            print("unexpected loop result: \(loopCheck.values)")
            throw BenchError("runtime: unexpected result")
        }
        func timeRun(_ k: Int) throws -> Double {
            let start = clock.now
            _ = try lua.run(loopChunk, arguments: [.integer(Int64(k))])
            return microseconds(clock.now - start)
        }
        for _ in 0..<20 { _ = try timeRun(loopCalls); _ = try timeRun(0) }
        var zero: [Double] = []
        var full: [Double] = []
        for _ in 0..<samplesB {
            zero.append(try timeRun(0))
            full.append(try timeRun(loopCalls))
        }
        let base = Stats(zero).median
        let b = full.map { ($0 - base) / Double(loopCalls) }

        let sa = Stats(a), sb = Stats(b), se = Stats(empty)
        let ratio = sa.median / sb.median
        func row(_ label: String, _ s: Stats, _ note: String) -> String {
            label.padding(toLength: 50, withPad: " ", startingAt: 0)
                + String(format: "%10.2f %10.2f %9d   ", s.median, s.p99, s.samples) + note
        }
        print("  20-line contract, policy reads every field, LuaLimits.none")
        print("  " + "what".padding(toLength: 50, withPad: " ", startingAt: 0) + String(format: "%10@ %10@ %9@", "median µs", "p99 µs", "samples"))
        print("  " + row("(a) Swift → Lua → Swift (run + decode)", sa, "target < 10 µs median"))
        print("  " + row("(b) plain Lua loop, tables prebuilt", sb, "per call, \(loopCalls) calls per sample"))
        print("  " + row("    fixed cost of a run (return 1)", se, "no globals, nothing decoded"))
        for (label, s) in breakdown { print("  " + row(label, s, "")) }
        print(String(format: "  ratio (a)/(b) median: %.2f×", ratio))
        let json: [String: Any] = [
            "lines": 20,
            "a_median_us": (sa.median * 100).rounded() / 100, "a_p99_us": (sa.p99 * 100).rounded() / 100,
            "b_median_us": (sb.median * 100).rounded() / 100, "b_p99_us": (sb.p99 * 100).rounded() / 100,
            "run_overhead_median_us": (se.median * 100).rounded() / 100,
            "ratio_median": (ratio * 100).rounded() / 100, "a_samples": sa.samples, "b_samples": sb.samples,
            "b_calls_per_sample": loopCalls, "target_a_median_us": 10, "a_meets_target": sa.median < 10,
        ]
        let data = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
        print("  " + String(decoding: data, as: UTF8.self))
        report.add(Figure(section: "runtime", what: "20-line contract, Swift → Lua → Swift (toy policy)", unit: "µs",
                          median: sa.median, p99: sa.p99, reference: sb.median,
                          referenceNote: "same toy policy in a plain Lua loop on prebuilt tables, same state",
                          note: "toy policy, LuaLimits.none; ref = its plain Lua loop in the same state"))
    }
}
