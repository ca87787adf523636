// Section "replay": the replay API (all cores) over N stored cases (--replay-cases, default
// 1,000,000). Submitting a million cases would take too long, so: a few hundred real cases go in
// through `submit` (real decisions, contexts and policy version), then SQL clones them into the
// `cases` and `case_contexts` rows submit writes — new ids (also inside the request JSON),
// creation times a minute apart from 2024 on — in one transaction per fill. Timed:
// `replayCases` + `policySnapshots` (load) and `PolicyReplay.run` (decide) — together exactly
// what `Store.replay` does — with a candidate that lowers `major_amount` (see `whatIf`), so each
// case is decided by its own version and by the candidate.
//
// When N cases would take longer than --replay-seconds to replay (at the rate measured over a
// first 2,000), or need more memory than there is (replayCases holds every case), the store is
// filled only to the count that fits, all of it is replayed, and the 1M figure is extrapolated
// linearly, labelled so.
import ApprovalStore
import Foundation
import GRDB
import LuaRuntime
import PolicyEngine
import SalesDomain

enum ReplayBench {
    struct Run {
        var cases: Int
        var load: Double
        var decide: Double
        var summary: String
        var seconds: Double { load + decide }
    }

    static func run(_ bench: Workbench, report: Report) throws {
        let wanted = max(1, bench.options.int("--replay-cases", 1_000_000))
        let distinct = max(1, bench.options.int("--replay-distinct", 300))
        let threads = max(1, bench.options.int("--threads", ProcessInfo.processInfo.activeProcessorCount))
        let budget = bench.options.double("--replay-seconds", 60)
        let directory = try StoreBench.temporaryDirectory("replay")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/bench.db"
        let pools = try bench.pools()
        let rules = try bench.rules()
        let candidate = try whatIf(rules)

        // 1. Real cases through the store API.
        let (stored, blocked) = try submitReal(directory, pools: pools, rules: rules, count: min(distinct, wanted))
        guard stored > 0 else { throw BenchError("no case could be submitted") }
        let sizes = try rowSizes(path)
        // In memory, replayCases holds each case decoded (request, decision) plus its context JSON.
        let perCase = 3 * (sizes.request + sizes.decision) + sizes.context + 1024
        var count = wanted
        if let available = availableMemory() {
            let cap = max(stored, Int(0.6 * Double(available) / perCase) / 1000 * 1000)
            if cap < count {
                report.note("replay: \(Report.grouped(count)) cases would need ~\(Int(Double(count) * perCase / 1e9)) GB in memory "
                            + "(replayCases loads them all, ~\(Int(perCase)) B per case); at most \(Report.grouped(cap))")
                count = cap
            }
        }

        // 2. A probe over the first 2,000, to size the run to the time budget.
        var insertSeconds = 0.0
        var filled = stored
        if count > 4000 {
            insertSeconds += try fill(path, seedCount: stored, from: filled, to: 2000)
            filled = 2000
            let probe = try replay(path, candidate: candidate, threads: threads)
            let rate = Double(probe.cases) / probe.seconds
            print("  probe: \(probe.cases) cases in \(String(format: "%.1f", probe.seconds)) s (\(Int(rate)) cases/s)")
            if Double(count) / rate > budget {
                let fits = max(2000, Int(rate * budget) / 1000 * 1000)
                report.note("replay: \(Report.grouped(count)) cases would take ~\(Int(Double(count) / rate)) s at \(Int(rate)) cases/s; "
                            + "stored and replayed \(Report.grouped(fits)) (--replay-seconds \(Int(budget))), 1M extrapolated")
                count = min(count, fits)
            }
        }
        insertSeconds += try fill(path, seedCount: stored, from: filled, to: count)
        let fileSize = ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil) ?? 0
        print("  \(stored) real cases (\(blocked) blocked) cloned to \(Report.grouped(count)) in \(String(format: "%.1f", insertSeconds)) s; "
              + "database \(fileSize / 1_000_000) MB; per case: request \(Int(sizes.request)) B, decision \(Int(sizes.decision)) B, "
              + "context \(Int(sizes.context)) B")
        fflush(nil)

