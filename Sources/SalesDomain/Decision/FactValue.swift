import Money

/// A figure a reason rests on (`amount = ¥612,000.00`, `threshold`, `days`, …), as handed back by
/// the policy. Encodes to natural JSON: money as its plain string `"612000.00"`, integers and
/// numbers as JSON numbers, text, bools and lists as such.
///
/// Decoding is for reading stored decisions back and is lossy in one way: a money string comes
/// back as `.text` (JSON cannot tell them apart).
public enum FactValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case money(Money)
    case integer(Int64)
    case number(Double)
    case text(String)
    case bool(Bool)
    case list([FactValue])

    /// Display form for message texts: money as `¥612,000.00`, lists comma-separated.
    public var description: String {
        switch self {
        case .money(let money): money.formatted
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .text(let text): text
        case .bool(let value): value ? "true" : "false"
        case .list(let items): items.map(\.description).joined(separator: ", ")
        }
    }

    /// This value as it reads back after a JSON round trip: money as its text, a whole number
    /// as an integer. Two decisions whose facts agree in this form encode to the same JSON, so
    /// a decided and a stored decision can be compared without encoding either.
    public var asReadBack: FactValue {
        switch self {
        case .money(let money): .text(money.description)
        case .number(let value) where value.rounded() == value && abs(value) < 9.0e15: .integer(Int64(value))
        case .list(let items): .list(items.map(\.asReadBack))
        default: self
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .money(let money): try container.encode(money)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .text(let text): try container.encode(text)
        case .bool(let value): try container.encode(value)
        case .list(let items): try container.encode(items)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .text(value)
        } else if let value = try? container.decode([FactValue].self) {
            self = .list(value)
        } else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "expected money, a number, text, a bool or a list of those"))
        }
    }
}

extension FactValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral
{
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(arrayLiteral elements: FactValue...) { self = .list(elements) }
}
