import Foundation
import Testing
import SalesDomain

@Suite("Day")
struct DayTests {
    @Test("real dates parse; impossible ones do not")
    func parsing() throws {
        #expect(try Day(parsing: "2024-02-29") == Day(year: 2024, month: 2, day: 29))
        #expect(throws: DayError.noSuchDay("2026-02-29")) { try Day(parsing: "2026-02-29") }
        #expect(throws: DayError.noSuchDay("1900-02-29")) { try Day(parsing: "1900-02-29") }
        #expect(try Day(parsing: "2000-02-29").day == 29)
        #expect(throws: DayError.noSuchDay("2026-13-01")) { try Day(parsing: "2026-13-01") }
        #expect(throws: DayError.noSuchDay("2026-04-31")) { try Day(parsing: "2026-04-31") }
        for text in ["2026-1-01", "26-01-01", " 2026-01-01", "2026/01/01", "2026-01-01T00:00:00", "２０２６-01-01", ""] {
            #expect(throws: DayError.notADate(text)) { try Day(parsing: text) }
        }
    }

    @Test("ordering, text, arithmetic")
    func arithmetic() throws {
        let start = try Day(parsing: "2026-12-31")
        #expect(start.description == "2026-12-31")
        #expect(start < (try Day(parsing: "2027-01-01")))
        #expect(start.adding(days: 1)?.description == "2027-01-01")
        #expect(start.adding(days: 60)?.description == "2027-03-01")
        #expect(try Day(parsing: "2024-02-28").adding(days: 1)?.description == "2024-02-29")
        #expect(try Day(parsing: "1970-01-01").daysSinceEpoch == 0)
        #expect(try Day(parsing: "2026-11-29").days(until: start) == 32)
        #expect(Day(year: 1, month: 1, day: 1)?.description == "0001-01-01")
        #expect(Day(year: 9999, month: 12, day: 31)?.adding(days: 1) == nil)
    }

    @Test("Codable as the ISO string")
    func codable() throws {
        let day = try Day(parsing: "2026-12-31")
        #expect(String(decoding: try JSONEncoder().encode([day]), as: UTF8.self) == #"["2026-12-31"]"#)
        #expect(try JSONDecoder().decode([Day].self, from: Data(#"["2026-12-31"]"#.utf8)) == [day])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Day].self, from: Data(#"["2026-02-30"]"#.utf8)) }
    }
}
