import Testing
import Money

@Suite("Money formatting")
struct MoneyFormattingTests {
    @Test("plain and display forms", arguments: [
        (Int64(61_200_000), "612000.00", "¥612,000.00"),
        (0, "0.00", "¥0.00"),
        (-150, "-1.50", "-¥1.50"),
        (5, "0.05", "¥0.05"),
        (-5, "-0.05", "-¥0.05"),
        (99_999, "999.99", "¥999.99"),
        (100_000, "1000.00", "¥1,000.00"),
        (12_345_678_901, "123456789.01", "¥123,456,789.01"),
        (Int64.min, "-92233720368547758.08", "-¥92,233,720,368,547,758.08"),
        (Int64.max, "92233720368547758.07", "¥92,233,720,368,547,758.07"),
    ])
    func forms(fen: Int64, plain: String, display: String) {
        let money = Money(fen: fen)
        #expect(money.description == plain)
        #expect(money.formatted == display)
    }

    @Test("description re-parses to the same amount", arguments: [Int64(0), 1, -1, 10, 61_200_000, -99_999_999_999_999])
    func roundTrip(fen: Int64) throws {
        #expect(try Money(parsing: Money(fen: fen).description) == Money(fen: fen))
        #expect(try Money(parsing: String(Money(fen: fen).formatted.filter { $0 != "¥" })) == Money(fen: fen))
    }

    @Test("ordering follows the amount")
    func ordering() {
        #expect(Money(fen: -1) < .zero)
        #expect(Money(fen: 10) < Money(fen: 11))
        #expect([Money(fen: 3), Money(fen: -2), Money(fen: 1)].sorted().map(\.fen) == [-2, 1, 3])
        #expect(Money.maxMagnitude.fen == 99_999_999_999_999)
    }
}
