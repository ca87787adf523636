// The reference for the policy work: the plain `lua5.4` interpreter running the SAME shipped
// policy (driver.lua + rules/*.lua) over request tables already built in Lua
// (bench/reference/run.lua). This file writes those tables as Lua literals — the request as the
// host shows it to scripts (README, "The policy: files and Lua API") — runs the interpreter as a
// subprocess and reads its figures back.
import Foundation
import LuaRuntime
import Money
import SalesDomain

enum ReferenceLua {
    struct Result {
        var label: String
        /// µs per evaluation: median and p99 of the per-evaluation mean of each batch.
        var median: Double
        var p99: Double
        var samples: Int
        var batch: Int
        var counts: DecisionCounts
        var failures: Int
    }

    /// What a pool's decisions contain, to check the reference ran the same policy to the same ends.
    struct DecisionCounts: Equatable, CustomStringConvertible {
        var deviations = 0
        var blocks = 0
        var escalations = 0

        var description: String { "\(deviations) deviations, \(blocks) blocks, \(escalations) escalations" }
    }

    /// The interpreter, or nil (scripts/bench installs lua5.4).
    static func interpreter(_ options: Options) -> String? { which(options.string("--lua", "lua5.4")) }

    /// `request` as the host hands it to scripts, as a Lua table constructor.
    static func literal(_ resolved: ResolvedRequest) throws -> String {
        luaLiteral(try LuaValueEncoder().encode(LuaRequestView(resolved)))
    }

    /// Writes a chunk returning `{ { label =, requests = { … } }, … }` (with `money` in scope).
    static func writeRequests(_ groups: [(label: String, requests: [ResolvedRequest])], to path: String) throws {
        var text = "-- written by signoff-bench: request tables as the host shows them to scripts\nlocal G, R = {}, nil\n"
        for group in groups {
            text += "R = {}\nG[#G + 1] = { label = \(luaLiteral(.string(group.label))), requests = R }\n"
            for request in group.requests { text += "R[#R + 1] = " + (try literal(request)) + "\n" }
        }
        text += "return G\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Runs bench/reference/run.lua over `groups`; results by label.
    static func run(_ bench: Workbench, groups: [(label: String, requests: [ResolvedRequest])],
                    seconds: Double? = nil) throws -> [String: Result] {
        guard let lua = interpreter(bench.options) else { throw BenchError("no lua5.4 on PATH (apt-get install lua5.4)") }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("signoff-bench-requests-\(getpid()).lua").path
        try writeRequests(groups, to: file)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let arguments = ["bench/reference/run.lua", "--rules", bench.rulesDirectory, "--driver", bench.driverPath,
                         "--requests", file, "--batch", String(bench.options.int("--ref-batch", 100)),
                         "--seconds", String(seconds ?? bench.options.double("--ref-seconds", 0.6))]
        let run = try runProgram(lua, arguments)
        guard run.status == 0 else { throw BenchError("lua5.4 run.lua failed (\(run.status)): \(run.error)") }
        if !run.error.isEmpty { print("  lua5.4: " + run.error.trimmingCharacters(in: .whitespacesAndNewlines)) }
        return try parse(run.output)
    }

    /// The lines run.lua prints: label, median, p99, samples, batch, deviations, blocks, escalations, steps, failures.
    static func parse(_ output: String) throws -> [String: Result] {
        var results: [String: Result] = [:]
        for line in output.split(separator: "\n") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 10, let median = Double(f[1]), let p99 = Double(f[2]), let samples = Int(f[3]),
                  let batch = Int(f[4]), let d = Int(f[5]), let b = Int(f[6]), let e = Int(f[7]), let failures = Int(f[9])
            else { throw BenchError("unexpected line from run.lua: \(line)") }
            results[f[0]] = Result(label: f[0], median: median, p99: p99, samples: samples, batch: batch,
                                   counts: DecisionCounts(deviations: d, blocks: b, escalations: e), failures: failures)
        }
        return results
    }

    static func counts(_ decisions: [Decision]) -> DecisionCounts {
        decisions.reduce(into: DecisionCounts()) { c, d in
            c.deviations += d.deviations.count
            c.blocks += d.blocks.count
            c.escalations += d.escalations.count
        }
    }
}

// MARK: The request as scripts see it (mirrors PolicyEngine's internal PolicyInput)

struct LuaRequestView: Encodable {
    let kind: String
    let id: String?
    let submittedBy: User
    let branch: String?
    let customer: Customer
    let document: LuaDocumentView
    let quote: LuaReferenceView?
    let contract: LuaReferenceView?
    let tender: LuaReferenceView?

    enum CodingKeys: String, CodingKey {
        case kind, id, branch, customer, document, quote, contract, tender
        case submittedBy = "submitted_by"
    }

