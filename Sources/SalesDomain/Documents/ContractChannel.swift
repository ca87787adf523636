/// How a contract was concluded. Anything but `formal` is an order without a formal contract,
/// which the sales manager (and leadership when necessary) must confirm before it is executed.
public enum ContractChannel: String, Sendable, Hashable, CaseIterable, Codable {
    case formal
    case phone
    case fax
    case informal
}
