import LuaRuntime
import Money
import SalesDomain

/// The reason texts of `rules/messages.lua`: for each code a Chinese and an English template whose
/// `{name}` placeholders are filled with the facts the rule handed over.
public struct MessageCatalog: Sendable {
    /// code → language → template.
    public let templates: [String: [Language: String]]
    /// The same templates split into text and placeholders once, so filling one (every reason of
    /// every decision) is a walk over a few pieces rather than a scan of the template.
    private let parsed: [String: [Language: [Piece]]]

    public init(templates: [String: [Language: String]]) {
        self.templates = templates
        parsed = templates.mapValues { byLanguage in
            byLanguage.mapValues { template in
                var pieces: [Piece] = []
                Self.scan(template) { pieces.append($0) }
                return pieces
            }
        }
    }

    /// Reads the table `messages.lua` returns: `{ ["code"] = { zh = "…", en = "…" }, … }`. Errors
    /// name the code and language at fault; codes are checked in sorted order, so with several
    /// mistakes the one reported is always the same.
    ///
    /// Read by hand rather than through `Decodable`: this runs in every `signoff` process, and
    /// the generic decoder's first use (metadata, conformance lookups) cost about 5 % of one.
    init(_ value: LuaValue) throws(PolicyError) {
        func fail(_ message: String) -> PolicyError { .script(.value("messages.lua: \(message)")) }
        func shown(_ key: LuaValue) -> String {
            switch key {
            case .string(let s): return s
            case .integer(let i): return "[\(i)]"
            default: return "[\(key.typeName)]"
            }
        }
        guard case .table(let table) = value else {
            throw fail("expected a table of reason texts { [\"code\"] = { zh = \"…\", en = \"…\" } }, got \(value.typeName)")
        }
        guard table.array.isEmpty else {
            throw fail("[1]: expected a reason code as the key, e.g. [\"contract.review\"] = { zh = \"…\", en = \"…\" }")
        }
        var templates: [String: [Language: String]] = Dictionary(minimumCapacity: table.fields.count)
        for (key, entry) in table.sortedFields {
            guard case .string(let code) = key else {
                throw fail("\(shown(key)): expected a reason code as the key, e.g. [\"contract.review\"] = { zh = \"…\", en = \"…\" }")
            }
            guard case .table(let texts) = entry else {
                throw fail("\(code): expected { zh = \"…\", en = \"…\" }, got \(entry.typeName)")
            }
            guard texts.array.isEmpty else {
                throw fail("\(code)[1]: expected zh = \"…\" or en = \"…\", got a value without its language")
            }
            var byLanguage: [Language: String] = Dictionary(minimumCapacity: 2)
            for (tag, text) in texts.sortedFields {
                guard case .string(let tagText) = tag, let language = Language(rawValue: tagText) else {
                    throw fail("\(code).\(shown(tag)): unknown language (expected zh or en)")
                }
                guard case .string(let template) = text else {
                    throw fail("\(code).\(tagText): expected text, got \(text.typeName)")
                }
                byLanguage[language] = template
            }
            templates[code] = byLanguage
        }
        self.init(templates: templates)
    }

    /// The text for `code` in `language` (falling back to the other language, then to the code and
    /// its facts, so a missing message never hides a reason).
    public func text(_ code: String, facts: [String: FactValue], language: Language) -> String {
        if let pieces = parsed[code]?[language] { return Self.fill(pieces, facts: facts, language: language) }
        let entry = templates[code]
        guard let template = entry?.values.sorted().first else {
            let figures = facts.keys.sorted().map { "\($0)=\(Self.display(facts[$0] ?? .text(""), language))" }
            return figures.isEmpty ? code : "\(code) (\(figures.joined(separator: ", ")))"
        }
        return Self.fill(template, facts: facts, language: language)
    }

    /// The `{names}` of the template for `code` in `language` that `facts` does not give.
    public func missingFacts(_ code: String, facts: [String: FactValue], language: Language) -> [String] {
        guard let template = templates[code]?[language] else { return [] }
        return Self.placeholders(template).filter { facts[$0] == nil }
    }

    static func placeholders(_ template: String) -> [String] {
        var names: [String] = []
        scan(template) { piece in
            if case .placeholder(let name) = piece { names.append(name) }
        }
        return names
    }

    /// Replaces each `{name}` with the fact's display form; a fact the rule did not give shows
    /// as "—" (`signoff check` reports such templates).
    static func fill(_ template: String, facts: [String: FactValue], language: Language) -> String {
        var pieces: [Piece] = []
        scan(template) { pieces.append($0) }
        return fill(pieces, facts: facts, language: language)
    }

    static func fill(_ pieces: [Piece], facts: [String: FactValue], language: Language) -> String {
        var result = ""
        result.reserveCapacity(64)
        for piece in pieces {
            switch piece {
            case .text(let text): result += text
            case .placeholder(let name): result += facts[name].map { display($0, language) } ?? "—"
            }
        }
        return result
    }

    enum Piece: Sendable {
        case text(Substring)
        case placeholder(String)
    }

    /// Splits a template into text and `{name}` placeholders, scanning UTF-8 bytes (braces are
    /// ASCII, so this never splits a character; it is much cheaper than walking Characters).
    static func scan(_ template: String, _ visit: (Piece) -> Void) {
        let utf8 = template.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == UInt8(ascii: "{"),
                let close = utf8[utf8.index(after: index)...].firstIndex(of: UInt8(ascii: "}"))
            {
                if start != index { visit(.text(template[start..<index])) }
                visit(.placeholder(String(template[utf8.index(after: index)..<close])))
                index = utf8.index(after: close)
                start = index
            } else {
                index = utf8.index(after: index)
            }
        }
        if start != utf8.endIndex { visit(.text(template[start...])) }
    }

    static func display(_ fact: FactValue, _ language: Language) -> String {
        switch fact {
        case .bool(let b): return language == .zh ? (b ? "是" : "否") : (b ? "yes" : "no")
        case .list(let items): return items.map { display($0, language) }.joined(separator: language == .zh ? "、" : ", ")
        default: return fact.description
        }
    }
}
