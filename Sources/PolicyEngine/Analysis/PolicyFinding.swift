/// One problem `signoff check` found, printed as `file:line: severity: message`.
public struct PolicyFinding: Sendable, Hashable, CustomStringConvertible, Comparable {
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    public var file: String
    public var line: Int?
    public var severity: Severity
    public var message: String

    public init(file: String, line: Int? = nil, severity: Severity = .error, message: String) {
        self.file = file
        self.line = line
        self.severity = severity
        self.message = message
    }

    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return "\(location): \(severity.rawValue): \(message)"
    }

    public static func < (a: PolicyFinding, b: PolicyFinding) -> Bool {
        (a.file, a.line ?? 0, a.message) < (b.file, b.line ?? 0, b.message)
    }
}
