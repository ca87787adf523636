import Foundation

/// Codable form: the plain yuan string `"612000.00"` (never a JSON number, which many readers
/// would turn into a binary float). Decoding accepts that string (same rules as `init(parsing:)`)
/// or a number that is exact with at most two decimal places; anything else is
/// `DecodingError.dataCorrupted` carrying the coding path and the `MoneyError` message.
extension Money: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let result: Result<Money, MoneyError>
        if let text = try? container.decode(String.self) {
            result = Result { () throws(MoneyError) -> Money in try Money(parsing: text) }
        } else if let number = try? container.decode(Decimal.self) {
            result = Result { () throws(MoneyError) -> Money in try Money(exactly: number) }
        } else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "expected an amount in yuan as a string such as \"612000.00\" or a number"))
        }
        switch result {
        case .success(let money):
            self = money
        case .failure(let error):
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath, debugDescription: error.description, underlyingError: error))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
