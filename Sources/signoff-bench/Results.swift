// The machine a run happened on, and bench/RESULTS.md, where every run's figures are appended.
import Foundation

struct Machine {
    var date: String
    var cores: Int
    var head: String
    var load: String

    static func current() -> Machine {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        var head = "?"
        if let git = which("git"), let r = try? runProgram(git, ["rev-parse", "--short", "HEAD"]), r.status == 0 {
            head = r.output.trimmingCharacters(in: .whitespacesAndNewlines)
            if let s = try? runProgram(git, ["status", "--porcelain", "--untracked-files=no"]), s.status == 0 {
                let changed = s.output.split(separator: "\n").count
                if changed > 0 { head += " + \(changed) uncommitted file\(changed == 1 ? "" : "s")" }
            }
        }
        return Machine(date: formatter.string(from: Date()), cores: ProcessInfo.processInfo.activeProcessorCount,
                       head: head, load: loadAverage())
    }

    /// The 1-minute load average ("2.31"); other processes' work shows here.
    static func loadAverage() -> String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "?" }
        return text.split(separator: " ").first.map(String.init) ?? "?"
    }
}

enum Results {
    static let preamble = """
        # Benchmark results

        Every `scripts/bench` run appends its figures here (newest last): date, `nproc`, the git
        HEAD it ran on (and whether files were uncommitted), the 1-minute load average before → after
        (other work on the machine shows there), and one row per figure. See `scripts/bench --help`.

        Reading the table: `median`/`p99` are per decision (engine), per process run (process), per
        round trip (store); rates are medians over rounds. `reference` is the same work done by the
        plain `lua5.4` interpreter running the shipped policy on request tables already built in Lua
        (bench/reference/run.lua); `× ref` = host time ÷ reference time (for rates, reference ÷
        host), so above 1 means slower than plain Lua.

        """

    static func append(to path: String, machine: Machine, loadAfter: String, sections: [String], report: Report,
                       arguments: [String]) throws {
        var text = ""
        if !FileManager.default.fileExists(atPath: path) {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            text += preamble
        }
        var shown = arguments
        if let i = shown.firstIndex(of: "--signoff") { shown.removeSubrange(i..<min(i + 2, shown.count)) }  // added by scripts/bench
        let command = (["scripts/bench"] + shown).joined(separator: " ")
        text += "\n## \(machine.date) · nproc \(machine.cores) · HEAD \(machine.head) · load \(machine.load) → \(loadAfter)\n\n"
        text += "`\(command)` — sections: \(sections.joined(separator: ", "))\n\n"
        text += report.markdown() + "\n"
        if !report.notes.isEmpty {
            text += "\n" + report.notes.map { "- \($0)" }.joined(separator: "\n") + "\n"
        }
        if let handle = FileHandle(forWritingAtPath: path) {
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
        } else {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }
}
