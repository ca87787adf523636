import Foundation

/// An exact amount of money in yuan, stored as integer fen (hundredths of a yuan).
///
/// Why integers: approval thresholds such as "≥ ¥500,000.00" and "invoiced beyond the contract"
/// must compare exactly; ¥0.10 + ¥0.20 is exactly ¥0.30. Nothing in this type goes through binary
/// floating point, and no operation traps: arithmetic that could overflow throws
/// `MoneyError.overflow` instead (so there are deliberately no `+`/`-` operators).
public struct Money: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The amount in fen (1 yuan = 100 fen). May be negative.
    public let fen: Int64

    /// Wraps an amount given in fen. Any `Int64` is allowed; only parsed input is range-checked.
    public init(fen: Int64) {
        self.fen = fen
    }

    /// ¥0.00.
    public static let zero = Money(fen: 0)

    /// The largest magnitude accepted from input: ¥999,999,999,999.99 (99,999,999,999,999 fen).
    /// Leaves ample room below `Int64.max` for sums and products of parsed amounts.
    public static let maxMagnitude = Money(fen: 999_999_999_999_99)

    /// A whole number of yuan, e.g. `Money(yuan: 500_000)`.
    /// - Throws: `MoneyError.outOfRange` beyond `maxMagnitude`.
    public init(yuan: Int64) throws(MoneyError) {
        let (fen, overflow) = yuan.multipliedReportingOverflow(by: 100)
        guard !overflow, fen.magnitude <= Money.maxMagnitude.fen.magnitude else {
            throw .outOfRange(String(yuan))
        }
        self.fen = fen
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.fen < rhs.fen }

    /// True when the amount is below zero.
    public var isNegative: Bool { fen < 0 }

    // MARK: Text

    /// Plain yuan text with exactly two decimals and no grouping: `612000.00`, `-1.50`, `0.00`.
    /// This is also the Codable form, and re-parses to the same value.
    public var description: String {
        let (sign, whole, cents) = parts
        return sign + String(whole) + "." + cents
    }

    /// Display form with the yuan sign and thousands separators: `¥612,000.00`, `-¥1.50`.
    public var formatted: String {
        let (sign, whole, cents) = parts
        let digits = Array(String(whole))
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return sign + "¥" + grouped + "." + cents
    }

    /// Sign, whole yuan and the two fen digits; uses the magnitude so `Int64.min` cannot trap.
    private var parts: (sign: String, whole: UInt64, cents: String) {
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        return (fen < 0 ? "-" : "", magnitude / 100, cents < 10 ? "0\(cents)" : "\(cents)")
    }

    // MARK: Arithmetic (never traps)

    /// `self + other`. - Throws: `MoneyError.overflow`.
    public func adding(_ other: Money) throws(MoneyError) -> Money {
        let (result, overflow) = fen.addingReportingOverflow(other.fen)
        guard !overflow else { throw .overflow }
        return Money(fen: result)
    }

    /// `self - other`. - Throws: `MoneyError.overflow`.
    public func subtracting(_ other: Money) throws(MoneyError) -> Money {
        let (result, overflow) = fen.subtractingReportingOverflow(other.fen)
        guard !overflow else { throw .overflow }
        return Money(fen: result)
    }

    /// `self × factor`, e.g. a unit price times a quantity. - Throws: `MoneyError.overflow`.
    public func multiplied(by factor: Int64) throws(MoneyError) -> Money {
        let (result, overflow) = fen.multipliedReportingOverflow(by: factor)
        guard !overflow else { throw .overflow }
        return Money(fen: result)
    }

    /// `-self`. - Throws: `MoneyError.overflow` for `Int64.min` fen.
    public func negated() throws(MoneyError) -> Money {
        try Money.zero.subtracting(self)
    }

    /// The exact total of `amounts` (¥0.00 when empty). - Throws: `MoneyError.overflow`.
    public static func sum<S: Sequence>(_ amounts: S) throws(MoneyError) -> Money where S.Element == Money {
        var total = Money.zero
        for amount in amounts {
            total = try total.adding(amount)
        }
        return total
    }

    // MARK: Percentages (exact)

    /// Whether `self` is strictly more than `basisPoints` hundredths of a percent of `whole`, i.e.
    /// `self × 10000 > whole × basisPoints`, compared exactly in 128 bits (no rounding, no overflow).
    ///
    /// Example: a price cut of ¥5.01 on ¥100.00 exceeds 500 bp (5 %); a cut of ¥5.00 does not.
    public func exceedsPercent(of whole: Money, basisPoints: Int64) -> Bool {
        let lhs = fen.multipliedFullWidth(by: 10_000)
        let rhs = whole.fen.multipliedFullWidth(by: basisPoints)
        if lhs.high != rhs.high { return lhs.high > rhs.high }
        return lhs.low > rhs.low
    }

    /// `self / whole` in basis points (hundredths of a percent), rounded half away from zero;
    /// `nil` when `whole` is zero or the ratio does not fit in `Int64`.
    public func basisPoints(of whole: Money) -> Int64? {
        guard whole.fen != 0 else { return nil }
        let (magnitude, negative) = Self.roundedRatio(fen, whole.fen)
        guard magnitude.high == 0 else { return nil }
        if negative {
            guard magnitude.low <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude.low == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude.low)
        }
        guard magnitude.low <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude.low)
    }

    /// `self / whole` as a percentage with two decimals, rounded half away from zero, computed
    /// exactly: ¥5.005 is impossible, but ¥1.00 of ¥3.00 is "33.33%", ¥2.00 of ¥3.00 "66.67%",
    /// ¥501.00 of ¥10,000.00 "5.01%". When `whole` is zero the ratio is undefined: "n/a".
    public func percentText(of whole: Money) -> String {
        guard whole.fen != 0 else { return "n/a" }
        let (magnitude, negative) = Self.roundedRatio(fen, whole.fen)
        let (integral, hundredths) = magnitude.quotientAndRemainder(dividingBy: 100)
        let sign = negative && (magnitude.high != 0 || magnitude.low != 0) ? "-" : ""
        let decimals = hundredths < 10 ? "0\(hundredths)" : "\(hundredths)"
        return sign + integral.decimalText + "." + decimals + "%"
    }

    /// |a| × 10000 / |b| rounded half up, as a 128-bit magnitude, and whether the ratio is negative.
    private static func roundedRatio(_ a: Int64, _ b: Int64) -> (WideUInt, Bool) {
        let divisor = b.magnitude
        // (|a| × 20000 + |b|) / (2|b|) = round-half-up(|a| × 10000 / |b|); 2|b| ≤ 2^64 needs care,
        // so use floor(|a| × 10000 / |b|) and compare the remainder with half the divisor instead.
        let product = WideUInt(a.magnitude.multipliedFullWidth(by: 10_000))
        let (quotient, remainder) = product.quotientAndRemainder(dividingBy: divisor)
        // remainder ≥ divisor / 2 (exactly: 2·remainder ≥ divisor), written to avoid overflow.
        let roundUp = remainder >= divisor - remainder
        let rounded = roundUp ? quotient.adding(1) : quotient
        return (rounded, (a < 0) != (b < 0))
    }
}
