import ApprovalStore
import ArgumentParser
import Foundation
import PolicyEngine
import SalesDomain

/// `signoff replay --rules CANDIDATE`: what a candidate policy would change on the stored cases.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Re-decide the stored cases with a candidate policy and report what would change.",
        discussion: """
            Each stored case is re-decided in the context it was decided in, once with the policy \
            version that decided it (kept by the store) and once with the candidate; the changes \
            are grouped by kind and change (a role newly or no longer needed and for which reason, \
            a hard stop, an outcome, stages, step details, deviations), with example cases and \
            totals. Texts and file:line locations do not count as changes; a reason that only \
            quotes other facts (a new threshold) is tallied apart. Writes nothing. Runs on every \
            core; shows progress on a terminal.
            """
    )

    @Option(help: ArgumentHelp("The candidate rules directory.", valueName: "dir"))
    var rules: String

    @Option(help: "Only cases of this kind (contract, shipment, …).")
    var kind: RequestKind?

    @Option(help: ArgumentHelp("Only cases created on or after this date (YYYY-MM-DD) or instant.", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Example cases shown per group (0: all).", valueName: "n"))
    var examples: Int = 5

    @Option(help: ArgumentHelp("Worker threads (default: one per core).", valueName: "n"))
    var threads: Int?

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let since, Day(parsingOrNil: String(since.prefix(10))) == nil {
            throw ValidationError("--since: expected a date YYYY-MM-DD, got \"\(since)\"")
        }
        if examples < 0 { throw ValidationError("--examples: expected 0 or more") }
        if let threads, threads < 1 { throw ValidationError("--threads: expected 1 or more") }
    }

    func run() throws {
        let candidate: RulesSnapshot
        do {
            candidate = try RulesSnapshot.load(directory: rules)
        } catch {
            Console.error("\(error)")
            throw SignoffExit.badRules
        }
        let db = try store.open()
        let report: ReplayReport
        let meter = ProgressMeter(label: output.language == .zh ? "重放" : "replaying")
        var progress: PolicyReplay.Progress?
        if let meter { progress = { done, total in meter.update(done, total) } }
        do {
            report = try db.replay(candidate: candidate, kind: kind, since: since,
                                   threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, progress: progress)
        } catch {
            meter?.finish()
            throw StoreExit.report(error)
        }
        meter?.finish()
        switch output.format {
        case .json:
            Console.out(try StoreJSONOutput.render(Self.trimmed(report, examples: examples)))
        case .table:
            Console.out(Self.table(report, directory: rules, language: output.language, examples: examples))
        }
    }

    /// The report with at most `examples` cases per group (0: all); `count` stays the full count.
    static func trimmed(_ report: ReplayReport, examples: Int) -> TrimmedReport {
        TrimmedReport(report: report, examples: examples)
    }

    struct TrimmedReport: Encodable {
        let report: ReplayReport
        let examples: Int

        func encode(to encoder: any Encoder) throws {
            var shown = report
            if examples > 0 {
                shown.groups = report.groups.map { group in
                    var group = group
                    group.cases = Array(group.cases.prefix(examples))
                    return group
                }
            }
            try shown.encode(to: encoder)
        }
    }

    static func table(_ report: ReplayReport, directory: String?, language: Language, examples: Int) -> String {
        let zh = language == .zh
        var out: [String] = []
        let short = String(report.candidate.dropFirst("sha256:".count).prefix(12))
        let source = directory.map { " (\($0))" } ?? ""
        out.append(zh ? "候选策略 \(short)\(source) 重放已存案件"
                      : "Replay of candidate policy \(short)\(source) on the stored cases")
        out.append(zh ? "  共检查 \(report.examined) 件 · 不变 \(report.unchanged) 件 · 变化 \(report.changed) 件"
                      : "  \(report.examined) examined · \(report.unchanged) unchanged · \(report.changed) changed")
        if !report.factsOnly.isEmpty {
            out.append(zh ? "  另有 \(report.factsOnly.count) 件路线不变、仅理由引用的数据不同（如新阈值）：\(list(report.factsOnly, examples))"
                          : "  \(report.factsOnly.count) unchanged but quoting other facts (e.g. a new threshold): \(list(report.factsOnly, examples))")
        }
        out.append("")
        if report.groups.isEmpty {
            out.append(zh ? "没有案件的决定会改变。" : "No stored decision would change.")
        } else {
            out.append(zh ? "变化" : "Changes")
            for group in report.groups {
                out.append("  " + group.headline(language: language))
                out.append("      " + list(group.cases, examples))
            }
        }
        if !report.kinds.isEmpty {
            out.append("")
            var table = TextTable(zh ? ["类型", "检查", "变化"] : ["kind", "examined", "changed"])
            for k in report.kinds { table.add([k.kind.rawValue, String(k.examined), String(k.changed)]) }
            out.append(table.render())
        }
        if !report.versions.isEmpty {
            out.append("")
            out.append(zh ? "原决定所用的策略版本" : "Versions that decided them")
            var table = TextTable(zh ? ["策略", "案件"] : ["policy", "cases"])
            for v in report.versions { table.add([String(v.policy.dropFirst("sha256:".count).prefix(12)), String(v.cases)]) }
            out.append(table.render())
        }
        var notes: [String] = []
        if report.contextsReconstructed > 0 {
            notes.append(zh ? "\(report.contextsReconstructed) 件早于上下文存档，按今天的主数据重建上下文"
                            : "\(report.contextsReconstructed) stored before contexts were kept: re-decided in a context rebuilt from today's data")
        }
        if report.baselineFromStoredDecision > 0 {
            notes.append(zh ? "\(report.baselineFromStoredDecision) 件的原策略文件未存档，与存档的决定比较"
                            : "\(report.baselineFromStoredDecision) compared with their stored decision (the store lacks the files of the version that decided them)")
        }
        if !report.drift.isEmpty {
            notes.append(zh ? "\(report.drift.count) 件用原策略重算与存档不一致：\(list(report.drift, examples))"
                            : "\(report.drift.count) no longer get their stored decision from their own version: \(list(report.drift, examples))")
        }
        for skipped in report.skipped.prefix(examples > 0 ? examples : report.skipped.count) {
            notes.append((zh ? "跳过 " : "skipped ") + "\(skipped.id): \(skipped.why)")
        }
        if examples > 0 && report.skipped.count > examples {
            notes.append(zh ? "……共跳过 \(report.skipped.count) 件" : "… \(report.skipped.count) skipped in all")
        }
        if !notes.isEmpty {
            out.append("")
            out.append(zh ? "说明" : "Notes")
            out += notes.map { "  " + $0 }
        }
        return out.joined(separator: "\n")
    }

    static func list(_ ids: [String], _ examples: Int) -> String {
        guard examples > 0, ids.count > examples else { return ids.joined(separator: ", ") }
        return ids.prefix(examples).joined(separator: ", ") + ", … (\(ids.count))"
    }
}

/// Progress on standard error, only when it is a terminal: `replaying 1200/5000`, redrawn in
/// place at most ten times a second, erased at the end.
final class ProgressMeter: @unchecked Sendable {
    private let lock = NSLock()
    private let label: String
    private var last = Date.distantPast
    private var shown = false

    /// Nil when standard error is not a terminal (or output is captured).
    init?(label: String) {
        guard Console.capture == nil, isatty(STDERR_FILENO) != 0 else { return nil }
        self.label = label
    }

    func update(_ done: Int, _ total: Int) {
        lock.withLock {
            let now = Date()
            guard total >= 50, now.timeIntervalSince(last) >= 0.1 || done == total else { return }
            last = now
            shown = true
            FileHandle.standardError.write(Data("\r\(label) \(done)/\(total)".utf8))
        }
    }

    func finish() {
        lock.withLock {
            if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            shown = false
        }
    }
}