    init(_ r: ResolvedRequest) throws {
        kind = r.request.kind.rawValue
        id = r.request.id
        submittedBy = r.submitter
        branch = r.branch
        customer = r.customer
        document = try LuaDocumentView(r.request.document, products: r.products, contract: r.contract?.document.contract)
        quote = try r.quote.map { try LuaReferenceView($0, products: r.products) }
        contract = try r.contract.map { try LuaReferenceView($0, products: r.products) }
        tender = try r.tender.map { try LuaReferenceView($0, products: r.products) }
    }
}

struct LuaReferenceView: Encodable {
    let id: String
    let document: LuaDocumentView
    let shipped: [String: Int64]?
    let returned: [String: Int64]?
    let invoiced: Money?
    let collected: Money?

    init(_ stored: StoredDocument, products: [String: Product]) throws {
        id = stored.id
        document = try LuaDocumentView(stored.document, products: products, contract: nil)
        if stored.kind == .contract {
            let progress = stored.progress ?? .none
            shipped = progress.shipped
            returned = progress.returned
            invoiced = progress.invoiced
            collected = progress.collected
        } else {
            shipped = nil
            returned = nil
            invoiced = nil
            collected = nil
        }
    }
}

struct LuaDocumentView: Encodable {
    let document: Document
    let amount: Money?
    let cost: Money?
    let lines: [LuaLineView]?

    enum CodingKeys: String, CodingKey { case amount, cost, lines }

    init(_ document: Document, products: [String: Product], contract: Contract?) throws {
        self.document = document
        let lines = document.lines
        if lines.isEmpty {
            self.lines = nil
            cost = nil
            switch document {
            case .collection(let c): amount = c.amount
            case .invoice(let i): amount = i.amount
            case .tender(let t): amount = t.estimatedAmount
            default: amount = nil
            }
            return
        }
        var views: [LuaLineView] = []
        var total: Money? = Money.zero
        var totalCost: Money? = Money.zero
        for line in lines {
            let product = products[line.sku]
            let price = line.unitPrice ?? contract?.unitPrice(of: line.sku)
            let lineAmount = try price.map { try $0.multiplied(by: line.quantity) }
            if let t = total, let a = lineAmount { total = try t.adding(a) } else { total = nil }
            if let t = totalCost, let c = product?.unitCost { totalCost = try t.adding(c.multiplied(by: line.quantity)) } else { totalCost = nil }
            views.append(LuaLineView(line: line, product: product, unitPrice: price, amount: lineAmount))
        }
        self.lines = views
        amount = total
        switch document {
        case .quote, .contract: cost = totalCost
        default: cost = nil
        }
    }

    func encode(to encoder: any Encoder) throws {
        try document.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(amount, forKey: .amount)
        try container.encodeIfPresent(cost, forKey: .cost)
        try container.encodeIfPresent(lines, forKey: .lines)
    }
}

struct LuaLineView: Encodable {
    let line: Line
    let product: Product?
    let unitPrice: Money?
    let amount: Money?

    enum CodingKeys: String, CodingKey {
        case sku, name, spec, unit, quantity, parameters, product, amount
        case unitPrice = "unit_price"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(line.sku, forKey: .sku)
        try c.encodeIfPresent(line.name ?? product?.name, forKey: .name)
        try c.encodeIfPresent(line.spec, forKey: .spec)
        try c.encodeIfPresent(line.unit ?? product?.unit, forKey: .unit)
        try c.encode(line.quantity, forKey: .quantity)
        try c.encodeIfPresent(unitPrice, forKey: .unitPrice)
        try c.encodeIfPresent(amount, forKey: .amount)
        try c.encode(line.parameters, forKey: .parameters)
        try c.encodeIfPresent(product, forKey: .product)
    }
}

// MARK: Lua literals

/// A Lua table constructor for `value` (as the encoder would build it).
func luaLiteral(_ value: LuaValue) -> String {
    switch value {
    case .nil, .unsupported: return "nil"
    case .boolean(let b): return b ? "true" : "false"
    case .integer(let i): return String(i)
    case .number(let d): return "\(d)"
    case .string(let s):
        var out = "\""
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out += "\\" + String(UnicodeScalar(byte))
            case 0x20..<0x7F: out += String(UnicodeScalar(byte))
            default: out += "\\" + String(format: "%03d", byte)  // always 3 digits: a digit may follow
            }
        }
        return out + "\""
    case .money(let m): return "money(\"\(m.description)\")"
    case .table(let t):
        var parts = t.array.map(luaLiteral)
        for (k, v) in t.sortedFields { parts.append("[\(luaLiteral(k))] = \(luaLiteral(v))") }
        return "{" + parts.joined(separator: ", ") + "}"
    }
}

