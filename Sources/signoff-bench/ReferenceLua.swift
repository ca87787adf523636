// The reference for the policy work: the plain `lua5.4` interpreter running the SAME shipped
// policy (driver.lua + rules/*.lua) over request tables already built in Lua
// (bench/reference/run.lua). This file writes those tables as Lua literals — the request as the
// host shows it to scripts (README, "The policy: files and Lua API") — runs the interpreter as a
// subprocess and reads its figures back.
import Foundation
import PolicyEngine
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
        luaLiteral(try PolicyEngine.requestView(resolved))
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

