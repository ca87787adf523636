import Foundation
import Money
import Yams

/// One node of a parsed YAML/JSON file together with where it is (file, line, field path).
///
/// This is the strict reader every input type decodes through. Each accessor either returns a
/// value of exactly the expected shape or throws an `InputError` naming the file, line, path, what
/// was expected and what was found. Scalars are read from their exact source text (never through
/// `Double`), so `0.1` is exactly ten fen and `2026-12-31` stays a date whatever YAML would make
/// of it. A value in quotes is text: `"10"` is not accepted where an integer is expected.
public struct InputValue {
    /// The underlying YAML node (JSON input is parsed as YAML too).
    public let node: Node
    /// The field path of this node from the top of the file.
    public let path: FieldPath
    /// The file's display name, for messages.
    public let file: String

    public init(node: Node, path: FieldPath = .root, file: String) {
        self.node = node
        self.path = path
        self.file = file
    }

    /// The 1-based line of this node, when known.
    public var line: Int? { node.mark?.line }

    /// An error at this node.
    public func error(_ category: InputError.Category, _ message: String) -> InputError {
        InputError(file: file, line: node.mark?.line, column: node.mark?.column, path: path,
                   category: category, message: message)
    }

    /// `expected <what>, got <this node>`.
    public func mismatch(expected what: String) -> InputError {
        error(.invalidValue, "expected \(what), got \(shown)")
    }

    // MARK: Shape

    /// How this node reads in a message: a quoted scalar, `null`, `a list`, `a mapping`.
    public var shown: String {
        switch node {
        case .scalar(let scalar):
            return isNull ? "null" : InputText.quoted(scalar.string)
        case .mapping:
            return "a mapping"
        case .sequence:
            return "a list"
        case .alias:
            return "an alias"
        }
    }

    /// A plain (unquoted, untagged) scalar: the only form that may be a number, bool or null.
    var plainText: String? {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any,
              scalar.tag.rawValue.isEmpty
        else { return nil }
        return scalar.string
    }

    /// The scalar's text whatever its style (plain, quoted or block); `nil` for collections.
    var scalarText: String? {
        guard case .scalar(let scalar) = node else { return nil }
        return scalar.string
    }

