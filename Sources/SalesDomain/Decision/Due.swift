/// When a step is due after its stage opens: `days(0)` is the same day.
/// Encodes as `{"days": 0}` or `{"hours": 4}`.
public enum Due: Sendable, Hashable, Codable {
    case days(Int)
    case hours(Int)

    enum CodingKeys: String, CodingKey {
        case days, hours
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .days(let days): try container.encode(days, forKey: .days)
        case .hours(let hours): try container.encode(hours, forKey: .hours)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let days = try container.decodeIfPresent(Int.self, forKey: .days) {
            self = .days(days)
        } else if let hours = try container.decodeIfPresent(Int.self, forKey: .hours) {
            self = .hours(hours)
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "expected {days: n} or {hours: n}"))
        }
    }
}
