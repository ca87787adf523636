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

    @Test("the one-pass reader of plain amounts agrees with the general parser, and leaves it the rest",
          arguments: ["0", "-0", "7", "0.1", "0.10", "612000", "612000.5", "612000.00", "-1.50", "00012.30",
                      "999999999999.99", "1000000000000.00", "99999999999999999", "1.", ".5", "-", "", "1.234",
                      "612,000.00", " 5", "5 ", "+5", "1e5", "--1", "1.2.3", "¥5", "-.5", "5-"])
    func plainReaderAgrees(text: String) throws {
        let general = Result { () throws(MoneyError) -> Int64 in try Money.parsedFen(text) }
        if let fen = Money.plainFen(text) {
            #expect(try general.get() == fen)
            #expect(try Money(parsing: text).fen == fen)
        } else {
            // refused by the one-pass reader: only forms it does not handle, or amounts the general parser refuses
            let plain = text.range(of: #"^-?[0-9]+(\.[0-9]{1,2})?$"#, options: .regularExpression) != nil
            if plain { #expect(throws: MoneyError.self) { try general.get() } }
        }
    }

    @Test("the one-pass reader takes the stored forms itself")
    func plainReaderTakesStoredForms() {
        #expect(Money.plainFen("612000.00") == 61_200_000)
        #expect(Money.plainFen("612000.5") == 61_200_050)
        #expect(Money.plainFen("-1.50") == -150)
        #expect(Money.plainFen("0") == 0)
        #expect(Money.plainFen("999999999999.99") == Money.maxMagnitude.fen)
        #expect(Money.plainFen("1000000000000.00") == nil)   // out of range: the general parser says so
        #expect(Money.plainFen("612,000.00") == nil)
    }
}
