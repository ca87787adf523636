// Measuring and reporting: clocks, order statistics, the figures a run produces.
import Foundation

let clock = ContinuousClock()

func microseconds(_ d: Duration) -> Double {
    let (s, atto) = d.components
    return Double(s) * 1e6 + Double(atto) / 1e12
}

func seconds(_ d: Duration) -> Double { microseconds(d) / 1e6 }

/// Median, p99 and mean of a sample (any unit).
struct Stats {
    var median: Double
    var p99: Double
    var mean: Double
    var min: Double
    var max: Double
    var samples: Int

    init(_ values: [Double]) {
        precondition(!values.isEmpty, "no samples")
        let sorted = values.sorted()
        samples = sorted.count
        median = sorted[sorted.count / 2]
        p99 = sorted[Swift.min(sorted.count - 1, Int((Double(sorted.count) * 0.99).rounded(.up)) - 1)]
        mean = sorted.reduce(0, +) / Double(sorted.count)
        min = sorted[0]
        max = sorted[sorted.count - 1]
    }
}

/// Keeps a value alive so the optimizer cannot drop the work that made it.
@inline(never) func blackHole<T>(_ value: T) { _ = value }

/// One line of the results table.
struct Figure {
    enum Kind { case time, rate }

    var section: String
    var what: String
    /// "µs", "ms" (times: lower is better) or "/s" (rates: higher is better).
    var unit: String
    var kind: Kind = .time
    var median: Double
    var p99: Double?
    /// The same work done by the reference (same unit), if there is one.
    var reference: Double?
    /// How the reference was measured.
    var referenceNote: String = ""
    var target: String = ""
    var meets: Bool?
    var note: String = ""

    /// How many times slower than the reference: host time / reference time, or reference rate /
    /// host rate. Above 1 means slower than plain Lua.
    var ratio: Double? {
        guard let reference, reference > 0, median > 0 else { return nil }
        return kind == .time ? median / reference : reference / median
    }
}

/// Everything a run measured, printed as a table and appended to bench/RESULTS.md.
final class Report {
    var figures: [Figure] = []
    var notes: [String] = []

    func add(_ figure: Figure) {
        figures.append(figure)
        print("  · " + Report.oneLine(figure))
        fflush(nil)
    }

    func note(_ text: String) {
        notes.append(text)
        print("  note: " + text)
        fflush(nil)
    }

    static func number(_ value: Double?, unit: String) -> String {
        guard let value else { return "—" }
        if unit == "/s" {
            return value >= 100 ? Self.grouped(Int(value.rounded())) : String(format: "%.1f", value)
        }
        if value >= 1000 { return Self.grouped(Int(value.rounded())) }
        if value >= 100 { return String(format: "%.1f", value) }
        return String(format: "%.2f", value)
    }

    static func grouped(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    static func oneLine(_ f: Figure) -> String {
        var s = "\(f.what): median \(number(f.median, unit: f.unit)) \(f.unit)"
        if let p99 = f.p99 { s += ", p99 \(number(p99, unit: f.unit)) \(f.unit)" }
        if let r = f.reference { s += ", reference \(number(r, unit: f.unit)) \(f.unit)" }
        if let ratio = f.ratio { s += String(format: ", ×%.2f", ratio) }
        return s
    }

    /// Rows of cells: section, what, median, p99, unit, reference, ratio, target, note.
    func rows() -> [[String]] {
        figures.map { f in
            let target = f.target.isEmpty ? "" : f.target + (f.meets.map { $0 ? " ✓" : " ✗" } ?? "")
            return [f.section, f.what, Self.number(f.median, unit: f.unit), Self.number(f.p99, unit: f.unit), f.unit,
                    Self.number(f.reference, unit: f.unit), f.ratio.map { String(format: "×%.2f", $0) } ?? "—",
                    target, f.note]
        }
    }

    static let header = ["section", "what", "median", "p99", "unit", "reference", "× ref", "target", "note"]

    /// An aligned plain-text table (numbers right-aligned).
    func table() -> String {
        let all = [Self.header] + rows()
        let numeric: Set<Int> = [2, 3, 5, 6]
        var widths = Array(repeating: 0, count: Self.header.count)
        for row in all { for (i, cell) in row.enumerated() { widths[i] = Swift.max(widths[i], Self.width(cell)) } }
        return all.map { row in
            row.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - Self.width(cell))
                return numeric.contains(i) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }

    /// A Markdown table of the same rows.
    func markdown() -> String {
        var lines = ["| " + Self.header.joined(separator: " | ") + " |",
                     "| --- | --- | ---: | ---: | --- | ---: | ---: | --- | --- |"]
        for row in rows() {
            lines.append("| " + row.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    /// Terminal columns: CJK characters take two.
    static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { n, u in
            n + ((0x1100...0x115F).contains(u.value) || (0x2E80...0xA4CF).contains(u.value)
                 || (0xAC00...0xD7A3).contains(u.value) || (0xF900...0xFAFF).contains(u.value)
                 || (0xFF00...0xFF60).contains(u.value) ? 2 : 1)
        }
    }
}

/// Runs a program to completion; returns its exit status, standard output and standard error.
@discardableResult
func runProgram(_ path: String, _ arguments: [String], directory: String? = nil) throws -> (status: Int32, output: String, error: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("signoff-bench-\(UUID().uuidString).err")
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errorFile) }
    let errorHandle = try FileHandle(forWritingTo: errorFile)
    let out = Pipe()
    process.standardOutput = out
    process.standardError = errorHandle
    try process.run()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try? errorHandle.close()
    let error = (try? Data(contentsOf: errorFile)) ?? Data()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self))
}

/// The full path of `name` on $PATH, if any.
func which(_ name: String) -> String? {
    if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
        let path = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}
