import Foundation
import LuaRuntime
import SalesDomain

/// Re-decides stored cases with a candidate policy and with the version that decided each, and
/// reports what would change. Writes nothing anywhere.
///
/// The cases are shared out to `threads` workers (one per core by default); each worker has its
/// own engines (an engine is not thread-safe): one for the candidate and one per deciding version
/// it meets. Each case is re-decided in the context it was decided in (see `ReplayCase`).
public enum PolicyReplay {
    /// Called from the workers with the number of cases done and the total.
    public typealias Progress = @Sendable (_ done: Int, _ total: Int) -> Void

    /// - Parameters:
    ///   - versions: the stored policy versions by hash; a case whose version is missing is
    ///     compared against its stored decision.
    /// - Throws: the candidate cannot be loaded (a syntax error, …).
    public static func run(_ cases: [ReplayCase], candidate: RulesSnapshot, versions: [String: RulesSnapshot],
                           threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                           limits: LuaLimits = .default, progress: Progress? = nil) throws(PolicyError) -> ReplayReport {
        _ = try PolicyEngine(rules: candidate, limits: limits)   // fail early, with the rules error
        let results = Results(count: cases.count)
        let workers = max(1, min(threads, cases.count))
        let chunk = max(1, min(64, cases.count / (workers * 8)))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let worker = Worker(candidate: candidate, versions: versions, limits: limits)
            while let range = results.take(chunk) {
                for index in range { results.store(index, worker.replay(cases[index])) }
                if let progress { progress(results.done, cases.count) }
            }
        }
        return report(cases, results.all, candidate: candidate.hash)
    }

    /// What happened to one case.
    struct CaseResult: Sendable {
        var changes: [ReplayChange] = []
        var factsOnly = false
        var drift = false
        var skipped: String?
        var baselineFromStored = false
    }

    /// One worker's engines.
    final class Worker {
        let candidate: PolicyEngine?
        let candidateError: String?
        let versions: [String: RulesSnapshot]
        let limits: LuaLimits
        var engines: [String: PolicyEngine] = [:]

        init(candidate rules: RulesSnapshot, versions: [String: RulesSnapshot], limits: LuaLimits) {
            do {
                candidate = try PolicyEngine(rules: rules, limits: limits)
                candidateError = nil
            } catch {
                candidate = nil
                candidateError = "\(error)"
            }
            self.versions = versions
            self.limits = limits
        }

        func engine(for hash: String) -> PolicyEngine? {
            if let engine = engines[hash] { return engine }
            guard let rules = versions[hash], let engine = try? PolicyEngine(rules: rules, limits: limits) else { return nil }
            engines[hash] = engine
            return engine
        }

        func replay(_ replayCase: ReplayCase) -> CaseResult {
            var result = CaseResult()
            guard let candidate else {
                result.skipped = "the candidate cannot be loaded: \(candidateError ?? "?")"
                return result
            }
            let context: PolicyContext
            if let given = replayCase.context {
                context = given
            } else if let json = replayCase.contextJSON {
                do {
                    context = try InputDecoder.context(stored: json, file: "the stored context of \(replayCase.id)")
                } catch {
                    result.skipped = "its stored context cannot be read: \(error)"
                    return result
                }
            } else {
                result.skipped = replayCase.contextNote ?? "no context to decide it in"
                return result
            }
            let resolved: ResolvedRequest
            do {
                resolved = try context.resolve(replayCase.request)
            } catch {
                result.skipped = "its request no longer resolves in its context: \(error)"
                return result
            }
            let decision: Decision
            do {
                decision = try candidate.decide(resolved)
            } catch {
                result.skipped = "the candidate refuses its request: \(error)"
                return result
            }
            // Each decision is normalized once (`DecisionDiff.sameIgnoringTexts` compares these);
            // every change `DecisionDiff.changes` reports is a difference they show.
            let candidateForm = DecisionDiff.normalized(decision)
            let storedForm = DecisionDiff.normalized(replayCase.decision)
            // Decided by the candidate's own version: deciding again would give the same bytes.
            let deciding = replayCase.policy == candidate.rules.hash ? candidate : engine(for: replayCase.policy)
            let baseline: Decision, baselineForm: Decision
            if let deciding, let decided = deciding === candidate ? decision : try? deciding.decide(resolved) {
                baseline = decided
                baselineForm = deciding === candidate ? candidateForm : DecisionDiff.normalized(decided)
                result.drift = storedForm != baselineForm
            } else {
                baseline = replayCase.decision
                baselineForm = storedForm
                result.baselineFromStored = true
            }
            // The usual case, nothing differs: one comparison, no grouping of changes.
            if baselineForm != candidateForm {
                result.changes = DecisionDiff.changes(from: baseline, to: decision)
                result.factsOnly = result.changes.isEmpty
            }
            return result
        }
    }

    /// The shared work counter and the results slots (each written by exactly one worker).
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private var finished = 0
        private var slots: [CaseResult?]

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func take(_ size: Int) -> Range<Int>? {
            lock.withLock {
                guard next < slots.count else { return nil }
                let range = next..<min(next + size, slots.count)
                next = range.upperBound
                return range
            }
        }

        func store(_ index: Int, _ result: CaseResult) {
            lock.withLock {
                slots[index] = result
                finished += 1
            }
        }

        var done: Int { lock.withLock { finished } }
        var all: [CaseResult] { lock.withLock { slots.map { $0 ?? CaseResult(skipped: "not replayed") } } }
    }

    static func report(_ cases: [ReplayCase], _ results: [CaseResult], candidate: String) -> ReplayReport {
        var report = ReplayReport(candidate: candidate, examined: 0, unchanged: 0, changed: 0, factsOnly: [], skipped: [],
                                  drift: [], baselineFromStoredDecision: 0, contextsReconstructed: 0, kinds: [],
                                  versions: [], groups: [])
        var groups: [RequestKind: [ReplayChange: [String]]] = [:]
        var kinds: [RequestKind: (Int, Int)] = [:]
        var versions: [String: Int] = [:]
        for (replayCase, result) in zip(cases, results) {
            if let why = result.skipped {
                report.skipped.append(.init(id: replayCase.id, why: why))
                continue
            }
            report.examined += 1
            versions[replayCase.policy, default: 0] += 1
            if replayCase.contextReconstructed { report.contextsReconstructed += 1 }
            if result.baselineFromStored { report.baselineFromStoredDecision += 1 }
            if result.drift { report.drift.append(replayCase.id) }
            var totals = kinds[replayCase.kind] ?? (0, 0)
            totals.0 += 1
            if result.changes.isEmpty {
                report.unchanged += 1
                if result.factsOnly { report.factsOnly.append(replayCase.id) }
            } else {
                report.changed += 1
                totals.1 += 1
                for change in result.changes { groups[replayCase.kind, default: [:]][change, default: []].append(replayCase.id) }
            }
            kinds[replayCase.kind] = totals
        }
        report.factsOnly.sort()
        report.drift.sort()
        report.skipped.sort { $0.id < $1.id }
        report.kinds = RequestKind.allCases.compactMap { kind in
            kinds[kind].map { ReplayReport.KindTotals(kind: kind, examined: $0.0, changed: $0.1) }
        }
        report.versions = versions.map { ReplayReport.VersionTotals(policy: $0.key, cases: $0.value) }
            .sorted { ($0.cases, $1.policy) > ($1.cases, $0.policy) }
        for kind in RequestKind.allCases {
            guard let byChange = groups[kind] else { continue }
            report.groups += byChange.map { ReplayGroup(kind: kind, change: $0.key, cases: $0.value.sorted()) }
                .sorted { a, b in a.count != b.count ? a.count > b.count : a.change < b.change }
        }
        return report
    }
}
