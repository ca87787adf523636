import Testing
import Money

@Suite("Money arithmetic")
struct MoneyArithmeticTests {
    @Test("0.10 + 0.20 is exactly 0.30")
    func exactSum() throws {
        let sum = try Money(parsing: "0.10").adding(Money(parsing: "0.20"))
        #expect(sum == (try Money(parsing: "0.30")))
        #expect(sum.fen == 30)
        #expect(try Money.sum([Money(parsing: "0.1"), Money(parsing: "0.2")]) == Money(fen: 30))
        #expect(try Money.sum([Money]()) == .zero)
    }

    @Test("subtract, multiply, negate")
    func operations() throws {
        #expect(try Money(fen: 500).subtracting(Money(fen: 750)) == Money(fen: -250))
        #expect(try Money(fen: 6_120_000).multiplied(by: 10) == Money(fen: 61_200_000))
        #expect(try Money(fen: 150).multiplied(by: -2) == Money(fen: -300))
        #expect(try Money(fen: 150).negated() == Money(fen: -150))
    }

    @Test("overflow throws instead of trapping")
    func overflow() {
        #expect(throws: MoneyError.overflow) { try Money(fen: .max).adding(Money(fen: 1)) }
        #expect(throws: MoneyError.overflow) { try Money(fen: .min).subtracting(Money(fen: 1)) }
        #expect(throws: MoneyError.overflow) { try Money(fen: .max / 2 + 1).multiplied(by: 2) }
        #expect(throws: MoneyError.overflow) { try Money.maxMagnitude.multiplied(by: 1_000_000) }
        #expect(throws: MoneyError.overflow) { try Money(fen: .min).negated() }
        #expect(throws: MoneyError.overflow) { try Money.sum([Money(fen: .max), Money(fen: 1), Money(fen: -5)]) }
    }
}

@Suite("Money percentages")
struct MoneyPercentTests {
    @Test("5 % cut: 5.00 % does not exceed, 5.01 % does")
    func boundary() {
        let whole = Money(fen: 1_000_000) // ¥10,000.00
        #expect(!Money(fen: 50_000).exceedsPercent(of: whole, basisPoints: 500))
        #expect(Money(fen: 50_001).exceedsPercent(of: whole, basisPoints: 500))
        #expect(Money(fen: 50_100).exceedsPercent(of: whole, basisPoints: 500))
        #expect(!Money(fen: 49_999).exceedsPercent(of: whole, basisPoints: 500))
        #expect(Money(fen: 50_000).percentText(of: whole) == "5.00%")
        #expect(Money(fen: 50_100).percentText(of: whole) == "5.01%")
    }

    @Test("no overflow at the extremes")
    func extremes() {
        #expect(Money(fen: .max).exceedsPercent(of: Money(fen: .max), basisPoints: 9_999))
        #expect(!Money(fen: .max).exceedsPercent(of: Money(fen: .max), basisPoints: 10_000))
        #expect(!Money(fen: .min).exceedsPercent(of: Money(fen: 1), basisPoints: 0))
        #expect(Money(fen: 1).exceedsPercent(of: Money(fen: .min), basisPoints: 1))
        #expect(Money(fen: .max).percentText(of: Money(fen: 1)) == "922337203685477580700.00%")
        #expect(Money(fen: .min).percentText(of: Money(fen: .max)) == "-100.00%")
        #expect(Money(fen: .max).basisPoints(of: Money(fen: 1)) == nil)
    }

    @Test("percent text rounds half up exactly", arguments: [
        (Int64(100), Int64(300), "33.33%"),
        (200, 300, "66.67%"),
        (1, 8, "12.50%"),
        (1, 80_000, "0.00%"),     // 0.00125 % → 0.00
        (1, 20_000, "0.01%"),     // 0.005 % → 0.01 (half up)
        (-1, 20_000, "-0.01%"),
        (-1, 80_000, "0.00%"),    // rounds to zero: no "-0.00%"
        (300, 100, "300.00%"),
        (-50, -100, "50.00%"),
        (7, 0, "n/a"),
    ])
    func text(part: Int64, whole: Int64, expected: String) {
        #expect(Money(fen: part).percentText(of: Money(fen: whole)) == expected)
    }

    @Test("basis points")
    func basisPoints() {
        #expect(Money(fen: 501).basisPoints(of: Money(fen: 10_000)) == 501)
        #expect(Money(fen: -1).basisPoints(of: Money(fen: 20_000)) == -1)
        #expect(Money(fen: 5).basisPoints(of: .zero) == nil)
    }
}
