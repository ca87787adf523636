import Foundation
import Testing
import Yams
@testable import SalesDomain

/// `InputValue.identifier` and `dictionary()` decide what counts as surrounding or blank space
/// scalar by scalar, without Foundation's `trimmingCharacters`; they must accept and refuse
/// exactly what that rule did, for every character of the Basic Multilingual Plane (no
/// whitespace lies beyond it).
@Suite("Whitespace in ids and keys")
struct InputWhitespaceTests {
    static func scalarNode(_ text: String) -> Node { .scalar(.init(text, Tag(.str), .doubleQuoted)) }

    static func acceptsID(_ text: String) -> Bool {
        (try? InputValue(node: scalarNode(text), file: "t").identifier()) != nil
    }

    static func acceptsKey(_ text: String) -> Bool {
        let mapping = Node.mapping(.init([(scalarNode(text), scalarNode("v"))]))
        return (try? InputValue(node: mapping, file: "t").dictionary()) != nil
    }

    @Test func sameAsFoundationTrimming() {
        var refusedIDs = 0, refusedKeys = 0
        for code in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(code) else { continue }
            let s = String(Character(scalar))
            for id in ["\(s)x", "x\(s)"] {
                let foundation = id.trimmingCharacters(in: .whitespacesAndNewlines) == id && !id.contains(where: \.isNewline)
                #expect(Self.acceptsID(id) == foundation, "U+\(String(code, radix: 16)) in \(id.debugDescription)")
                if !foundation { refusedIDs += 1 }
            }
            for key in [s] {
                let foundation = !key.trimmingCharacters(in: .whitespaces).isEmpty
                #expect(Self.acceptsKey(key) == foundation, "U+\(String(code, radix: 16)) as a key")
                if !foundation { refusedKeys += 1 }
            }
        }
        // both sides of each rule are exercised: spaces, tabs, line breaks, ideographic space …
        #expect(refusedIDs > 40)   // both ends of ~25 space and line-break characters
        #expect(refusedKeys > 15)
    }
}
