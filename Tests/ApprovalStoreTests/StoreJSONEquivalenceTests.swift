import Crypto
import Foundation
import Money
import PolicyEngine
import SalesDomain
import Testing
@testable import ApprovalStore

/// The store's cheaper JSON paths are byte-for-byte (and value-for-value) the Foundation ones they
/// replace: stored hashes, the audit chain and stored rows depend on it. Checked on every request,
/// context and decision of the shipped dry-run cases, and on values built to hit the edges.
@Suite("Store JSON equivalence")
struct StoreJSONEquivalenceTests {
    /// Every dry-run case with the decision the shipped rules make for it.
    static let cases: [(PolicyTestCase, Decision)] = {
        let directory = TestSupport.packageRoot.appendingPathComponent("rules/tests")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        guard let engine = try? TestSupport.engine() else { return [] }
        var contexts: [String: PolicyContext] = [:]
        var result: [(PolicyTestCase, Decision)] = []
        for file in files.sorted() where file.hasSuffix(".yaml") && file != "context.yaml" {
            let loaded = (try? PolicyTestCase.load(file: directory.appendingPathComponent(file).path, contexts: &contexts)) ?? []
            for testCase in loaded {
                if let decision = try? engine.decide(testCase.request, context: testCase.context) {
                    result.append((testCase, decision))
                }
            }
        }
        return result
    }()

    func expectSameBytes<T: Encodable>(_ value: T, _ comment: @autoclosure () -> String = "",
                                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fast = CompactJSONEncoder.encode(value)
        let reference = try StoreJSON.foundationEncode(value)
        #expect(fast == reference, "\(comment())", sourceLocation: sourceLocation)
        #expect(try StoreJSON.encode(value) == reference, "\(comment())", sourceLocation: sourceLocation)
    }

    @Test("the dry-run cases are there to compare on")
    func enoughCases() {
        #expect(Self.cases.count >= 50)
        #expect(Self.cases.contains { !$0.1.route.flatMap(\.steps).flatMap(\.reasons).flatMap(\.facts.values).isEmpty })
    }

