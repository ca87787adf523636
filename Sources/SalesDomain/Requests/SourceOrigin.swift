/// Where a decoded value came from — the file and the line of each field the cross-reference
/// check may complain about — so that those later errors can still say `request.yaml:3:`.
///
/// It is bookkeeping, not data: two values that differ only in origin are equal, and it is never
/// encoded.
public struct SourceOrigin: Sendable, Hashable {
    /// The file's display name; nil for values built in code.
    public var file: String?
    /// The path of the value inside the file (e.g. `request` inside a dry-run case).
    public var base: FieldPath
    /// Line of each recorded field, by its path relative to `base` (`submitted_by`, `refs.quote`,
    /// `document.lines[0].sku`).
    public var lines: [FieldPath: Int]

    public init(file: String? = nil, base: FieldPath = .root, lines: [FieldPath: Int] = [:]) {
        self.file = file
        self.base = base
        self.lines = lines
    }

    /// An error about the field at `path` (relative to `base`). When that field has no recorded
    /// line (e.g. a missing reference), the nearest recorded enclosing field's line is used.
    public func error(at path: FieldPath, _ category: InputError.Category, _ message: String) -> InputError {
        var probe = path.components
        var line = lines[path]
        while line == nil && !probe.isEmpty {
            probe.removeLast()
            line = lines[FieldPath(probe)]
        }
        return InputError(file: file ?? "request", line: line, path: base.appending(path),
                          category: category, message: message)
    }

    public static func == (lhs: SourceOrigin, rhs: SourceOrigin) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}
