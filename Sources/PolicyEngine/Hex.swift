/// Lower-case hexadecimal text of a byte sequence (two digits per byte), as the policy hash, the
/// audit chain and the coverage hashes write digests. Same text as `String(format: "%02x", byte)`
/// joined, without Foundation's locale-aware formatter per byte (that cost more than the hashing).
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func string<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            utf8.append(digits[Int(byte >> 4)])
            utf8.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: utf8, as: UTF8.self)
    }
}
