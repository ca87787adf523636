/// Whether goods come back for a refund (`return`) or for replacement (`exchange`).
public enum ReturnType: String, Sendable, Hashable, CaseIterable, Codable {
    case `return`
    case exchange
}
