/// How input values are quoted inside error messages: in double quotes, with quotes, backslashes
/// and control characters escaped so a message stays on one line and is unambiguous; very long
/// values are shortened.
enum InputText {
    static func quoted(_ text: String, limit: Int = 80) -> String {
        var shown = text
        if shown.count > limit { shown = String(shown.prefix(limit)) + "…" }
        var out = "\""
        for scalar in shown.unicodeScalars {
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

    /// `a, b, c` for "expected one of …" lists.
    static func list(_ items: [String]) -> String {
        items.joined(separator: ", ")
    }
}
