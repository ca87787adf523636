import Foundation
import SalesDomain

/// One dry-run case of `rules/tests/*.yaml`: a request, the context it is decided in, and what
/// the decision must show. Expectations are partial: only what a case states is checked.
public struct PolicyTestCase: Sendable {
    public var name: String
    /// `file:line` of the case, for reports.
    public var location: String
    public var request: Request
    public var context: PolicyContext
    public var expectation: PolicyExpectation
}

/// What a case expects. For the lists, a non-empty list means "at least these", and an empty
/// list means "none at all".
public struct PolicyExpectation: Sendable, Hashable {
    public var outcome: Outcome?
    /// Roles per stage, in stage order; the order of roles inside a stage (parallel) is free.
    public var stages: [[Role]]?
    public var escalations: [String]?
    public var noEscalations: [String] = []
    public var deviations: [String]?
    public var noDeviations: [String] = []
    public var blocks: [String]?
    /// Texts that must appear among the reason texts (any language the case runs in).
    public var reasonsContain: [String] = []

    public init() {}
}

extension PolicyTestCase {
    static let fields = ["name", "request", "context", "context_file", "expect"]
    static let expectFields = [
        "outcome", "stages", "escalations", "no_escalations", "deviations", "no_deviations", "blocks",
        "reasons_contain",
    ]

    /// Reads a case file: a list of cases, or one case. `context_file` is resolved next to the
    /// file; each context file is read once per `contexts` cache (pass one cache to every file
    /// of a run, so a shared `context.yaml` is parsed once, not once per file).
    public static func load(file path: String, contexts: inout [String: PolicyContext]) throws(InputError) -> [PolicyTestCase] {
        let top = try InputDecoder.parse(contentsOf: path)
        let entries: [InputValue]
        if top.node.sequence != nil {
            entries = try top.list()
        } else {
            entries = [top]
        }
        var cases: [PolicyTestCase] = []
        for entry in entries {
            let map = try entry.mapping(fields: fields)
            let name = try map.required("name") { v throws(InputError) in try v.text() }
            let request = try map.required("request") { v throws(InputError) in try Request(from: v) }
            var context = PolicyContext.empty
            if let inline = map.value("context") {
                context = try PolicyContext(from: inline)
            } else if let file = map.value("context_file") {
                let relative = try file.text()
                let resolved = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(relative).path
                if let cached = contexts[resolved] {
                    context = cached
                } else {
                    context = try InputDecoder.context(contentsOf: resolved)
                    contexts[resolved] = context
                }
            }
            let expectation = try map.required("expect") { v throws(InputError) in try PolicyExpectation(from: v) }
            cases.append(PolicyTestCase(name: name, location: "\(path):\(entry.line.map(String.init) ?? "?")",
                                        request: request, context: context, expectation: expectation))
        }
        return cases
    }

    /// Reads a case file on its own (see `load(file:contexts:)`).
    public static func load(file path: String) throws(InputError) -> [PolicyTestCase] {
        var contexts: [String: PolicyContext] = [:]
        return try load(file: path, contexts: &contexts)
    }
}

extension PolicyExpectation {
    init(from input: InputValue) throws(InputError) {
        let map = try input.mapping(fields: PolicyTestCase.expectFields)
        func codes(_ key: String) throws(InputError) -> [String]? {
            try map.optional(key) { v throws(InputError) in
                var out: [String] = []
                for item in try v.list() { out.append(try item.text()) }
                return out
            }
        }
        outcome = try map.optional("outcome") { v throws(InputError) in try v.oneOf(Outcome.self) }
        stages = try map.optional("stages") { v throws(InputError) in
            var out: [[Role]] = []
            for stage in try v.list() {
                var roles: [Role] = []
                for role in try stage.list() { roles.append(try role.oneOf(Role.self)) }
                out.append(roles)
            }
            return out
        }
        escalations = try codes("escalations")
        noEscalations = try codes("no_escalations") ?? []
        deviations = try codes("deviations")
        noDeviations = try codes("no_deviations") ?? []
        blocks = try codes("blocks")
        reasonsContain = try codes("reasons_contain") ?? []
    }

    /// The ways `decision` differs from this expectation, each a readable line; empty when it meets it.
    public func mismatches(in decision: Decision) -> [String] {
        var problems: [String] = []
        if let outcome, outcome != decision.outcome {
            var line = "outcome: expected \(outcome.rawValue), got \(decision.outcome.rawValue)"
            if let error = decision.error { line += " (\(error))" }
            problems.append(line)
        }
        if let stages {
            let expected = stages.map { $0.map(\.rawValue).sorted() }
            let actual = decision.route.map { $0.steps.map(\.role.rawValue).sorted() }
            if expected != actual {
                problems.append("stages:\n      expected \(Self.show(expected))\n      got      \(Self.show(actual))")
            }
        }
        Self.check("escalations", expected: escalations, actual: decision.escalations.map(\.code), into: &problems)
        Self.check("deviations", expected: deviations, actual: decision.deviations.map(\.field), into: &problems)
        Self.check("blocks", expected: blocks, actual: decision.blocks.map(\.code), into: &problems)
        for code in noEscalations where decision.escalations.contains(where: { $0.code == code }) {
            problems.append("escalations: \(code) is present but must not be")
        }
        for field in noDeviations where decision.deviations.contains(where: { $0.field == field }) {
            problems.append("deviations: \(field) is present but must not be")
        }
        let texts = decision.route.flatMap { $0.steps.flatMap { $0.reasons.map(\.text) } }
            + decision.escalations.map(\.text) + decision.deviations.map(\.text) + decision.blocks.map(\.text)
        for fragment in reasonsContain where !texts.contains(where: { $0.contains(fragment) }) {
            problems.append("reasons: no text contains \"\(fragment)\"")
        }
        return problems
    }

    private static func check(_ what: String, expected: [String]?, actual: [String], into problems: inout [String]) {
        guard let expected else { return }
        if expected.isEmpty {
            if !actual.isEmpty { problems.append("\(what): expected none, got \(actual.joined(separator: ", "))") }
            return
        }
        let missing = expected.filter { !actual.contains($0) }
        if !missing.isEmpty {
            let got = actual.isEmpty ? "none" : actual.joined(separator: ", ")
            problems.append("\(what): missing \(missing.joined(separator: ", ")) (got \(got))")
        }
    }

    private static func show(_ stages: [[String]]) -> String {
        "[" + stages.map { "[" + $0.joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
    }
}
