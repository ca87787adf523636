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
