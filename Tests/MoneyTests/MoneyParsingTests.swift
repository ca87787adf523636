import Foundation
import Testing
@testable import Money

@Suite("Money parsing")
struct MoneyParsingTests {
    @Test("accepts plain, grouped, signed and short-decimal amounts", arguments: [
        ("612000.00", Int64(61_200_000)),
        ("612000", 61_200_000),
        ("612,000.00", 61_200_000),
        ("1,234,567.89", 123_456_789),
        ("999", 99_900),
        ("0.1", 10),
        ("0.10", 10),
        ("0.01", 1),
        ("5.5", 550),
        ("-1.50", -150),
        ("-0", 0),
        ("  42.07\n", 4_207),
        ("007", 700),
        ("999999999999.99", 99_999_999_999_999),
        ("-999,999,999,999.99", -99_999_999_999_999),
    ])
    func accepts(text: String, fen: Int64) throws {
        #expect(try Money(parsing: text).fen == fen)
    }

    @Test("rejects malformed text with the specific error", arguments: [
        ("", MoneyError.empty),
        ("   ", .empty),
        ("1.234", .tooManyDecimalPlaces("1.234")),
        ("0.001", .tooManyDecimalPlaces("0.001")),
        ("1e5", .notAnAmount("1e5")),
        ("1E5", .notAnAmount("1E5")),
        ("¥5", .notAnAmount("¥5")),
        ("5元", .notAnAmount("5元")),
        ("+5", .notAnAmount("+5")),
        ("NaN", .notAnAmount("NaN")),
        ("inf", .notAnAmount("inf")),
        ("-", .notAnAmount("-")),
        ("--5", .notAnAmount("--5")),
        (".5", .notAnAmount(".5")),
        ("5.", .notAnAmount("5.")),
        ("1.2.3", .notAnAmount("1.2.3")),
        ("1 000", .notAnAmount("1 000")),
        ("ten", .notAnAmount("ten")),
        ("0x10", .notAnAmount("0x10")),
        ("١٢", .notAnAmount("١٢")),
        ("61,2000", .misplacedThousandsSeparator("61,2000")),
        ("1234,567", .misplacedThousandsSeparator("1234,567")),
        (",123", .misplacedThousandsSeparator(",123")),
        ("1,,234", .misplacedThousandsSeparator("1,,234")),
        ("1,234,", .misplacedThousandsSeparator("1,234,")),
        ("1000000000000", .outOfRange("1000000000000")),
        ("99999999999999999999999", .outOfRange("99999999999999999999999")),
        ("-1000000000000.00", .outOfRange("-1000000000000.00")),
    ])
    func rejects(text: String, expected: MoneyError) {
        #expect(throws: expected) { try Money(parsing: text) }
    }

    @Test("error messages say what was expected and what was found")
    func messages() {
        #expect(MoneyError.tooManyDecimalPlaces("1.234").description
            == #"expected an amount in yuan with at most two decimal places, got "1.234""#)
        #expect(MoneyError.notAnAmount("¥5").description.contains("without a currency sign"))
        #expect(MoneyError.notAnAmount("1e5").description.contains("exponents are not allowed"))
        #expect(MoneyError.notAnAmount("-2.5E+3").description.contains("exponents are not allowed"))
        #expect(MoneyError.notAnAmount("ten").description
            == #"expected an amount in yuan such as 612000.00, got "ten""#)
        #expect(MoneyError.notAnAmount("a\"b\nc").description.hasSuffix(#"got "a\"b\nc""#))
        #expect(MoneyError.outOfRange("1e99").description.contains("999,999,999,999.99"))
        #expect(MoneyError.overflow.description.contains("overflow"))
    }

    @Test("exact decimals convert; more than two places do not")
    func decimals() throws {
        #expect(try Money(exactly: Decimal(string: "0.1")!).fen == 10)
        #expect(try Money(exactly: Decimal(string: "-612000.5")!).fen == -61_200_050)
        #expect(try Money(exactly: Decimal(string: "1e5")!).fen == 10_000_000)
        #expect(throws: MoneyError.tooManyDecimalPlaces("1.234")) {
            try Money(exactly: Decimal(string: "1.234")!)
        }
        #expect(throws: MoneyError.self) { try Money(exactly: Decimal.nan) }
        #expect(throws: MoneyError.self) { try Money(exactly: Decimal(string: "1e20")!) }
    }

    @Test("whole yuan")
    func yuan() throws {
        #expect(try Money(yuan: 500_000).fen == 50_000_000)
        #expect(throws: MoneyError.outOfRange("1000000000000")) { try Money(yuan: 1_000_000_000_000) }
        #expect(throws: MoneyError.self) { try Money(yuan: .max) }
    }
}
