/// A minimal unsigned 128-bit integer, just enough for exact percentage arithmetic on any two
/// `Int64` fen amounts. (The standard `UInt128` needs macOS 15; the package supports macOS 13.)
struct WideUInt: Sendable, Equatable {
    var high: UInt64
    var low: UInt64

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    init(_ parts: (high: UInt64, low: UInt64)) {
        self.init(high: parts.high, low: parts.low)
    }

    /// `self + value`; the callers' values stay far below 2^128, so the top carry is dropped.
    func adding(_ value: UInt64) -> WideUInt {
        let (low, carry) = low.addingReportingOverflow(value)
        return WideUInt(high: carry ? high &+ 1 : high, low: low)
    }

    /// Long division by a nonzero 64-bit divisor.
    func quotientAndRemainder(dividingBy divisor: UInt64) -> (quotient: WideUInt, remainder: UInt64) {
        precondition(divisor != 0, "division by zero")
        let (highQuotient, highRemainder) = high.quotientAndRemainder(dividingBy: divisor)
        // highRemainder < divisor, so the full-width division cannot overflow.
        let (lowQuotient, remainder) = divisor.dividingFullWidth((high: highRemainder, low: low))
        return (WideUInt(high: highQuotient, low: lowQuotient), remainder)
    }

    /// Base-10 digits.
    var decimalText: String {
        if high == 0 { return String(low) }
        // Peel off 19 digits at a time (10^19 < 2^64).
        let chunk: UInt64 = 10_000_000_000_000_000_000
        var chunks: [UInt64] = []
        var value = self
        while value.high != 0 || value.low != 0 {
            let (quotient, remainder) = value.quotientAndRemainder(dividingBy: chunk)
            chunks.append(remainder)
            value = quotient
        }
        var text = String(chunks.removeLast())
        for part in chunks.reversed() {
            let digits = String(part)
            text += String(repeating: "0", count: 19 - digits.count) + digits
        }
        return text
    }
}
