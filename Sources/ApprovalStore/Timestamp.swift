import Foundation
import SalesDomain

/// How the store writes instants (`2026-11-29T03:00:42Z`, UTC, which sorts as text) and how it
/// turns the clock into the policy's `today` (in the factory's time zone).
enum Timestamp {
    static func text(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }

    static func date(_ text: String) -> Date? {
        try? Date.ISO8601FormatStyle().parse(text)
    }

    static func day(_ date: Date, in timeZone: TimeZone) -> Day? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        guard let year = parts.year, let month = parts.month, let day = parts.day else { return nil }
        return Day(year: year, month: month, day: day)
    }

    /// The end of the day `date` falls on (the last second before midnight), in `timeZone`.
    static func endOfDay(_ date: Date, plusDays days: Int, in timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let start = calendar.startOfDay(for: date)
        let next = calendar.date(byAdding: .day, value: days + 1, to: start) ?? date
        return next.addingTimeInterval(-1)
    }
}
