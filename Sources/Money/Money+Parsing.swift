import Foundation

extension Money {
    /// Parses an amount in yuan exactly.
    ///
    /// Accepted: surrounding whitespace; an optional leading `-`; digits, optionally grouped by
    /// commas in threes (`612,000`); an optional `.` followed by one or two digits.
    /// Examples: `612000`, `612000.5`, `612,000.00`, `-1.50`, `0.1`.
    ///
    /// Rejected, each with a specific `MoneyError`: empty text, more than two decimal places
    /// (`1.234`), exponents (`1e5`), currency signs (`¥5`), `+`, `NaN`/`inf`, misplaced commas
    /// (`61,2000`), and magnitudes beyond `maxMagnitude`.
    public init(parsing text: String) throws(MoneyError) {
        if let fen = Self.plainFen(text) {
            self.init(fen: fen)
        } else {
            self.init(fen: try Self.parsedFen(text))
        }
    }

    /// The general parser behind `init(parsing:)`: every accepted form, a specific error for
    /// every refused one.
    static func parsedFen(_ text: String) throws(MoneyError) -> Int64 {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .empty }

        var scalars = Substring(trimmed).unicodeScalars[...]
        let negative = scalars.first == "-"
        if negative { scalars = scalars.dropFirst() }

        var integerPart = scalars
        var fractionPart: Substring.UnicodeScalarView.SubSequence? = nil
        if let dot = scalars.firstIndex(of: ".") {
            integerPart = scalars[scalars.startIndex..<dot]
            fractionPart = scalars[scalars.index(after: dot)...]
        }

        func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar >= "0" && scalar <= "9" }

        // Shape checks: digits and commas before the point, 1–2 digits after it.
        guard !integerPart.isEmpty,
              integerPart.allSatisfy({ isDigit($0) || $0 == "," }),
              integerPart.contains(where: isDigit)
        else { throw .notAnAmount(text) }
        if let fraction = fractionPart {
            guard !fraction.isEmpty, fraction.allSatisfy(isDigit) else { throw .notAnAmount(text) }
            guard fraction.count <= 2 else { throw .tooManyDecimalPlaces(text) }
        }
        if integerPart.contains(",") {
            let groups = String(integerPart).split(separator: ",", omittingEmptySubsequences: false)
            guard let first = groups.first, (1...3).contains(first.count),
                  groups.dropFirst().allSatisfy({ $0.count == 3 })
            else { throw .misplacedThousandsSeparator(text) }
        }

        // Accumulate fen with overflow checks; reject beyond maxMagnitude.
        var fen: Int64 = 0
        let limit = Money.maxMagnitude.fen
        func push(_ digit: Int64) throws(MoneyError) {
            let (shifted, overflowA) = fen.multipliedReportingOverflow(by: 10)
            let (next, overflowB) = shifted.addingReportingOverflow(digit)
            guard !overflowA, !overflowB, next <= limit else { throw .outOfRange(text) }
            fen = next
        }
        for scalar in integerPart where scalar != "," {
            try push(Int64(scalar.value - 48))
        }
        let fractionDigits = fractionPart.map(Array.init) ?? []
        for index in 0..<2 {
            try push(index < fractionDigits.count ? Int64(fractionDigits[index].value - 48) : 0)
        }
        return negative ? -fen : fen
    }

    /// The fen of the plain form every stored amount has — `-?[0-9]+(\.[0-9]{1,2})?`, ASCII, no
    /// spaces, no commas, within `maxMagnitude` — read in one pass over the bytes; nil for
    /// anything else, which the general parser then accepts or refuses with its specific error.
    static func plainFen(_ text: String) -> Int64? {
        var fen: Int64 = 0
        var negative = false, digits = 0, decimals = 0, seenPoint = false
        for (index, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where index == 0:
                negative = true
            case UInt8(ascii: "."):
                guard !seenPoint, digits > 0 else { return nil }
                seenPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if seenPoint {
                    decimals += 1
                    guard decimals <= 2 else { return nil }
                } else {
                    digits += 1
                    guard digits <= 16 else { return nil }
                }
                fen = fen * 10 + Int64(byte - UInt8(ascii: "0"))
            default:
                return nil
            }
        }
        guard digits > 0, !seenPoint || decimals > 0 else { return nil }
        for _ in decimals..<2 { fen *= 10 }
        guard fen <= Money.maxMagnitude.fen else { return nil }
        return negative ? -fen : fen
    }

    /// Converts a `Decimal` exactly. Used for JSON numbers, which `JSONDecoder` reads as decimal
    /// text, so `0.1` is exactly ten fen.
    /// - Throws: `MoneyError.tooManyDecimalPlaces` for `1.234`, `.notAnAmount` for NaN,
    ///   `.outOfRange` beyond `maxMagnitude`.
    public init(exactly decimal: Decimal) throws(MoneyError) {
        guard decimal.isFinite, !decimal.isNaN else { throw .notAnAmount(decimal.description) }
        // Decimal's description is its exact base-10 digits ("0.1", "-1.5", "100000"), never
        // exponent notation and never locale-dependent, so the text parser gives exact rules.
        try self.init(parsing: decimal.description)
    }
}
