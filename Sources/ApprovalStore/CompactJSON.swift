/// A strict reader for the compact JSON the store writes (see `StoreJSON`), used where
/// Foundation's decoder costs too much. It accepts a subset of JSON — no whitespace, numbers only
/// as plain integers that fit `Int64` (no sign on zero, no leading zeros, at most 18 digits), no
/// `\u` escapes of surrogates — and returns nil for anything outside it, so a caller can fall back
/// to `JSONDecoder` and never read a text differently from it.
enum CompactJSON {
    /// Sendable stated, not inferred: inferring it through the member tuples is a cycle that a
    /// fresh build's type checker reports as "circular reference".
    indirect enum Node: Sendable {
        case null
        case bool(Bool)
        case integer(Int64)
        case string(String)
        case array([Node])
        /// Members in text order (duplicates kept: callers decide).
        case object([(key: String, value: Node)])

    }

    /// The whole text as one value, or nil when it is not in the accepted subset.
    static func parse(_ text: String) -> Node? {
        var text = text
        return text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes)
            guard let node = reader.value(depth: 0), reader.position == bytes.count else { return nil }
            return node
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        /// Deeper nesting than this is left to Foundation (which has its own limit).
        static let maximumDepth = 64

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func value(depth: Int) -> Node? {
            guard position < bytes.count, depth < Self.maximumDepth else { return nil }
            switch bytes[position] {
            case UInt8(ascii: "\""): return string().map(Node.string)
            case UInt8(ascii: "{"): return object(depth: depth)
            case UInt8(ascii: "["): return array(depth: depth)
            case UInt8(ascii: "t"): return literal("true", .bool(true))
            case UInt8(ascii: "f"): return literal("false", .bool(false))
            case UInt8(ascii: "n"): return literal("null", .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return integer()
            default: return nil
            }
        }

        mutating func literal(_ word: StaticString, _ node: Node) -> Node? {
            let count = word.utf8CodeUnitCount
            guard bytes.count - position >= count else { return nil }
            for offset in 0..<count where bytes[position + offset] != word.utf8Start[offset] { return nil }
            position += count
            return node
        }

        mutating func integer() -> Node? {
            var negative = false
            if bytes[position] == UInt8(ascii: "-") {
                negative = true
                position += 1
            }
            let start = position
            var value: Int64 = 0
            while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
                value = value * 10 + Int64(bytes[position] - UInt8(ascii: "0"))
                position += 1
                if position - start > 18 { return nil }
            }
            let digits = position - start
            guard digits > 0 else { return nil }
            if bytes[start] == UInt8(ascii: "0") && (digits > 1 || negative) { return nil }
            if position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): return nil
                default: break
                }
            }
            return .integer(negative ? -value : value)
        }

        mutating func string() -> String? {
            position += 1  // opening quote
            var start = position
            var decoded: [UInt8]?
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    let text: String
                    if var decoded {
                        decoded.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
                        text = String(decoding: decoded, as: UTF8.self)
                    } else {
                        text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                    }
                    position += 1
                    return text
                }
                if byte < 0x20 { return nil }
                if byte != UInt8(ascii: "\\") {
                    position += 1
                    continue
                }
                var buffer = decoded ?? []
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
                position += 1
                guard position < bytes.count else { return nil }
                switch bytes[position] {
                case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "/"): buffer.append(UInt8(ascii: "/"))
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0c)
                case UInt8(ascii: "n"): buffer.append(0x0a)
                case UInt8(ascii: "r"): buffer.append(0x0d)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "u"):
                    guard bytes.count - position > 4 else { return nil }
                    var scalar: UInt32 = 0
                    for offset in 1...4 {
                        guard let digit = Self.hexValue(bytes[position + offset]) else { return nil }
                        scalar = scalar * 16 + digit
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { return nil }  // surrogates: leave to Foundation
                    buffer.append(contentsOf: String(Character(unicode)).utf8)
                    position += 4
                default:
                    return nil
                }
                position += 1
                start = position
                decoded = buffer
            }
            return nil
        }

        static func hexValue(_ byte: UInt8) -> UInt32? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
            default: nil
            }
        }

        mutating func array(depth: Int) -> Node? {
            position += 1
            var items: [Node] = []
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                return .array(items)
            }
            while true {
                guard let item = value(depth: depth + 1), position < bytes.count else { return nil }
                items.append(item)
                let separator = bytes[position]
                position += 1
                if separator == UInt8(ascii: "]") { return .array(items) }
                guard separator == UInt8(ascii: ",") else { return nil }
            }
        }

        mutating func object(depth: Int) -> Node? {
            position += 1
            var members: [(key: String, value: Node)] = []
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object(members)
            }
            while true {
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\""), let key = string(),
                      position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return nil }
                position += 1
                guard let item = value(depth: depth + 1), position < bytes.count else { return nil }
                members.append((key, item))
                let separator = bytes[position]
                position += 1
                if separator == UInt8(ascii: "}") { return .object(members) }
                guard separator == UInt8(ascii: ",") else { return nil }
            }
        }
    }
}
