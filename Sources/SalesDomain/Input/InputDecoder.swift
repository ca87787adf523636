import Foundation
import Yams

/// Reads request and context files (YAML, or JSON — parsed as YAML, which keeps line numbers)
/// into domain values, strictly: every problem is an `InputError` naming the file, line, field
/// path and what was expected.
///
/// Use `parse` to get the top `InputValue` of any file (e.g. a dry-run case file) and decode parts
/// of it with `Request(from:)` / `PolicyContext(from:)`; paths in errors then include the
/// enclosing fields (`cases[0].request.document.lines[2].quantity`).
public enum InputDecoder {
    /// Files larger than this are refused before parsing (16 MiB).
    public static let maximumFileSize = 16 << 20

    /// Reads and parses the file at `path` (shown in messages as given).
    public static func parse(contentsOf path: String) throws(InputError) -> InputValue {
        try parse(contentsOf: path) { text throws(InputError) in try parse(text, file: path) }
    }

    /// Reads the file at `path` as UTF-8 text (with the size limit) and hands it to `parser`.
    static func parse(contentsOf path: String, with parser: (String) throws(InputError) -> InputValue) throws(InputError) -> InputValue {
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let size = attributes[.size] as? NSNumber, size.intValue > maximumFileSize {
                throw InputError(file: path, category: .unreadable,
                                 message: "file is larger than \(maximumFileSize >> 20) MiB")
            }
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as InputError {
            throw error
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file"
            throw InputError(file: path, category: .unreadable, message: reason)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: path, category: .unreadable, message: "not UTF-8 text")
        }
        return try parser(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
    }

    /// Parses UTF-8 `data`; `file` names it in messages.
    public static func parse(_ data: Data, file: String) throws(InputError) -> InputValue {
        guard data.count <= maximumFileSize else {
            throw InputError(file: file, category: .unreadable, message: "file is larger than \(maximumFileSize >> 20) MiB")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: file, category: .unreadable, message: "not UTF-8 text")
        }
        return try parse(text, file: file)
    }

    /// Parses YAML or JSON `text` holding one document; `file` names it in messages.
    public static func parse(_ text: String, file: String) throws(InputError) -> InputValue {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let node: Node?
        do {
            // The basic resolver: this decoder reads scalars by their text itself, and the default
            // resolver's regular expressions (run for every key the duplicate check hashes) cost
            // more than the rest of parsing.
            node = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        } catch {
            throw InputError(file: file, category: .syntax, message: "invalid YAML/JSON: \(error)")
        }
        guard let node else {
            throw InputError(file: file, line: 1, category: .syntax, message: "the file is empty")
        }
        return InputValue(node: node, path: .root, file: file)
    }

    // MARK: Requests and contexts

    public static func request(contentsOf path: String) throws(InputError) -> Request {
        try Request(from: parse(contentsOf: path))
    }

    public static func request(from data: Data, file: String) throws(InputError) -> Request {
        try Request(from: parse(data, file: file))
    }

    public static func request(from text: String, file: String) throws(InputError) -> Request {
        try Request(from: parse(text, file: file))
    }

    /// A context file: YAML or JSON, or a CSV file of one kind of master data (see `MasterDataCSV`).
    /// - Parameter checkingReferences: see `PolicyContext.init(from:checkingReferences:)`.
    public static func context(contentsOf path: String, checkingReferences: Bool = true) throws(InputError) -> PolicyContext {
        let value = path.lowercased().hasSuffix(".csv")
            ? try parse(contentsOf: path) { text throws(InputError) in try MasterDataCSV.parse(text, file: path) }
            : try parse(contentsOf: path)
        return try PolicyContext(from: value, checkingReferences: checkingReferences)
    }

    public static func context(from data: Data, file: String) throws(InputError) -> PolicyContext {
        try PolicyContext(from: parse(data, file: file))
    }

    public static func context(from text: String, file: String) throws(InputError) -> PolicyContext {
        try PolicyContext(from: parse(text, file: file))
    }

    // MARK: Text the program stored itself

    /// A request the store wrote (compact JSON), read back on every act and by replay.
    ///
    /// Decodes exactly as `request(from:file:)` does and gives the same value, but reads valid JSON
    /// with `JSONNodeReader` rather than the YAML parser. The one difference: its fields carry no
    /// line numbers (`Request.origin`), which for one-line stored JSON would all say line 1. When
    /// anything fails, the text is parsed and decoded again the usual way, so errors are the
    /// usual ones, with their line and column.
    public static func request(stored text: String, file: String) throws(InputError) -> Request {
        try decodeStored(text, file: file) { value throws(InputError) in try Request(from: value) }
    }

    /// A context the store wrote (the context-file shape, compact JSON); see `request(stored:file:)`.
    public static func context(stored text: String, file: String) throws(InputError) -> PolicyContext {
        try decodeStored(text, file: file) { value throws(InputError) in try PolicyContext(from: value) }
    }

    /// Any value the store wrote as compact JSON, decoded by `decode`; see `request(stored:file:)`.
    public static func decodeStored<T>(_ text: String, file: String,
                                       _ decode: (InputValue) throws(InputError) -> T) throws(InputError) -> T {
        if let node = JSONNodeReader.node(text), let value = try? decode(InputValue(node: node, file: file)) {
            return value
        }
        return try decode(parse(text, file: file))
    }

    // MARK: Syntax errors

    static func syntaxError(_ error: YamlError, file: String) -> InputError {
        func make(_ mark: Mark?, _ message: String) -> InputError {
            InputError(file: file, line: mark?.line, column: mark?.column, category: .syntax, message: message)
        }
        func withContext(_ problem: String, _ context: YamlError.Context?) -> String {
            guard let context else { return problem }
            return "\(problem) (\(context.text) at line \(context.mark.line))"
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            return make(mark, "invalid YAML/JSON: " + withContext(problem, context))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { InputText.quoted($0) }.joined(separator: ", ")
            return InputError(file: file, line: context.mark.line, column: context.mark.column,
                              category: .duplicateField, message: "field \(names) given twice in one mapping")
        case .reader(let problem, _, _, _):
            return make(nil, "unreadable text: \(problem)")
        default:
            return make(nil, "invalid YAML/JSON: \(error)")
        }
    }
}