    /// `~`, `null`, an empty plain value, or an explicit `!!null`.
    public var isNull: Bool {
        guard case .scalar(let scalar) = node else { return false }
        if scalar.tag.rawValue == "tag:yaml.org,2002:null" { return true }
        switch plainText {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    // MARK: Collections

    /// This node as a mapping whose keys must all be in `fields` (in the order they are listed
    /// in messages). Unknown and non-text keys are errors at the key's line.
    public func mapping(fields: [String]) throws(InputError) -> InputMapping {
        guard case .mapping(let mapping) = node else {
            throw mismatch(expected: "a mapping with fields \(InputText.list(fields))")
        }
        var entries: [InputMapping.Entry] = []
        for (keyNode, valueNode) in mapping {
            let keyValue = InputValue(node: keyNode, path: path, file: file)
            guard let key = keyValue.scalarText, !keyValue.isNull else {
                throw keyValue.error(.invalidValue, "expected a field name, got \(keyValue.shown)")
            }
            let fieldPath = path.appending(key)
            guard fields.contains(key) else {
                let known = fields.isEmpty ? "this place has no fields" : "expected one of \(InputText.list(fields))"
                throw InputError(file: file, line: keyNode.mark?.line, column: keyNode.mark?.column,
                                 path: fieldPath, category: .unknownField, message: "unknown field; \(known)")
            }
            if entries.contains(where: { $0.key == key }) {
                throw InputError(file: file, line: keyNode.mark?.line, column: keyNode.mark?.column,
                                 path: fieldPath, category: .duplicateField, message: "field given twice")
            }
            entries.append(.init(key: key, value: InputValue(node: valueNode, path: fieldPath, file: file)))
        }
        return InputMapping(owner: self, entries: entries)
    }

    /// This node as a map from text keys to values (e.g. `refs`, `parameters`, `shipped`), in file
    /// order. `what` describes the keys for messages, e.g. "a product sku".
    public func dictionary() throws(InputError) -> [(key: String, value: InputValue)] {
        guard case .mapping(let mapping) = node else {
            throw mismatch(expected: "a mapping")
        }
        var result: [(key: String, value: InputValue)] = []
        for (keyNode, valueNode) in mapping {
            let keyValue = InputValue(node: keyNode, path: path, file: file)
            guard let key = keyValue.scalarText, !keyValue.isNull,
                  !key.unicodeScalars.allSatisfy(Self.isBlank)
            else {
                throw keyValue.error(.invalidValue, "expected a non-empty text key, got \(keyValue.shown)")
            }
            let fieldPath = path.appending(key)
            if result.contains(where: { $0.key == key }) {
                throw InputError(file: file, line: keyNode.mark?.line, column: keyNode.mark?.column,
                                 path: fieldPath, category: .duplicateField, message: "key given twice")
            }
            result.append((key, InputValue(node: valueNode, path: fieldPath, file: file)))
        }
        return result
    }

    /// This node as a list; each element carries its index in the path.
    public func list() throws(InputError) -> [InputValue] {
        guard case .sequence(let sequence) = node else {
            throw mismatch(expected: "a list")
        }
        return sequence.enumerated().map { index, element in
            InputValue(node: element, path: path.appending(index: index), file: file)
        }
    }

    /// A list with at least one element.
    public func nonEmptyList(of what: String) throws(InputError) -> [InputValue] {
        guard case .sequence(let sequence) = node else {
            throw mismatch(expected: "a list of \(what)")
        }
        guard !sequence.isEmpty else {
            throw error(.invalidValue, "expected at least one of \(what), got an empty list")
        }
        return try list()
    }

    // MARK: Scalars

    /// Any scalar as text (numbers and dates keep their exact source text; `""` is allowed).
    public func text() throws(InputError) -> String {
        guard let text = scalarText, !isNull else { throw mismatch(expected: "text") }
        return text
    }

    /// Non-empty single-line text with no surrounding whitespace: ids, skus, names of things.
    public func identifier(_ what: String = "an id") throws(InputError) -> String {
        guard let text = scalarText, !isNull else { throw mismatch(expected: what) }
        // (the first and last scalars are what `trimmingCharacters(in: .whitespacesAndNewlines)`
        // would look at, without bridging every id through NSString)
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
              !Self.isSpaceOrLineBreak(first), !Self.isSpaceOrLineBreak(last),
              !text.contains(where: \.isNewline)
        else {
            throw mismatch(expected: "\(what) (non-empty, one line, no surrounding spaces)")
        }
        return text
    }

    /// A plain decimal integer within `range`; `what` is used in messages, e.g. "a positive integer".
    public func integer(_ what: String = "an integer", in range: ClosedRange<Int64> = Int64.min...Int64.max)
        throws(InputError) -> Int64
    {
        guard let text = plainText, !isNull else { throw mismatch(expected: what) }
        var digits = Substring(text)
        if digits.first == "-" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            throw mismatch(expected: what)
        }
        guard let value = Int64(text), value <= range.upperBound else {
            throw error(.invalidValue, "expected \(what), got \(shown) (at most \(range.upperBound))")
        }
        guard value >= range.lowerBound else { throw mismatch(expected: what) }
        return value
    }

    /// An integer > 0 (at most 10^12, which keeps every line amount and sum exact).
    public func positiveInteger() throws(InputError) -> Int64 {
        try integer("a positive integer", in: 1...1_000_000_000_000)
    }

    /// An integer ≥ 0 (at most 10^12).
    public func nonNegativeInteger() throws(InputError) -> Int64 {
        try integer("a non-negative integer", in: 0...1_000_000_000_000)
    }

    /// `true` or `false` (unquoted). YAML 1.1 spellings like `yes`/`on` are refused as ambiguous.
    public func bool() throws(InputError) -> Bool {
        switch plainText {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: throw mismatch(expected: "true or false")
        }
    }

    /// An amount in yuan, from a quoted string or a plain number, with `Money(parsing:)` rules on
    /// the exact source text. `nonNegative` refuses amounts below zero.
    public func money(nonNegative: Bool = true) throws(InputError) -> Money {
        guard let text = scalarText, !isNull else {
            throw mismatch(expected: "an amount in yuan such as \"612000.00\"")
        }
        let amount: Money
        do {
            amount = try Money(parsing: text)
        } catch {
            throw self.error(.invalidValue, error.description)
        }
        if nonNegative && amount.isNegative {
            throw mismatch(expected: "an amount of zero or more")
        }
        return amount
    }

    /// An amount in yuan greater than zero.
    public func positiveMoney() throws(InputError) -> Money {
        let amount = try money()
        guard amount > .zero else { throw mismatch(expected: "an amount greater than zero") }
        return amount
    }

    /// In `CharacterSet.whitespaces` (what a blank key is made of): tab, the space separators,
    /// and U+200B ZERO WIDTH SPACE, which Foundation still counts. InputWhitespaceTests holds
    /// these two to Foundation's sets for every character of the Basic Multilingual Plane.
    static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar == "\u{200B}" || scalar.properties.generalCategory == .spaceSeparator
    }

    /// In `CharacterSet.whitespacesAndNewlines` (what an id may not start or end with).
    static func isSpaceOrLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\u{200B}" || scalar.properties.isWhitespace
    }

    /// A calendar date `YYYY-MM-DD` (quoted or not), checked to exist.
    public func day() throws(InputError) -> Day {
        guard let text = scalarText, !isNull else { throw mismatch(expected: "a date YYYY-MM-DD") }
        do {
            return try Day(parsing: text)
        } catch {
            throw self.error(.invalidValue, error.description)
        }
    }

    /// One of an enum's raw values; the message lists them all.
    public func oneOf<Value: CaseIterable & RawRepresentable>(_ type: Value.Type) throws(InputError) -> Value
    where Value.RawValue == String {
        let allowed = Value.allCases.map(\.rawValue)
        guard let text = scalarText, !isNull, let value = Value(rawValue: text) else {
            throw mismatch(expected: "one of \(InputText.list(allowed))")
        }
        return value
    }
}
