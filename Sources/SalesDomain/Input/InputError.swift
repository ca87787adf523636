/// A problem with an input file (request, context, or anything read through `InputValue`),
/// precise enough to fix without guessing: file, line, field path, and what was expected.
///
/// `description` reads `request.yaml:12: document.lines[2].quantity: expected a positive integer, got "ten"`.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The broad class of problem, for callers that react differently (e.g. exit codes).
    public enum Category: String, Sendable, Hashable {
        /// The file could not be read, or is not UTF-8 text.
        case unreadable
        /// The text is not valid YAML/JSON.
        case syntax
        /// A field that this place does not define.
        case unknownField
        /// A required field is absent.
        case missingField
        /// The same field twice in one mapping.
        case duplicateField
        /// A value of the wrong type or out of its allowed set/range.
        case invalidValue
        /// An id that names nothing (user, customer, product, document) or the wrong kind of thing.
        case reference
    }

    /// The file as the user named it (or a display name such as `<stdin>`).
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column, when known (not printed; for editors).
    public var column: Int?
    /// The field the problem is about (`FieldPath.root` for the whole file).
    public var path: FieldPath
    public var category: Category
    /// What was expected and what was found, without file/line/path.
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, path: FieldPath = .root,
                category: Category, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.category = category
        self.message = message
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if !path.isRoot { text += "\(path): " }
        return text + message
    }
}
