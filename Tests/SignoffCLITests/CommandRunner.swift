import ArgumentParser
import Foundation
@testable import SignoffCLI

/// Runs `signoff` in-process with captured output, the way a shell would see it.
struct CommandResult {
    var exitCode: Int32
    var out: String
    var error: String
}

enum CommandRunner {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ relative: String) -> String { packageRoot.appendingPathComponent(relative).path }

    static func run(_ arguments: [String]) -> CommandResult {
        let capture = Console.Capture()
        var code: Int32 = 0
        Console.$capture.withValue(capture) {
            do {
                var command = try Signoff.parseAsRoot(arguments)
                try command.run()
            } catch {
                code = Signoff.exitCode(for: error).rawValue
                if code != 0 && !(error is ExitCode) {
                    capture.append(error: Signoff.fullMessage(for: error))
                }
            }
        }
        return CommandResult(exitCode: code, out: capture.out, error: capture.error)
    }

    /// Writes `text` to a fresh temporary file and returns its path.
    static func temporaryFile(_ text: String, name: String = "request.yaml") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("signoff-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }
}
