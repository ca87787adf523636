// Section "store": submit + approve round trips per second on SQLite — a temporary database with
// the generated master data imported; each round trip submits a request through the store API
// (policy decision included) and approves (performs, signs) its first open step as a user the
// store allows to, each in its own transaction as the CLI does.
import ApprovalStore
import Foundation
import PolicyEngine
import SalesDomain

enum StoreBench {
    static func run(_ bench: Workbench, report: Report) throws {
        let directory = try temporaryDirectory("store")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let pools = try bench.pools()
        let store = try openStore(directory, context: pools.context)
        let engine = try PolicyEngine(rules: bench.rules())
        let requests = pools.mix.requests
        let count = max(50, bench.options.int("--store-round-trips", 2000))
        let maxSeconds = bench.options.double("--store-seconds", 15)

        for i in 0..<20 { _ = try? roundTrip(store, engine: engine, request: requests[i % requests.count], context: pools.context) }
        var roundTrips: [Double] = [], submits: [Double] = [], acts: [Double] = []
        var blocked = 0, failures: [String] = []
        let start = clock.now
        var i = 20
        while roundTrips.count < count, seconds(clock.now - start) < maxSeconds {
            let request = requests[i % requests.count]
            i += 1
            do {
                let t = try roundTrip(store, engine: engine, request: request, context: pools.context)
                roundTrips.append(t.submit + t.act)
                submits.append(t.submit)
                acts.append(t.act)
            } catch StoreError.blocked {
                blocked += 1
            } catch {
                if failures.count < 3 { failures.append("\(request.kind): \(error)") }
                if failures.count >= 3, roundTrips.isEmpty { break }
            }
        }
        let elapsed = seconds(clock.now - start)
        guard !roundTrips.isEmpty else { throw BenchError("no round trip succeeded: \(failures.joined(separator: "; "))") }
        let rate = Double(roundTrips.count) / elapsed
        let trips = Stats(roundTrips), submit = Stats(submits), act = Stats(acts)
        var note = "\(roundTrips.count) round trips in \(String(format: "%.1f", elapsed)) s over the mix"
        if blocked > 0 { note += "; \(blocked) submits blocked by hard stops (time counted, no approve)" }
        report.add(Figure(section: "store", what: "submit + approve round trips/s (SQLite, WAL)", unit: "/s", kind: .rate,
                          median: rate, p99: nil, target: "> 2,000 /s", meets: rate > 2000, note: note))
        report.add(Figure(section: "store", what: "  one round trip", unit: "ms", median: trips.median / 1000,
                          p99: trips.p99 / 1000, note: "submit \(fmt(submit.median / 1000)) ms (p99 \(fmt(submit.p99 / 1000))), "
                              + "approve \(fmt(act.median / 1000)) ms (p99 \(fmt(act.p99 / 1000)))"))
        for failure in failures { report.note("store: a round trip failed: \(failure)") }
    }

    /// Submits `request` as its submitter: false when a hard stop blocks it.
    static func submit(_ store: Store, engine: PolicyEngine, request: Request) throws -> Bool {
        do {
            _ = try store.submit(request, engine: engine, as: request.submittedBy)
            return true
        } catch {
            if case .blocked = error { return false }
            throw error
        }
    }

    static func fmt(_ v: Double) -> String { String(format: "%.3f", v) }

    /// Submits `request` as its submitter and takes the first open step as an eligible user: µs each.
    static func roundTrip(_ store: Store, engine: PolicyEngine, request: Request,
                          context: PolicyContext) throws -> (submit: Double, act: Double) {
        let t0 = clock.now
        let result = try store.submit(request, engine: engine, as: request.submittedBy)
        let t1 = clock.now
        guard let step = result.steps.first(where: { $0.state == .pending }) else { return (microseconds(t1 - t0), 0) }
        let branch = request.branch ?? context.user(request.submittedBy)?.branch
        guard let user = eligibleUser(for: step, branch: branch, submitter: request.submittedBy, in: context) else {
            throw BenchError("nobody in the master data may take step \(step.number) (\(step.role.rawValue), \(step.action.rawValue))")
        }
        let t2 = clock.now
        try store.act(caseID: result.caseID, step: String(step.number), action: defaultAction(step.action), as: user.id)
        let t3 = clock.now
        return (microseconds(t1 - t0), microseconds(t3 - t2))
    }

    /// The store's eligibility rules (ApprovalStore's Eligibility, which is internal), to pick the actor.
    static func eligibleUser(for step: StepRecord, branch: String?, submitter: String, in context: PolicyContext) -> User? {
        let judgment = step.action == .approve || step.action == .review
        return context.users.first { user in
            if let assignee = step.assignee, assignee != user.id { return false }
            let holdsRole = step.role == .customer && step.action == .sign
                ? [.customer, .salesClerk, .branchClerk].contains(where: user.has)
                : user.has(step.role)
            if !holdsRole { return false }
            if step.scope == .branch, user.branch != branch { return false }
            if judgment, user.id == submitter { return false }
            return true
        }
    }

    static func defaultAction(_ action: StepAction) -> SignoffAction {
        switch action {
        case .approve, .review: .approve
        case .perform, .file: .perform
        case .sign: .sign
        }
    }

    static func temporaryDirectory(_ name: String) throws -> String {
        let base = ProcessInfo.processInfo.environment["BENCH_TMPDIR"] ?? NSTemporaryDirectory()
        let path = (base as NSString).appendingPathComponent("signoff-bench-\(name)-\(getpid())")
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A new store in `directory` holding `context`'s master data and documents.
    static func openStore(_ directory: String, context: PolicyContext) throws -> Store {
        let store = try Store(path: directory + "/bench.db")
        try store.importMasterData(context, source: "signoff-bench", actor: "signoff-bench")
        return store
    }
}
