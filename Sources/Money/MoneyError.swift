import Foundation

/// Why a text, number or calculation could not become an exact `Money` amount.
///
/// Every case carries what it needs to say, in one sentence, what was expected and what was found;
/// `description` is the message shown to users (the input layer prefixes file, line and field path).
public enum MoneyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text was empty (or only whitespace).
    case empty
    /// The text is not a plain decimal number in yuan (letters, symbols, exponents, NaN, …).
    case notAnAmount(String)
    /// The number has more than two decimal places; fen are the smallest unit.
    case tooManyDecimalPlaces(String)
    /// Thousands separators are not in groups of exactly three digits.
    case misplacedThousandsSeparator(String)
    /// The amount is beyond `Money.maxMagnitude` (±999,999,999,999.99 yuan).
    case outOfRange(String)
    /// A sum, difference or product does not fit in 64-bit fen.
    case overflow

    public var description: String {
        switch self {
        case .empty:
            return "expected an amount in yuan such as 612000.00, got an empty value"
        case .notAnAmount(let text):
            return "expected an amount in yuan such as 612000.00, got \(Self.quoted(text))\(Self.hint(for: text))"
        case .tooManyDecimalPlaces(let text):
            return "expected an amount in yuan with at most two decimal places, got \(Self.quoted(text))"
        case .misplacedThousandsSeparator(let text):
            return "expected thousands separators in groups of three digits (612,000.00), got \(Self.quoted(text))"
        case .outOfRange(let text):
            return "expected an amount of at most ±999,999,999,999.99 yuan, got \(Self.quoted(text))"
        case .overflow:
            return "the amount is too large to calculate exactly (overflow)"
        }
    }

    /// The offending text in double quotes, with quotes and control characters escaped so that a
    /// message never spans lines or becomes ambiguous.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A short hint for the most common mistakes, so users see how to fix them.
    private static func hint(for text: String) -> String {
        if text.contains("¥") || text.contains("￥") || text.contains("$") || text.contains("元") {
            return " (write the number without a currency sign)"
        }
        if looksLikeExponent(text) {
            return " (exponents are not allowed; write the digits out)"
        }
        if text.hasPrefix("+") { return " (no plus sign)" }
        return ""
    }

    /// `1e5`, `-2.5E+3`: a mantissa, one `e`, an optionally signed exponent.
    private static func looksLikeExponent(_ text: String) -> Bool {
        let parts = text.trimmingCharacters(in: .whitespaces).lowercased()
            .split(separator: "e", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        let mantissa = parts[0].drop { $0 == "-" || $0 == "+" }
        let exponent = parts[1].drop { $0 == "-" || $0 == "+" }
        return !mantissa.isEmpty && mantissa.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
            && !exponent.isEmpty && exponent.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
