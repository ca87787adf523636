/// What happens when a step passes its due time: remind the assignee, or escalate to a role.
/// Encodes as `"remind"` or `{"escalate_to": "leadership"}`.
public enum OverdueAction: Sendable, Hashable, Codable {
    case remind
    case escalate(to: Role)

    enum CodingKeys: String, CodingKey {
        case escalateTo = "escalate_to"
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .remind:
            var container = encoder.singleValueContainer()
            try container.encode("remind")
        case .escalate(let role):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(role, forKey: .escalateTo)
        }
    }

    public init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            guard text == "remind" else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                        debugDescription: "expected \"remind\" or {escalate_to: role}"))
            }
            self = .remind
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self = .escalate(to: try container.decode(Role.self, forKey: .escalateTo))
    }
}
