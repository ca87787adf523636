import Foundation
import Testing
import Yams
@testable import SalesDomain

/// `JSONNodeReader` must build exactly the tree the YAML parser builds for the JSON it accepts,
/// and refuse (nil) what it is not sure about; `InputDecoder.request(stored:)` and
/// `context(stored:)` must give the values and the errors the usual path gives.
@Suite("Stored JSON")
struct StoredJSONTests {
    /// The node as text: kind, style, exact scalar text, tag — everything decoding looks at.
    static func shape(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            return "s(\(scalar.style.rawValue),\(scalar.tag.rawValue),\(scalar.string.debugDescription))"
        case .mapping(let mapping):
            return "{" + mapping.map { shape($0.key) + ":" + shape($0.value) }.joined(separator: ",") + "}"
        case .sequence(let sequence):
            return "[" + sequence.map(shape).joined(separator: ",") + "]"
        case .alias:
            return "alias"
        }
    }

    static func yamlNode(_ text: String) throws -> Node {
        try #require(try Yams.compose(yaml: text, .basic))
    }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test("the reader builds the YAML parser's tree", arguments: [
        #"{"a":1,"b":-2.50,"c":"text","d":true,"e":false,"f":null,"g":[],"h":{},"i":[1,"2",{"j":0}]}"#,
        #"{ "spaced" : [ 1 , 2 ] , "n" : 1e5, "m": -0.5E-3 }"#,
        #"{"escapes":"a\"b\\c\/d\n\t\r\b\f \u00e9 \u4e2d"}"#,
        #"{"中文":"喷雾机 × 10","emoji":"🚜"}"#,
        #"["10", 10, "true", "null", "", "2026-12-31"]"#,
        #""just text""#,
        "42",
        "{\n  \"lines\": [\n    {\"sku\": \"SP-16\"}\n  ]\n}\n",
    ])
    func sameTree(text: String) throws {
        let fast = try #require(JSONNodeReader.node(text))
        let slow = try Self.yamlNode(text)
        #expect(Self.shape(fast) == Self.shape(slow), "\(Self.shape(fast)) vs \(Self.shape(slow))")
    }

    @Test("the reader leaves to the YAML parser what it is not sure about", arguments: [
        #"{a: 1}"#,                              // YAML, not JSON
        #"{"a":1,"a":2}"#,                       // duplicate key: the YAML parser names it
        "{\"a\":\t1}",                           // a tab
        "{\"a\":\"x\ny\"}",                      // a raw line break in a string
        "{\"a\":\"x\u{2028}y\"}",                // a character YAML folds as a line break
        "{\"a\":\"x\u{85}y\"}",
        #"{"a":"\ud83d\ude9c"}"#,                // escaped surrogates: libyaml refuses them
        #"{"a":01}"#, #"{"a":1.}"#, #"{"a":.5}"#, #"{"a":1e}"#, #"{"a":tru}"#, #"{"a":nullx}"#,
        #"{"a":1,}"#, #"[1,]"#, #"{"a":1} x"#, #"{"a":1"#, #""open"#, "",
        String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
    ])
    func refuses(text: String) {
        #expect(JSONNodeReader.node(text) == nil)
    }

    /// A random JSON value as JSONEncoder writes it: nested objects and lists, numbers, and
    /// strings drawn from ASCII, escapes, CJK, emoji and the characters the reader refuses.
    enum Sample: Encodable {
        case object([String: Sample]), list([Sample]), text(String), integer(Int), decimal(Double), flag(Bool), none

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .object(let fields): try container.encode(fields)
            case .list(let items): try container.encode(items)
            case .text(let text): try container.encode(text)
            case .integer(let value): try container.encode(value)
            case .decimal(let value): try container.encode(value)
            case .flag(let value): try container.encode(value)
            case .none: try container.encodeNil()
            }
        }

        static let pieces = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{01}", "é", "中", "农机", "🚜", "×",
                             "¥", "\u{2028}", "\u{85}", "\u{A0}", "-", ".", ":", "{", "]", "null", "true"]

        static func random(depth: Int, using generator: inout some RandomNumberGenerator) -> Sample {
            func text() -> String {
                (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            }
            switch Int.random(in: 0..<(depth > 3 ? 5 : 7), using: &generator) {
            case 0: return .text(text())
            case 1: return .integer(Int.random(in: -1_000_000...1_000_000, using: &generator))
            case 2: return .decimal(Double(Int.random(in: -99_999...99_999, using: &generator)) / 100)
            case 3: return .flag(Bool.random(using: &generator))
            case 4: return .none
            case 5:
                var fields: [String: Sample] = [:]
                for _ in 0..<Int.random(in: 0...4, using: &generator) { fields[text()] = random(depth: depth + 1, using: &generator) }
                return .object(fields)
            default:
                return .list((0..<Int.random(in: 0...4, using: &generator)).map { _ in random(depth: depth + 1, using: &generator) })
            }
        }
    }

    /// SplitMix64: the same samples on every run.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("on 2,000 random encoder outputs the reader gives the YAML parser's tree, or leaves it the text")
    func randomDocuments() throws {
        var generator = Seeded(state: 2024)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var read = 0
        for _ in 0..<2_000 {
            let sample = Sample.object(["value": Sample.random(depth: 0, using: &generator)])
            let text = String(decoding: try encoder.encode(sample), as: UTF8.self)
            guard let fast = JSONNodeReader.node(text) else { continue }
            read += 1
            #expect(Self.shape(fast) == Self.shape(try Self.yamlNode(text)), "\(text)")
        }
        #expect(read > 1_000)   // most documents are read by the reader itself
    }

    @Test("stored requests of every kind read back equal to the usual decoder's", arguments: Fixtures.requests)
    func storedRequest(kind: RequestKind, text: String) throws {
        let request = try InputDecoder.request(from: text, file: "request.yaml")
        let json = try Self.json(request)
        #expect(JSONNodeReader.node(json) != nil)
        let stored = try InputDecoder.request(stored: json, file: "case X")
        let usual = try InputDecoder.request(from: json, file: "case X")
        #expect(stored == usual)
        #expect(try Self.json(stored) == json)
    }

    @Test("a stored context reads back equal to the usual decoder's")
    func storedContext() throws {
        let context = try InputDecoder.context(from: Fixtures.context, file: "context.yaml")
        let json = try Self.json(context)
        #expect(JSONNodeReader.node(json) != nil)
        let stored = try InputDecoder.context(stored: json, file: "stored context")
        #expect(stored == context)
        #expect(stored == (try InputDecoder.context(from: json, file: "stored context")))
    }

    @Test("a damaged stored request fails with the usual error, line and column included")
    func storedErrorsKeepPositions() throws {
        let request = try InputDecoder.request(from: Fixtures.requests[0].1, file: "request.yaml")
        let json = try Self.json(request).replacingOccurrences(of: #""kind":"#, with: #""kind ":"#)
        #expect(JSONNodeReader.node(json) != nil)   // valid JSON: the decoder, not the reader, refuses it
        var usual: InputError?
        do { _ = try InputDecoder.request(from: json, file: "case X") } catch { usual = error }
        var stored: InputError?
        do { _ = try InputDecoder.request(stored: json, file: "case X") } catch { stored = error }
        let error = try #require(stored)
        #expect(error.description == usual?.description)
        #expect(error.line == 1)
        #expect(error.column != nil)
    }

    @Test("text the reader refuses is still read, by the YAML parser")
    func fallsBack() throws {
        let yaml = Fixtures.requests[0].1
        #expect(JSONNodeReader.node(yaml) == nil)
        #expect(try InputDecoder.request(stored: yaml, file: "r") == InputDecoder.request(from: yaml, file: "r"))
    }
}
