import Money

/// A collection request (收款申请单): money the customer is to pay against a contract.
/// (Named so it does not shadow Swift's `Collection`.)
public struct PaymentCollection: Sendable, Hashable, Encodable {
    /// Greater than zero.
    public var amount: Money
    /// How it is paid (bank transfer, acceptance bill, …), free text.
    public var method: String

    public init(amount: Money, method: String) {
        self.amount = amount
        self.method = method
    }
}
