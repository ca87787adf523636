// signoff-bench: the benchmark suite behind `scripts/bench` (issue 6). Sections:
//
//   runtime   a 20-line contract pushed through LuaState vs a plain Lua loop (toy policy)
//   engine    one `decide` per request kind, warm engine, µs; beside it the plain `lua5.4`
//             interpreter running the same shipped policy on prebuilt request tables
//   parallel  decisions per second on all cores (one engine per thread) and on one core
//   process   `signoff evaluate FILE --context FILE` from start to exit, ms
//   store     submit + approve round trips per second on SQLite
//   replay    replay over N stored cases (bulk-inserted from real decisions), all cores
//
// Usage: signoff-bench [--only engine,parallel] [--replay-cases N] [--no-record] [--help]
// Run from the package root (scripts/bench does). Prints an aligned table and appends the run
// to bench/RESULTS.md.
import Foundation

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// `--name value` and `--flag` arguments.
struct Options: Sendable {
    let arguments: [String]

    func value(_ name: String) -> String? {
        guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
        return arguments[i + 1]
    }

    func int(_ name: String, _ fallback: Int) -> Int {
        value(name).flatMap { Int($0.replacingOccurrences(of: "_", with: "")) } ?? fallback
    }

    func double(_ name: String, _ fallback: Double) -> Double { value(name).flatMap(Double.init) ?? fallback }
    func string(_ name: String, _ fallback: String) -> String { value(name) ?? fallback }
    func flag(_ name: String) -> Bool { arguments.contains(name) }
}

let allSections = ["runtime", "engine", "parallel", "process", "store", "replay"]

let usage = """
    signoff-bench — the benchmark suite (run from the package root; scripts/bench builds and runs it)

      --only LIST            sections, comma-separated: \(allSections.joined(separator: ","))
      --no-record            do not append this run to bench/RESULTS.md
      --results FILE         where to append (default bench/RESULTS.md)
      --seed N               workload seed (default 2024)
      --master FILE          master data for the generator (default examples/data/factory.yaml)
      --pool N               requests per kind for engine/reference (default 64)
      --engine-samples N     timed decisions per kind (default 10000; ×3 for the 10-line contract),
                             at most --engine-seconds S per kind (default 2.5; at least 500)
      --ref-seconds S        plain-Lua time per kind (default 0.6); --ref-batch N (default 100)
      --dump-requests FILE   keep the Lua request tables the reference ran on (engine section)
      --engine-only A,B      only the engine groups whose label starts with A or B (for profiling)
      --parallel-seconds S   per round (default 1.5), --parallel-rounds N (default 5), --threads N
      --process-runs N       signoff evaluate runs (default 40); --signoff PATH (default beside this binary)
      --store-round-trips N  submit + approve round trips (default 2000), at most --store-seconds S (default 15)
      --replay-cases N       cases stored for replay (default 1000000); --replay-distinct N real submits (default 300);
                             --replay-seconds S: replay only the newest cases that fit (default 60), extrapolate
      --lua PATH             the plain interpreter (default lua5.4)
      runtime section: --samples N --warmup N --loop N --loop-samples N --breakdown
    """

let options = Options(arguments: Array(CommandLine.arguments.dropFirst()))
if options.flag("--help") || options.flag("-h") {
    print(usage)
    exit(0)
}
var sections = allSections
if let only = options.value("--only") {
    sections = only.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    if let unknown = sections.first(where: { !allSections.contains($0) }) {
        print("signoff-bench: unknown section \(unknown) (known: \(allSections.joined(separator: ", ")))")
        exit(2)
    }
}

let machine = Machine.current()
print("signoff-bench · \(machine.date) · nproc \(machine.cores) · HEAD \(machine.head) · load \(machine.load)")
print("sections: \(sections.joined(separator: ", "))")
let report = Report()
let bench = Workbench(options: options)
let started = clock.now
for section in sections {
    print("\n== \(section) ==")
    fflush(nil)
    let sectionStart = clock.now
    do {
        switch section {
        case "runtime": try RuntimeBench.run(options, report: report)
        case "engine": try EngineBench.run(bench, report: report)
        case "parallel": try ParallelBench.run(bench, report: report)
        case "process": try ProcessBench.run(bench, report: report)
        case "store": try StoreBench.run(bench, report: report)
        case "replay": try ReplayBench.run(bench, report: report)
        default: break
        }
    } catch {
        report.note("\(section): failed: \(error)")
    }
    print(String(format: "  (%@ took %.1f s)", section, seconds(clock.now - sectionStart)))
}
let loadAfter = Machine.loadAverage()
print("\n== results (\(machine.date), nproc \(machine.cores), HEAD \(machine.head), load \(machine.load) → \(loadAfter)) ==")
print(report.table())
print("""

    median/p99: per decision (engine), per run (process), per round trip (store); rates: median of rounds.
    × ref: host time ÷ reference time (or reference rate ÷ host rate): above 1 = slower than plain Lua.
    """)
for note in report.notes { print("note: \(note)") }
print(String(format: "total %.1f s", seconds(clock.now - started)))

if !options.flag("--no-record") {
    let path = options.string("--results", "bench/RESULTS.md")
    do {
        try Results.append(to: path, machine: machine, loadAfter: loadAfter, sections: sections, report: report,
                           arguments: options.arguments)
        print("appended to \(path)")
    } catch {
        print("could not append to \(path): \(error)")
    }
}
