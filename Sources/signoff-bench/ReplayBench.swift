// Section "replay": the replay API (all cores) over N stored cases (--replay-cases, default
// 1,000,000). Submitting a million cases would take too long, so: a few hundred real cases go in
// through `submit` (real decisions, contexts and policy version), then one transaction clones
// them with SQL into N rows of `cases` and `case_contexts` — the same columns submit writes, new
// ids (also inside the request JSON), creation times spread a minute apart over the years — and
// then `replayCases` + `PolicyReplay.run` (exactly what `Store.replay` does) are timed, the
// load and the decisions separately.
import ApprovalStore
import Foundation
import GRDB
import PolicyEngine
import SalesDomain

enum ReplayBench {
    static func run(_ bench: Workbench, report: Report) throws {
        let wanted = max(1, bench.options.int("--replay-cases", 1_000_000))
        let distinct = max(1, bench.options.int("--replay-distinct", 300))
        let threads = max(1, bench.options.int("--threads", ProcessInfo.processInfo.activeProcessorCount))
        let directory = try StoreBench.temporaryDirectory("replay")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/bench.db"
        let pools = try bench.pools()
        let rules = try bench.rules()

        // 1. Real cases through the store API.
        let (stored, blocked) = try submitReal(directory, pools: pools, rules: rules, count: min(distinct, wanted))
        guard stored > 0 else { throw BenchError("no case could be submitted") }

        // 2. Clone them up to the count asked, if memory allows.
        let queue = try DatabaseQueue(path: path)
        let sizes = try queue.read { db in
            try Row.fetchOne(db, sql: """
                SELECT avg(length(c.request)) AS request, avg(length(c.decision)) AS decision, avg(length(x.context)) AS context
                FROM cases c JOIN case_contexts x ON x.case_id = c.id AND x.revision = c.revision
                """)
        }
        let requestBytes: Double = sizes?["request"] ?? 0, decisionBytes: Double = sizes?["decision"] ?? 0
        let contextBytes: Double = sizes?["context"] ?? 0
        // In memory, replayCases holds each case decoded (request, decision) plus its context JSON.
        let perCase = 3 * (requestBytes + decisionBytes) + contextBytes + 1024
        let available = availableMemory()
        var count = wanted
        if let available, Double(wanted) * perCase > 0.6 * Double(available) {
            count = max(stored, Int(0.6 * Double(available) / perCase) / 1000 * 1000)
            report.note("replay: \(Report.grouped(wanted)) cases would need ~\(Int(Double(wanted) * perCase / 1e9)) GB in memory "
                        + "(replayCases loads them all; \(Int(perCase)) B per case); ran \(Report.grouped(count)) instead")
        }
        let insertStart = clock.now
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = OFF")
            try db.inTransaction {
                try db.execute(sql: """
                    CREATE TEMP TABLE seed AS SELECT id, row_number() OVER (ORDER BY created_at, id) - 1 AS k FROM cases;
                    CREATE TEMP TABLE clones AS
                        WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < :copies)
                        SELECT s.id AS orig, s.id || '~' || seq.n AS id, (seq.n - 1) * :distinct + s.k AS ord
                        FROM seq CROSS JOIN seed s WHERE (seq.n - 1) * :distinct + s.k < :need;
                    INSERT INTO cases (id, kind, submitter, branch, customer, contract_ref, request, decision, outcome, policy,
                                       state, stage_index, revision, created_at, updated_at, closed_at)
                        SELECT cl.id, c.kind, c.submitter, c.branch, c.customer, c.contract_ref,
                               json_set(c.request, '$.id', cl.id), c.decision, c.outcome, c.policy,
                               'approved', c.stage_index, c.revision,
                               strftime('%Y-%m-%dT%H:%M:%SZ', '2024-01-01', '+' || cl.ord || ' minutes'),
                               strftime('%Y-%m-%dT%H:%M:%SZ', '2024-01-01', '+' || (cl.ord + 5) || ' minutes'),
                               strftime('%Y-%m-%dT%H:%M:%SZ', '2024-01-01', '+' || (cl.ord + 5) || ' minutes')
                        FROM clones cl JOIN cases c ON c.id = cl.orig ORDER BY cl.ord;
                    INSERT INTO case_contexts (case_id, revision, policy, context)
                        SELECT cl.id, x.revision, x.policy, x.context
                        FROM clones cl JOIN cases c ON c.id = cl.orig
                        JOIN case_contexts x ON x.case_id = c.id AND x.revision = c.revision ORDER BY cl.ord;
                    DROP TABLE clones;
                    DROP TABLE seed;
                    """, arguments: ["copies": (max(0, count - stored) + stored - 1) / stored, "distinct": stored,
                                     "need": max(0, count - stored)])
                return .commit
            }
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        let insertSeconds = seconds(clock.now - insertStart)
        let total = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM cases") ?? 0 }
        try queue.close()
        let fileSize = ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil) ?? 0
        print("  \(stored) real cases (\(blocked) blocked) cloned to \(Report.grouped(total)) in \(String(format: "%.1f", insertSeconds)) s; "
              + "database \(fileSize / 1_000_000) MB; per case: request \(Int(requestBytes)) B, decision \(Int(decisionBytes)) B, "
              + "context \(Int(contextBytes)) B")
        fflush(nil)

        // 3. Replay: load, then decide on all cores (each case twice: its own version and the candidate).
        let store = try Store(path: path)
        let loadStart = clock.now
        let cases = try store.replayCases()
        let versions = try store.policySnapshots()
        let loadSeconds = seconds(clock.now - loadStart)
        let decideStart = clock.now
        let result = try PolicyReplay.run(cases, candidate: rules, versions: versions, threads: threads)
        let decideSeconds = seconds(clock.now - decideStart)
        let totalSeconds = loadSeconds + decideSeconds
        let perMillion = totalSeconds * 1_000_000 / Double(cases.count)
        var note = "\(Report.grouped(cases.count)) cases (\(stored) distinct), \(threads) threads: load \(String(format: "%.1f", loadSeconds)) s "
            + "+ decide \(String(format: "%.1f", decideSeconds)) s; examined \(result.examined), changed \(result.changed), "
            + "skipped \(result.skipped.count); bulk insert \(String(format: "%.1f", insertSeconds)) s"
        if cases.count != 1_000_000 {
            note += "; EXTRAPOLATED to 1M linearly from \(Report.grouped(cases.count))"
        }
        report.add(Figure(section: "replay", what: cases.count == 1_000_000 ? "replay 1,000,000 cases (all cores)"
                              : "replay, est. 1,000,000 cases (from \(Report.grouped(cases.count)))",
                          unit: "s", median: perMillion, p99: nil, target: "< 30 s", meets: perMillion < 30, note: note))
        report.add(Figure(section: "replay", what: "  replayed cases/s", unit: "/s", kind: .rate,
                          median: Double(cases.count) / totalSeconds, p99: nil,
                          note: String(format: "decide only: %.0f cases/s (%.0f decisions/s)", Double(cases.count) / decideSeconds,
                                       2 * Double(cases.count) / decideSeconds)))
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