        // 3. Replay them all.
        let run = try replay(path, candidate: candidate, threads: threads)
        let perMillion = run.seconds * 1_000_000 / Double(run.cases)
        var note = "\(Report.grouped(run.cases)) cases (\(stored) distinct), \(threads) threads: load \(String(format: "%.1f", run.load)) s "
            + "+ decide \(String(format: "%.1f", run.decide)) s; \(run.summary); bulk insert \(String(format: "%.1f", insertSeconds)) s, "
            + "\(fileSize / 1_000_000) MB"
        if run.cases != 1_000_000 { note += "; EXTRAPOLATED linearly to 1M from \(Report.grouped(run.cases)) replayed" }
        report.add(Figure(section: "replay", what: run.cases == 1_000_000 ? "replay 1,000,000 cases (all cores)"
                              : "replay, est. 1,000,000 cases (ran \(Report.grouped(run.cases)))",
                          unit: "s", median: perMillion, p99: nil, target: "< 30 s", meets: perMillion < 30, note: note))
        report.add(Figure(section: "replay", what: "  replayed cases/s", unit: "/s", kind: .rate,
                          median: Double(run.cases) / run.seconds, p99: nil,
                          note: String(format: "load %.0f µs/case; decide phase %.0f cases/s (2 decisions each: %.0f decisions/s)",
                                       run.load * 1e6 / Double(run.cases), Double(run.cases) / run.decide,
                                       2 * Double(run.cases) / run.decide)))
    }

    /// What an administrator replays: the shipped rules with `major_amount` lowered to
    /// ¥450,000.00. A candidate that differs from the version that decided the cases, so every
    /// case is decided twice (by its version and by the candidate), as in real use; replaying
    /// the deciding version itself would decide each case once.
    static func whatIf(_ rules: RulesSnapshot) throws -> RulesSnapshot {
        guard let thresholds = rules.modules["thresholds"] else { throw BenchError("rules/thresholds.lua is missing") }
        let changed = thresholds.text.replacingOccurrences(of: #"major_amount = money("500000.00")"#,
                                                           with: #"major_amount = money("450000.00")"#)
        guard changed != thresholds.text else { throw BenchError("rules/thresholds.lua: major_amount not found") }
        var modules = rules.modules
        modules["thresholds"] = LuaModuleSource(text: changed, chunkName: thresholds.chunkName)
        return RulesSnapshot(modules: modules, directory: rules.directory)
    }

    /// Replays every stored case with `candidate`, as Store.replay does, timing the load and the
    /// decisions.
    static func replay(_ path: String, candidate: RulesSnapshot, threads: Int) throws -> Run {
        let store = try Store(path: path)
        let loadStart = clock.now
        let cases = try store.replayCases()
        let versions = try store.policySnapshots()
        let load = seconds(clock.now - loadStart)
        let decideStart = clock.now
        let result = try PolicyReplay.run(cases, candidate: candidate, versions: versions, threads: threads)
        let decide = seconds(clock.now - decideStart)
        return Run(cases: cases.count, load: load, decide: decide,
                   summary: "candidate major_amount ¥450,000.00: examined \(result.examined), changed \(result.changed), "
                       + "skipped \(result.skipped.count), baseline from stored \(result.baselineFromStoredDecision)")
    }

    /// Submits up to `count` requests of the pools into a new store in `directory`.
    static func submitReal(_ directory: String, pools: Pools, rules: RulesSnapshot, count: Int) throws -> (stored: Int, blocked: Int) {
        let store = try StoreBench.openStore(directory, context: pools.context)
        let engine = try PolicyEngine(rules: rules)
        var stored = 0, blocked = 0
        for request in pools.mix.requests + pools.kinds.flatMap(\.requests) {
            if stored >= count { break }
            if try StoreBench.submit(store, engine: engine, request: request) { stored += 1 } else { blocked += 1 }
        }
        return (stored, blocked)
    }

    /// Average JSON sizes of the real cases' request, decision and context.
    static func rowSizes(_ path: String) throws -> (request: Double, decision: Double, context: Double) {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        let row = try queue.read { db in
            try Row.fetchOne(db, sql: """
                SELECT avg(length(c.request)) AS request, avg(length(c.decision)) AS decision, avg(length(x.context)) AS context
                FROM cases c JOIN case_contexts x ON x.case_id = c.id AND x.revision = c.revision
                """)
        }
        return (row?["request"] ?? 0, row?["decision"] ?? 0, row?["context"] ?? 0)
    }

    /// Clones the `seedCount` real cases (and their contexts) until the store holds `to` cases
    /// (it holds `from`), in one transaction; seconds taken. Bulk load: no journal, no syncs,
    /// secondary indexes rebuilt at the end (same definitions); back in WAL mode afterwards.
    static func fill(_ path: String, seedCount: Int, from: Int, to: Int) throws -> Double {
        guard to > from else { return 0 }
        let start = clock.now
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = OFF")
            try db.execute(sql: "PRAGMA synchronous = OFF")
            try db.execute(sql: "PRAGMA cache_size = -262144")
            let indexes = try Row.fetchAll(db, sql: """
                SELECT name, sql FROM sqlite_master
                WHERE type = 'index' AND tbl_name IN ('cases', 'case_contexts') AND sql IS NOT NULL
                """).map { (name: $0["name"] as String, sql: $0["sql"] as String) }
            try db.inTransaction {
                for index in indexes { try db.execute(sql: "DROP INDEX \(index.name)") }
                // Clone number `ord` (0-based) is copy n = ord / seeds + 1 of real case k = ord % seeds.
                try db.execute(sql: """
                    CREATE TEMP TABLE seed AS
                        SELECT c.*, x.policy AS context_policy, x.context AS context,
                               row_number() OVER (ORDER BY c.created_at, c.id) - 1 AS k
                        FROM cases c JOIN case_contexts x ON x.case_id = c.id AND x.revision = c.revision
                        WHERE instr(c.id, '~') = 0;
                    CREATE TEMP TABLE clones AS
                        WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < :copies)
                        SELECT s.k AS k, s.id || '~' || seq.n AS id, (seq.n - 1) * :seeds + s.k AS ord
                        FROM seq CROSS JOIN seed s
                        WHERE (seq.n - 1) * :seeds + s.k >= :start AND (seq.n - 1) * :seeds + s.k < :end
                        ORDER BY ord;
                    INSERT INTO cases (id, kind, submitter, branch, customer, contract_ref, request, decision, outcome, policy,
                                       state, stage_index, revision, created_at, updated_at, closed_at)
                        SELECT cl.id, s.kind, s.submitter, s.branch, s.customer, s.contract_ref,
                               json_set(s.request, '$.id', cl.id), s.decision, s.outcome, s.policy,
                               'approved', s.stage_index, s.revision,
                               strftime('%Y-%m-%dT%H:%M:%SZ', '2024-01-01', '+' || cl.ord || ' minutes'),
                               strftime('%Y-%m-%dT%H:%M:%SZ', '2024-01-01', '+' || (cl.ord + 5) || ' minutes'),
                               strftime('%Y-%m-%dT%H:%M:%SZ', '2024-01-01', '+' || (cl.ord + 5) || ' minutes')
                        FROM clones cl JOIN seed s ON s.k = cl.k;
                    INSERT INTO case_contexts (case_id, revision, policy, context)
                        SELECT cl.id, s.revision, s.context_policy, s.context FROM clones cl JOIN seed s ON s.k = cl.k;
                    DROP TABLE clones;
                    DROP TABLE seed;
                    """, arguments: ["copies": (to - seedCount + seedCount - 1) / seedCount + 1, "seeds": seedCount,
                                     "start": from - seedCount, "end": to - seedCount])
                for index in indexes { try db.execute(sql: index.sql) }
                return .commit
            }
            try db.execute(sql: "PRAGMA journal_mode = WAL")
        }
        return seconds(clock.now - start)
    }

    /// MemAvailable from /proc/meminfo, in bytes.
    static func availableMemory() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let fields = line.split(separator: " ")
            if fields.count >= 2, let kb = Int(fields[1]) { return kb * 1024 }
        }
        return nil
    }
}
