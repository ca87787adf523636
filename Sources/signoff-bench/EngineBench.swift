// Section "engine": one `decide` per request kind, in-process, warm engine (µs per decision),
// beside the plain `lua5.4` interpreter running the same shipped policy on prebuilt tables.
import Foundation
import PolicyEngine
import SalesDomain

enum EngineBench {
    static func run(_ bench: Workbench, report: Report) throws {
        let pools = try bench.pools()
        let context = pools.context
        let engine = try PolicyEngine(rules: bench.rules())
        let samples = bench.options.int("--engine-samples", 10_000)
        var groups = [pools.contract10] + pools.kinds
        if let only = bench.options.value("--engine-only") {   // e.g. "visit_plan,contract" (for profiling)
            let labels = Set(only.split(separator: ",").map(String.init))
            groups = groups.filter { group in labels.contains { group.label.hasPrefix($0) } }
        }
        print("  pools: \(groups.map { "\($0.label) \($0.requests.count)" }.joined(separator: ", ")); context: "
              + "\(context.customers.count) customers, \(context.products.count) products, \(context.documents.count) documents")

        var host: [String: (Stats, ReferenceLua.DecisionCounts)] = [:]
        for group in groups {
            let requests = group.requests
            guard !requests.isEmpty else { continue }
            var decisions: [Decision] = []
            for request in requests { decisions.append(try engine.decide(request, context: context)) }
            for _ in 0..<2 { for request in requests { blackHole(try engine.decide(request, context: context)) } }
            let count = group.label == pools.contract10.label ? samples * 3 : samples
            var times: [Double] = []
            times.reserveCapacity(count)
            let budget = clock.now + .milliseconds(Int(bench.options.double("--engine-seconds", 2.5) * 1000))
            for i in 0..<count {
                if i >= 500, i % 100 == 0, clock.now > budget { break }
                let request = requests[i % requests.count]
                let start = clock.now
                let decision = try engine.decide(request, context: context)
                let end = clock.now
                blackHole(decision)
                times.append(microseconds(end - start))
            }
            host[group.label] = (Stats(times), ReferenceLua.counts(decisions))
        }

        var reference: [String: ReferenceLua.Result] = [:]
        do {
            let resolved = try groups.map { group in (label: group.label, requests: try group.requests.map(context.resolve)) }
            if let dump = bench.options.value("--dump-requests") {
                try ReferenceLua.writeRequests(resolved, to: dump)
                print("  request tables written to \(dump) (for bench/reference/run.lua --requests)")
            }
            reference = try ReferenceLua.run(bench, groups: resolved)
        } catch {
            report.note("engine: no plain-Lua reference: \(error)")
        }

        for group in groups {
            guard let (stats, counts) = host[group.label] else { continue }
            let ref = reference[group.label]
            var notes: [String] = ["\(group.requests.count) requests"]
            if let ref {
                if ref.failures > 0 { notes.append("reference: \(ref.failures) evaluations failed") }
                if ref.counts != counts {
                    notes.append("MISMATCH host \(counts) vs reference \(ref.counts)")
                }
            }
            let isTarget = group.label == pools.contract10.label
            var meets: Bool?
            if isTarget { meets = stats.median < 10 && (ref.map { stats.median <= 2 * $0.median } ?? true) }
            report.add(Figure(section: "engine", what: "decide: \(group.label)", unit: "µs", median: stats.median, p99: stats.p99,
                              reference: ref?.median, referenceNote: "plain lua5.4, batch means",
                              target: isTarget ? "< 10 µs, ≤ ×2 ref" : "", meets: meets,
                              note: notes.joined(separator: "; ")))
        }
        if let ref = reference.values.first {
            report.note("engine: reference = plain lua5.4, shipped driver.lua + rules/, request tables prebuilt in Lua; "
                        + "median/p99 of per-evaluation means over batches of \(ref.batch) (os.clock); host = each decision timed")
        }
    }
}
