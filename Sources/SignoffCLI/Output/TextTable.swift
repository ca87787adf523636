/// A plain aligned table for the terminal: a header row, a rule, then rows. Columns are padded by
/// display width, so Chinese text lines up; the last column is never padded.
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []

    init(_ headers: [String]) { self.headers = headers }

    mutating func add(_ row: [String]) { rows.append(row) }

    func render(indent: String = "  ") -> String {
        let columns = headers.count
        var widths = headers.map(DisplayWidth.of)
        for row in rows {
            for (i, cell) in row.prefix(columns).enumerated() { widths[i] = max(widths[i], DisplayWidth.of(cell)) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for i in 0..<columns {
                let cell = i < cells.count ? cells[i] : ""
                parts.append(i == columns - 1 ? cell : DisplayWidth.pad(cell, to: widths[i]))
            }
            var text = indent + parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        var out = [line(headers), indent + widths.enumerated().map { i, w in
            String(repeating: "─", count: i == columns - 1 ? max(w, DisplayWidth.of(headers[i])) : w)
        }.joined(separator: "  ")]
        out += rows.map(line)
        return out.joined(separator: "\n")
    }
}
