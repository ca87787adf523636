// Section "parallel": decisions per second on all cores — one engine per thread over a fixed,
// pre-generated batch of requests (the weighted mix of every kind) and one shared context — and
// on one core for comparison. Beside each: plain lua5.4 on the same mix, as many processes as
// threads, each over the prebuilt tables.
import Dispatch
import Foundation
import PolicyEngine
import SalesDomain

/// Per-thread state handed across threads (each slot is touched by one thread at a time).
final class Slots<T>: @unchecked Sendable {
    var values: [T]
    init(_ values: [T]) { self.values = values }
}

enum ParallelBench {
    static func run(_ bench: Workbench, report: Report) throws {
        let pools = try bench.pools()
        let context = pools.context
        let mix = pools.mix.requests
        let rules = try bench.rules()
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let threads = max(1, bench.options.int("--threads", cores))
        let roundSeconds = bench.options.double("--parallel-seconds", 1.5)
        let rounds = max(1, bench.options.int("--parallel-rounds", 5))
        print("  mix of \(mix.count) requests: "
              + Dictionary(grouping: mix, by: \.kind).map { "\($0.key.rawValue) \($0.value.count)" }.sorted().joined(separator: ", "))

        // Plain Lua over the same mix: one process per thread, run at the same time.
        var referenceRates: [Int: Double] = [:]
        do {
            let resolved = try mix.map(context.resolve)
            for t in Set([1, threads]).sorted() {
                referenceRates[t] = try referenceRate(bench, requests: resolved, processes: t)
            }
        } catch {
            report.note("parallel: no plain-Lua reference: \(error)")
        }

        var variants: [(threads: Int, privateCopies: Bool)] = Set([1, threads]).sorted().map { ($0, false) }
        if threads > 1, !bench.options.flag("--no-private") { variants.append((threads, true)) }
        for (t, privateCopies) in variants {
            // Each thread's view of the data: the shared context and batch, or deep copies of its own
            // (decoded again from JSON), to tell contention on shared objects from the engine's own cost.
            var data: [(PolicyContext, [Request])] = []
            for _ in 0..<t {
                data.append(privateCopies ? try deepCopy(context, mix) : (context, mix))
            }
            let perThread = Slots(data)
            let engines = Slots<PolicyEngine?>(Array(repeating: nil, count: t))
            let counts = Slots<Int>(Array(repeating: 0, count: t))
            var failure: (any Error)?
            let errors = Slots<String?>(Array(repeating: nil, count: t))
            func round(duration: Double) -> Double {
                let deadline = clock.now + .milliseconds(Int(duration * 1000))
                let start = clock.now
                DispatchQueue.concurrentPerform(iterations: t) { i in
                    do {
                        let engine: PolicyEngine
                        if let existing = engines.values[i] { engine = existing } else {
                            engine = try PolicyEngine(rules: rules)
                            engines.values[i] = engine
                        }
                        let (context, mix) = perThread.values[i]
                        var n = 0
                        var index = (mix.count / t) * i
                        while true {
                            for _ in 0..<32 {
                                blackHole(try engine.decide(mix[index], context: context))
                                index += 1
                                if index == mix.count { index = 0 }
                            }
                            n += 32
                            if clock.now >= deadline { break }
                        }
                        counts.values[i] = n
                    } catch {
                        errors.values[i] = "\(error)"
                    }
                }
                let elapsed = seconds(clock.now - start)
                if let message = errors.values.compactMap({ $0 }).first { failure = BenchError(message) }
                return Double(counts.values.reduce(0, +)) / elapsed
            }
            _ = round(duration: min(0.5, roundSeconds))   // engines made, caches warm
            if let failure { throw failure }
            var rates: [Double] = []
            for _ in 0..<rounds { rates.append(round(duration: roundSeconds)) }
            let stats = Stats(rates)
            let all = t == threads && t > 1 && !privateCopies
            let what = privateCopies ? "  \(t) threads, private copies of context + requests"
                : all ? "decisions/s, \(t) threads (all cores)" : "decisions/s, 1 thread"
            report.add(Figure(section: "parallel", what: what, unit: "/s", kind: .rate, median: stats.median, p99: nil,
                              reference: privateCopies ? nil : referenceRates[t], referenceNote: "\(t) lua5.4 process(es) on the same mix",
                              target: all || threads == 1 ? "> 150,000 /s on 2 cores" : "",
                              meets: all || threads == 1 ? stats.median > 150_000 : nil,
                              note: "worst of \(rounds) rounds \(Report.number(stats.min, unit: "/s")); per decision "
                                  + String(format: "%.2f µs·thread", Double(t) * 1e6 / stats.median)))
        }
    }

    /// A deep copy of the context and requests (JSON out and back in), sharing no storage.
    static func deepCopy(_ context: PolicyContext, _ requests: [Request]) throws -> (PolicyContext, [Request]) {
        let encoder = JSONEncoder()
        let contextJSON = String(decoding: try encoder.encode(context), as: UTF8.self)
        let copy = try InputDecoder.context(from: contextJSON, file: "copy")
        let requestsCopy = try requests.map { request in
            try InputDecoder.request(from: String(decoding: try encoder.encode(request), as: UTF8.self), file: "copy")
        }
        return (copy, requestsCopy)
    }

    /// Decisions per second of `processes` lua5.4 processes running at once over `requests`.
    static func referenceRate(_ bench: Workbench, requests: [ResolvedRequest], processes: Int) throws -> Double {
        guard let lua = ReferenceLua.interpreter(bench.options) else { throw BenchError("no lua5.4 on PATH") }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("signoff-bench-mix-\(getpid()).lua").path
        try ReferenceLua.writeRequests([(label: "mix", requests: requests)], to: file)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let seconds = bench.options.double("--parallel-seconds", 1.5) * 2
        let arguments = ["bench/reference/run.lua", "--rules", bench.rulesDirectory, "--driver", bench.driverPath,
                         "--requests", file, "--batch", "200", "--seconds", String(seconds), "--samples", "100000"]
        let outputs = Slots<String?>(Array(repeating: nil, count: processes))
        DispatchQueue.concurrentPerform(iterations: processes) { i in
            if let run = try? runProgram(lua, arguments), run.status == 0 { outputs.values[i] = run.output }
        }
        var rate = 0.0
        for output in outputs.values {
            guard let output, let result = try ReferenceLua.parse(output)["mix"] else { throw BenchError("a lua5.4 process failed") }
            rate += 1e6 / result.median
        }
        return rate
    }
}
