import Yams

/// Reads plain JSON into the same `Node` tree the YAML parser builds, several times faster, for
/// text the program wrote itself (stored requests, contexts and documents, read back on every
/// act and replayed by the million).
///
/// The contract is narrow on purpose: it either returns the tree libyaml would have built for
/// this text — strings as double-quoted scalars tagged `str`; numbers, `true`, `false` and `null`
/// as untagged plain scalars with their exact source text — or nil, and the caller parses the
/// text the usual way. So it returns nil for anything it is not certain about: YAML that is not JSON,
/// duplicate keys (the YAML parser names them), tabs, control characters, the characters YAML
/// treats as line breaks inside a string (U+0085, U+2028, U+2029, which it would fold), deep
/// nesting. Its nodes carry no line and column (Yams cannot be given one), which is why callers
/// decode again through the YAML parser when decoding fails: errors keep their positions.
enum JSONNodeReader {
    /// Nesting deeper than this is left to the YAML parser.
    static let maximumDepth = 64

    /// The node tree of `text`, or nil when the text is not JSON this reader is sure about.
    static func node(_ text: String) -> Node? {
        var text = text
        return text.withUTF8 { bytes -> Node? in
            var reader = Cursor(bytes: bytes, constructor: .default)
            reader.skipSpace()
            guard let node = reader.value(depth: 0) else { return nil }
            reader.skipSpace()
            return reader.index == bytes.count ? node : nil
        }
    }

    /// One pass over the UTF-8 bytes; every method returns nil (or false) on anything unexpected.
    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        /// One for the whole parse, as the YAML parser has: `Constructor.default` builds its
        /// tables anew on every use, which would cost more than the parse itself.
        let constructor: Constructor

        init(bytes: UnsafeBufferPointer<UInt8>, constructor: Constructor) {
            self.bytes = bytes
            self.constructor = constructor
        }

        /// Every node gets a tag of its own: Yams resolves a tag in place when a node is compared
        /// or hashed, so a shared one would change under its other nodes.
        func tag(_ name: Tag.Name) -> Tag { Tag(name, .basic, constructor) }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipSpace() {
            while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D { index += 1 }
        }

        mutating func value(depth: Int) -> Node? {
            guard depth < JSONNodeReader.maximumDepth, let byte = current else { return nil }
            switch byte {
            case UInt8(ascii: "{"): return object(depth: depth)
            case UInt8(ascii: "["): return array(depth: depth)
            case UInt8(ascii: "\""):
                guard let text = string() else { return nil }
                return .scalar(.init(text, tag(.str), .doubleQuoted))
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
            default: return nil
            }
        }

