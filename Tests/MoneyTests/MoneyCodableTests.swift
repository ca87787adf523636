import Foundation
import Testing
import Money

@Suite("Money Codable")
struct MoneyCodableTests {
    struct Box: Codable, Equatable {
        var amount: Money
    }

    private func decode(_ json: String) throws -> Box {
        try JSONDecoder().decode(Box.self, from: Data(json.utf8))
    }

    @Test("encodes as the plain string and round-trips")
    func roundTrip() throws {
        let box = Box(amount: Money(fen: 61_200_000))
        let data = try JSONEncoder().encode(box)
        #expect(String(decoding: data, as: UTF8.self) == #"{"amount":"612000.00"}"#)
        #expect(try JSONDecoder().decode(Box.self, from: data) == box)
        let negative = Box(amount: Money(fen: -150))
        #expect(try JSONDecoder().decode(Box.self, from: JSONEncoder().encode(negative)) == negative)
    }

    @Test("decodes strings and exact numbers")
    func accepted() throws {
        #expect(try decode(#"{"amount": "612,000.00"}"#).amount.fen == 61_200_000)
        #expect(try decode(#"{"amount": 0.1}"#).amount.fen == 10)
        #expect(try decode(#"{"amount": 0.2}"#).amount.fen == 20)
        #expect(try decode(#"{"amount": 612000}"#).amount.fen == 61_200_000)
        #expect(try decode(#"{"amount": -1.5}"#).amount.fen == -150)
        let sum = try decode(#"{"amount": 0.1}"#).amount.adding(decode(#"{"amount": 0.2}"#).amount)
        #expect(sum == Money(fen: 30))
    }

    @Test("rejects inexact numbers and bad strings with the path and reason", arguments: [
        (#"{"amount": 1.234}"#, "at most two decimal places"),
        (#"{"amount": "1.234"}"#, "at most two decimal places"),
        (#"{"amount": "¥5"}"#, "currency sign"),
        (#"{"amount": true}"#, "expected an amount in yuan"),
        (#"{"amount": null}"#, "expected an amount in yuan"),
    ])
    func rejected(json: String, reason: String) {
        do {
            _ = try decode(json)
            Issue.record("decoded \(json)")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.codingPath.map(\.stringValue) == ["amount"])
            #expect(context.debugDescription.contains(reason), "\(context.debugDescription)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
