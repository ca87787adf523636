// Section "process": `signoff evaluate FILE --context FILE` from start to exit (the release
// binary, examples/requests/contract.yaml with examples/data/factory.yaml), median and p99 ms.
// Beside it: a lua5.4 process that loads the same driver and rules and decides the same contract
// once from a prebuilt table; and, as the floor, spawning /bin/true.
import Foundation
import PolicyEngine
import SalesDomain
#if canImport(Glibc)
import Glibc
#endif

enum ProcessBench {
    static func run(_ bench: Workbench, report: Report) throws {
        let runs = max(5, bench.options.int("--process-runs", 40))
        let binDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
        let signoff = bench.options.string("--signoff", binDirectory + "/signoff")
        guard FileManager.default.isExecutableFile(atPath: signoff) else {
            throw BenchError("no signoff binary at \(signoff) (build it: swift build -c release --scratch-path .build-bench --product signoff)")
        }
        let requestFile = bench.options.string("--process-request", "examples/requests/contract.yaml")
        let contextFile = bench.options.string("--process-context", "examples/data/factory.yaml")
        let arguments = ["evaluate", requestFile, "--context", contextFile]
        let status = try spawn(signoff, arguments).status
        guard status == 0 || status == 3 else { throw BenchError("signoff evaluate exited \(status)") }
        let host = try timeRuns(runs) { try spawn(signoff, arguments) }

        var reference: Stats?
        var referenceNote = ""
        if let lua = ReferenceLua.interpreter(bench.options) {
            let request = try InputDecoder.request(contentsOf: requestFile)
            let context = try InputDecoder.context(contentsOf: contextFile)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("signoff-bench-once-\(getpid()).lua").path
            try ReferenceLua.writeRequests([(label: "example", requests: [try context.resolve(request)])], to: file)
            defer { try? FileManager.default.removeItem(atPath: file) }
            let luaArguments = ["bench/reference/run.lua", "--rules", bench.rulesDirectory, "--driver", bench.driverPath,
                                "--requests", file, "--once", "1"]
            let check = try runProgram(lua, luaArguments)
            if check.status == 0 {
                reference = try timeRuns(runs) { try spawn(lua, luaArguments) }
                referenceNote = "lua5.4 process: driver + rules, the same contract decided once from a prebuilt table"
            } else {
                report.note("process: the lua5.4 reference failed: \(check.error)")
            }
        }
        let floor = try timeRuns(runs) { try spawn("/bin/true", []) }
        report.add(Figure(section: "process", what: "signoff evaluate contract.yaml --context factory.yaml", unit: "ms",
                          median: host.median, p99: host.p99, reference: reference?.median, referenceNote: referenceNote,
                          target: "< 40 ms", meets: host.median < 40,
                          note: "\(runs) runs; /bin/true spawn \(String(format: "%.2f", floor.median)) ms"))
        if reference != nil { report.note("process: reference = \(referenceNote)") }
    }

    static func timeRuns(_ runs: Int, _ body: () throws -> (status: Int32, ms: Double)) throws -> Stats {
        for _ in 0..<3 { _ = try body() }
        var times: [Double] = []
        for _ in 0..<runs { times.append(try body().ms) }
        return Stats(times)
    }

    /// posix_spawn + waitpid, output to /dev/null: exit status and wall time from spawn to exit.
    static func spawn(_ path: String, _ arguments: [String]) throws -> (status: Int32, ms: Double) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let start = clock.now
        let rc = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard rc == 0 else { throw BenchError("cannot start \(path): errno \(rc)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { throw BenchError("waitpid: errno \(errno)") }
        }
        let ms = microseconds(clock.now - start) / 1000
        return ((status >> 8) & 0xFF, ms)
    }
}
