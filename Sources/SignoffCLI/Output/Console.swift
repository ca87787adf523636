import Foundation

/// Writes to standard output and standard error. Tests capture both by running a command inside
/// `Console.$capture.withValue(...)`.
public enum Console {
    /// Collects what a command writes, for tests.
    public final class Capture: @unchecked Sendable {
        private let lock = NSLock()
        private var outText = ""
        private var errorText = ""

        public init() {}

        public var out: String { lock.withLock { outText } }
        public var error: String { lock.withLock { errorText } }

        func append(out text: String) { lock.withLock { outText += text } }
        func append(error text: String) { lock.withLock { errorText += text } }
    }

    @TaskLocal public static var capture: Capture?

    static func out(_ text: String) {
        let line = text.hasSuffix("\n") ? text : text + "\n"
        if let capture { capture.append(out: line) } else { FileHandle.standardOutput.write(Data(line.utf8)) }
    }

    static func error(_ text: String) {
        let line = "signoff: " + text + "\n"
        if let capture { capture.append(error: line) } else { FileHandle.standardError.write(Data(line.utf8)) }
    }
}