        mutating func object(depth: Int) -> Node? {
            index += 1
            var pairs: [(Node, Node)] = []
            var keys: [String] = []
            skipSpace()
            if current == UInt8(ascii: "}") {
                index += 1
                return .mapping(.init(pairs, tag(.implicit), .flow))
            }
            while true {
                skipSpace()
                guard current == UInt8(ascii: "\""), let key = string(), !keys.contains(key) else { return nil }
                keys.append(key)
                skipSpace()
                guard current == UInt8(ascii: ":") else { return nil }
                index += 1
                skipSpace()
                guard let value = value(depth: depth + 1) else { return nil }
                pairs.append((.scalar(.init(key, tag(.str), .doubleQuoted)), value))
                skipSpace()
                switch current {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "}"):
                    index += 1
                    return .mapping(.init(pairs, tag(.implicit), .flow))
                default: return nil
                }
            }
        }

        mutating func array(depth: Int) -> Node? {
            index += 1
            var nodes: [Node] = []
            skipSpace()
            if current == UInt8(ascii: "]") {
                index += 1
                return .sequence(.init(nodes, tag(.implicit), .flow))
            }
            while true {
                skipSpace()
                guard let element = value(depth: depth + 1) else { return nil }
                nodes.append(element)
                skipSpace()
                switch current {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "]"):
                    index += 1
                    return .sequence(.init(nodes, tag(.implicit), .flow))
                default: return nil
                }
            }
        }

        mutating func literal(_ word: String) -> Node? {
            for byte in word.utf8 {
                guard current == byte else { return nil }
                index += 1
            }
            guard !isWordByte(current) else { return nil }
            return .scalar(.init(word, tag(.implicit), .plain))
        }

        /// `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`, kept as its exact text.
        mutating func number() -> Node? {
            let start = index
            if current == UInt8(ascii: "-") { index += 1 }
            guard let first = current, isDigit(first) else { return nil }
            index += 1
            if first != UInt8(ascii: "0") { skipDigits() }
            if current == UInt8(ascii: ".") {
                index += 1
                guard let digit = current, isDigit(digit) else { return nil }
                skipDigits()
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                index += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                guard let digit = current, isDigit(digit) else { return nil }
                skipDigits()
            }
            guard !isWordByte(current) else { return nil }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            return .scalar(.init(text, tag(.implicit), .plain))
        }

        mutating func skipDigits() {
            while let byte = current, isDigit(byte) { index += 1 }
        }

        /// A string's contents, escapes decoded; the cursor is on its opening quote.
        mutating func string() -> String? {
            index += 1
            let start = index
            // The usual case: no escapes, so the text is one slice of the input.
            while let byte = current {
                if byte == UInt8(ascii: "\"") {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                    index += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") { break }
                guard plainStringByte(at: index) else { return nil }
                index += 1
            }
            guard current == UInt8(ascii: "\\") else { return nil }
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]),
                                              as: UTF8.self).unicodeScalars)
            var run = index
            while let byte = current {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    scalars.append(contentsOf: String(decoding: UnsafeBufferPointer(rebasing: bytes[run..<index]),
                                                      as: UTF8.self).unicodeScalars)
                    if byte == UInt8(ascii: "\"") {
                        index += 1
                        return String(scalars)
                    }
                    guard let scalar = escape() else { return nil }
                    scalars.append(scalar)
                    run = index
                    continue
                }
                guard plainStringByte(at: index) else { return nil }
                index += 1
            }
            return nil
        }

        /// The character of an escape; the cursor is on its backslash.
        mutating func escape() -> Unicode.Scalar? {
            index += 1
            guard let byte = current else { return nil }
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return "\""
            case UInt8(ascii: "\\"): return "\\"
            case UInt8(ascii: "/"): return "/"
            case UInt8(ascii: "b"): return "\u{08}"
            case UInt8(ascii: "f"): return "\u{0C}"
            case UInt8(ascii: "n"): return "\n"
            case UInt8(ascii: "r"): return "\r"
            case UInt8(ascii: "t"): return "\t"
            case UInt8(ascii: "u"):
                // libyaml refuses escaped surrogates (JSON's way to write characters past U+FFFF)
                guard let unit = hex4(), !(0xD800...0xDFFF).contains(unit) else { return nil }
                return Unicode.Scalar(unit)
            default: return nil
            }
        }

        mutating func hex4() -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: return nil
                }
                value = value << 4 | digit
                index += 1
            }
            return value
        }

        /// Not a control character (C0, DEL, C1 — YAML refuses the raw ones, and folds U+0085,
        /// U+2028 and U+2029 inside a quoted scalar), a byte-order mark or a non-character.
        func plainStringByte(at position: Int) -> Bool {
            let byte = bytes[position]
            if byte < 0x20 || byte == 0x7F { return false }
            if byte == 0xC2, position + 1 < bytes.count, bytes[position + 1] < 0xA0 { return false }   // C1 controls, U+0085
            if byte == 0xE2, position + 2 < bytes.count, bytes[position + 1] == 0x80,
               bytes[position + 2] == 0xA8 || bytes[position + 2] == 0xA9 { return false }
            if byte == 0xEF, position + 2 < bytes.count {
                let second = bytes[position + 1], third = bytes[position + 2]
                if second == 0xBB && third == 0xBF { return false }   // U+FEFF
                if second == 0xBF && third >= 0xBE { return false }   // U+FFFE, U+FFFF
            }
            return true
        }

        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

        func isWordByte(_ byte: UInt8?) -> Bool {
            guard let byte else { return false }
            return isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "+") || byte >= 0x80
        }
    }
}