    @Test("requests, decisions, contexts, documents, coverage and audit data encode to Foundation's bytes")
    func realValues() throws {
        for (testCase, decision) in Self.cases {
            let name = testCase.name
            try expectSameBytes(testCase.request, name)
            try expectSameBytes(decision, name)
            try expectSameBytes(testCase.context, name)
            for document in testCase.context.documents { try expectSameBytes(document, name) }
            let submitted = SubmittedEvent(kind: testCase.request.kind, customer: testCase.request.customer.id,
                                           outcome: decision.outcome, policy: decision.policy,
                                           stages: decision.stageRoles.map { $0.map(\.rawValue) }, request: testCase.request)
            try expectSameBytes(submitted, name)
            #expect(try submitted.json(requestJSON: StoreJSON.encode(testCase.request))
                    == StoreJSON.foundationEncode(submitted), "\(name)")
            try expectSameBytes(BlockedEvent(kind: testCase.request.kind, customer: testCase.request.customer.id,
                                             blocks: decision.blocks.map(\.code), policy: decision.policy,
                                             request: testCase.request), name)
            let cited = Store.cited(testCase.request, in: testCase.context)
            for step in decision.route.flatMap(\.steps) {
                try expectSameBytes(step.reasons, name)
                if let due = step.due { try expectSameBytes(due, name) }
                if let onOverdue = step.onOverdue { try expectSameBytes(onOverdue, name) }
                try expectSameBytes(Coverage.covered(step: step, request: testCase.request, cited: cited), name)
                let reference = try StoreJSON.foundationEncode(Coverage.covered(step: step, request: testCase.request, cited: cited))
                let expected = "sha256:" + SHA256.hash(data: Data(reference.utf8)).map { String(format: "%02x", $0) }.joined()
                #expect(try Coverage.hash(step: step, request: testCase.request, cited: cited) == expected, "\(name)")
                #expect(try Coverage.Hasher(request: testCase.request, cited: cited).hash(step) == expected, "\(name)")
            }
            if let resolved = try? testCase.context.resolve(testCase.request) {
                try expectSameBytes(Store.decisionContext(testCase.context, resolved: resolved), name)
            }
        }
    }

    struct Edges: Encodable {
        var text: String
        var optional: String?
        var missing: Int?
        var integers: [Int64]
        var doubles: [Double]
        var flags: [Bool?]
        var keyed: [String: String]
        var nested: [[String: [FactValue]]]
        var empty: [String: Int]
        var emptyList: [String]
        var byInt: [Int: String]
        var step: ActedEvent
        var record: StepRecord
    }

    static let awkward = [
        "", "plain", "quote \" backslash \\ slash / end", "控制\u{0}\u{1}\u{7}\u{8}\u{9}\u{a}\u{b}\u{c}\u{d}\u{1b}\u{1f}\u{7f}",
        "货到验收合格后付款", "emoji 🚜 and é and e\u{301}", "\u{2028}\u{2029}", "tab\tnew\nline", "K\u{212A}",
    ]

    @Test("edge values: escapes, key order, numbers, empties, optionals")
    func edges() throws {
        let keys = ["b", "B", "a", "A", "10", "9", "_x", "é", "e\u{301}", "日本", "z", "", "a b", "\"q\"", "\u{1}"]
        var keyed: [String: String] = [:]
        for (index, key) in keys.enumerated() { keyed[key] = Self.awkward[index % Self.awkward.count] }
        let doubles: [Double] = [0, -0.0, 1, -1, 1.5, 100, 1e15, 1e16, 1e20, 1e21, 1e-7, 0.1, 2.0 / 3, .pi, .leastNonzeroMagnitude,
                                 .greatestFiniteMagnitude, -123456789.125, 4.35, 612000]
        let facts: [FactValue] = [.money(Money(fen: 61_200_000)), .money(Money(fen: -5)), .integer(.min), .integer(.max),
                                  .number(2.5), .number(3), .text("a/b"), .bool(true), .bool(false),
                                  .list([.integer(1), .list([.text("x")]), .list([])])]
        let reason = Reason(code: "x.y", text: Self.awkward.joined(separator: "|"),
                            facts: Dictionary(zip(keys, facts + facts)) { first, _ in first }, at: "contract.lua:42")
        let record = StepRecord(id: 7, number: 1, revision: 2, stageIndex: 0, stageName: "branch", role: .branchManager,
                                action: .approve, task: "issue/slip", scope: .branch, assignee: nil, reasons: [reason],
                                due: .hours(4), onOverdue: .escalate(to: .leadership), coveredHash: "sha256:00",
                                state: .pending, openedAt: "2026-11-29T10:00:00+08:00", dueAt: nil, doneAt: nil)
        let edges = Edges(text: Self.awkward.joined(), optional: nil, missing: nil, integers: [0, -1, .min, .max],
                          doubles: doubles, flags: [true, nil, false], keyed: keyed,
                          nested: [["f": facts], [:]], empty: [:], emptyList: [], byInt: [10: "ten", 9: "nine", -1: "m"],
                          step: ActedEvent(step: 1, revision: 1, stage: "销售", role: "finance", task: nil,
                                           comment: Self.awkward[2], actingFor: "x", coveredHash: "h"),
                          record: record)
        try expectSameBytes(edges)
        for string in Self.awkward { try expectSameBytes(string) }
        for double in doubles { try expectSameBytes(double) }
        try expectSameBytes(facts)
        try expectSameBytes([reason])
        try expectSameBytes(["stage": "1 branch"])
    }

    struct Twice: Encodable {
        enum CodingKeys: String, CodingKey { case a }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(1, forKey: .a)
            try container.encode(2, forKey: .a)
        }
    }

    @Test("what the fast encoder leaves to Foundation comes out as Foundation writes it, errors included")
    func fallbacks() throws {
        #expect(CompactJSONEncoder.encode(Date(timeIntervalSince1970: 5)) == nil)
        #expect(try StoreJSON.encode(["at": Date(timeIntervalSince1970: 5)]) == StoreJSON.foundationEncode(["at": Date(timeIntervalSince1970: 5)]))
        #expect(CompactJSONEncoder.encode(Twice()) == nil)
        #expect(try StoreJSON.encode(Twice()) == StoreJSON.foundationEncode(Twice()))
        #expect(CompactJSONEncoder.encode([Double.nan]) == nil)
        #expect(throws: EncodingError.self) { try StoreJSON.encode(["x": Double.infinity]) }
        #expect(CompactJSONEncoder.encode(Float(1.5)) == nil)
    }

    // MARK: Decoding step columns

    func expectSameValue<T: Decodable & Equatable>(_ fast: (String) throws -> T, _ type: T.Type, _ text: String,
                                                   sourceLocation: SourceLocation = #_sourceLocation) {
        let reference = Result { try StoreJSON.decode(type, from: text) }
        let mine = Result { try fast(text) }
        switch (reference, mine) {
        case (.success(let a), .success(let b)): #expect(a == b, "\(text)", sourceLocation: sourceLocation)
        case (.failure(let a), .failure(let b)): #expect("\(a)" == "\(b)", "\(text)", sourceLocation: sourceLocation)
        default: Issue.record("\(text): \(reference) vs \(mine)", sourceLocation: sourceLocation)
        }
    }

    @Test("reasons, due and on-overdue columns decode as JSONDecoder decodes them")
    func stepColumns() throws {
        var texts: [String] = []
        for (_, decision) in Self.cases {
            for step in decision.route.flatMap(\.steps) {
                texts.append(try StoreJSON.encode(step.reasons))
                if let due = step.due { expectSameValue(StepColumns.due, Due.self, try StoreJSON.encode(due)) }
                if let onOverdue = step.onOverdue {
                    expectSameValue(StepColumns.onOverdue, OverdueAction.self, try StoreJSON.encode(onOverdue))
                }
            }
        }
        #expect(texts.count > 100)
        texts += [
            #"[]"#, #"[{"code":"a","facts":{},"text":"t"}]"#, #"[{"at":null,"code":"a","facts":{},"text":"t"}]"#,
            #"[{"code":"a","facts":{"n":-0,"m":0,"k":-12,"big":123456789012345678901,"f":1.5,"e":1e3,"z":10.0},"text":"t"}]"#,
            #"[{"code":"a","facts":{"s":"\u00e9\u0000\ud83d\ude9c\/\b\f\n\r\t\"\\","l":[true,false,[],["x",1]]},"text":"t"}]"#,
            #"[{"code":"a","facts":{"x":null},"text":"t"}]"#, #"[{"code":"a","facts":{"x":{}},"text":"t"}]"#,
            #"[{"code":"a","facts":{},"text":"t","extra":1}]"#, #"[{"code":"a","code":"b","facts":{},"text":"t"}]"#,
            #"[{"code":"a","facts":{"d":1,"d":2},"text":"t"}]"#, #"[{"code":"a","text":"t"}]"#, #"[{"code":1,"facts":{},"text":"t"}]"#,
            #" [ { "code" : "a" , "facts" : { } , "text" : "t" } ] "#, #"[{"code":"a","facts":{},"text":"t"}"#, "", "nonsense",
            #"[{"code":"a","facts":{"x":01},"text":"t"}]"#, "[{\"code\":\"a\u{1}\",\"facts\":{},\"text\":\"t\"}]",
        ]
        for text in texts { expectSameValue(StepColumns.reasons, [Reason].self, text) }
        for text in [#"{"days":0}"#, #"{"hours":4}"#, #"{"days":-2}"#, #"{"days":1,"hours":2}"#, #"{"weeks":1}"#,
                     #"{"days":1.0}"#, #"{ "days": 3 }"#, #"{"days":"3"}"#, "[]", ""] {
            expectSameValue(StepColumns.due, Due.self, text)
        }
        for text in [#""remind""#, #""later""#, #"{"escalate_to":"leadership"}"#, #"{"escalate_to":"boss"}"#,
                     #"{"escalate_to":"finance","x":1}"#, #"{}"#, "null", ""] {
            expectSameValue(StepColumns.onOverdue, OverdueAction.self, text)
        }
        for text in [#"[]"#, #"["a","b"]"#, #"["\u00e9"]"#, #"[1]"#, #"[ "a" ]"#, #"["a",]"#, "", #"{"a":"b"}"#] {
            expectSameValue(StringListColumn.decode, [String].self, text)
        }
    }

    @Test("stored decisions decode as JSONDecoder decodes them")
    func decisions() throws {
        var texts: [String] = []
        for (_, decision) in Self.cases { texts.append(try StoreJSON.encode(decision)) }
        #expect(texts.count >= 50)
        let base = #"{"blocks":[],"deviations":[],"escalations":[],"outcome":"route","policy":"p","route":[]}"#
        texts += [
            base,
            base.replacingOccurrences(of: #""policy":"p""#, with: #""error":null,"policy":"p""#),
            base.replacingOccurrences(of: #""policy":"p""#, with: #""error":"boom","policy":"p""#),
            base.replacingOccurrences(of: #""outcome":"route""#, with: #""outcome":"maybe""#),
            base.replacingOccurrences(of: #""policy":"p""#, with: #""policy":"p","extra":1"#),
            base.replacingOccurrences(of: #""blocks":[],"#, with: ""),
            base.replacingOccurrences(of: #""deviations":[]"#, with:
                #""deviations":[{"actual":null,"code":"c","facts":{},"field":"f","needs":"leadership","quoted":"1.00","text":"t"}]"#),
            base.replacingOccurrences(of: #""deviations":[]"#, with:
                #""deviations":[{"actual":[1,"x"],"code":"c","facts":{"a":2.5},"field":"f","needs":"boss","text":"t"}]"#),
            base.replacingOccurrences(of: #""route":[]"#, with:
                #""route":[{"name":"s","steps":[{"action":"approve","due":{"days":0},"on_overdue":{"escalate_to":"leadership"},"reasons":[],"role":"finance","scope":"branch","task":null,"user":"u"}]}]"#),
            base.replacingOccurrences(of: #""route":[]"#, with:
                #""route":[{"name":"s","steps":[{"action":"approve","due":null,"on_overdue":"remind","reasons":[],"role":"finance"}]}]"#),
            base.replacingOccurrences(of: #""route":[]"#, with:
                #""route":[{"name":"s","steps":[{"action":"approve","due":{"weeks":1},"reasons":[],"role":"finance"}]}]"#),
            base.replacingOccurrences(of: #""escalations":[]"#, with:
                #""escalations":[{"at":"x.lua:1","code":"c","facts":{"n":-3,"l":[true]},"role":"leadership","text":"t"}]"#),
            "", "{}", " " + base,
        ]
        for text in texts { expectSameValue(DecisionColumn.decode, Decision.self, text) }
    }

    @Test("digests in hex are the same text as formatting each byte with %02x")
    func hex() {
        let all = (0...255).map(UInt8.init)
        #expect(Hex.string(all) == all.map { String(format: "%02x", $0) }.joined())
        #expect(Hex.string([UInt8]()) == "")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            #expect(Hex.string(bytes) == bytes.map { String(format: "%02x", $0) }.joined())
        }
    }
}
