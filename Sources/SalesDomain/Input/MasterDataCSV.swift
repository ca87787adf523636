import CSV
import Foundation

/// Master data from a spreadsheet: one CSV file per kind of record, told apart by its header row.
///
/// | header has | records | list columns (`;`-separated) |
/// | --- | --- | --- |
/// | `sku` | products: sku, name, unit, difficult, key, standard_specs, unit_cost | standard_specs |
/// | `roles` | users: id, name, roles, branch | roles |
/// | `credit_limit`, `overdue` or `government` | customers: id, name, government, credit_limit, overdue | |
/// | only `id`, `name` | branches | |
///
/// The rows are read by the same strict decoder as a YAML context file, so every error names
/// `file.csv:LINE` and the field, exactly as for YAML. Empty cells are absent fields. Earlier
/// documents (nested) cannot come from CSV.
enum MasterDataCSV {
    static func parse(_ text: String, file: String) throws(InputError) -> InputValue {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true)
        } catch {
            throw InputError(file: file, line: 1, category: .syntax, message: "not a CSV file: \(error)")
        }
        guard let header = reader.headerRow, !header.isEmpty else {
            throw InputError(file: file, line: 1, category: .syntax, message: "the file has no header row")
        }
        let columns = header.map { $0.trimmingCharacters(in: .whitespaces) }
        let set = Set(columns)
        let entity: String
        let lists: Set<String>
        if set.contains("sku") {
            (entity, lists) = ("products", ["standard_specs"])
        } else if set.contains("roles") {
            (entity, lists) = ("users", ["roles"])
        } else if !set.isDisjoint(with: ["credit_limit", "overdue", "government"]) {
            (entity, lists) = ("customers", [])
        } else if set == ["id", "name"] {
            (entity, lists) = ("branches", [])
        } else {
            throw InputError(file: file, line: 1, category: .syntax, message:
                "cannot tell what the rows are from the header \(columns.joined(separator: ",")); expected products (sku,…), users (…,roles,…), customers (…,credit_limit,…) or branches (id,name)")
        }
        // The rows become YAML, one flow mapping per row, each written on the very line its CSV
        // row starts on (padded with comment lines), so the strict decoder's errors point at
        // the spreadsheet's lines.
        var yaml = ["\(entity):"]
        var line = 2 + newlines(in: header)
        while let row = reader.next() {
            defer { line += 1 + newlines(in: row) }
            if row.allSatisfy(\.isEmpty) { continue }
            guard row.count == columns.count else {
                throw InputError(file: file, line: line, category: .syntax,
                                 message: "row has \(row.count) cells, the header \(columns.count)")
            }
            var fields: [String] = []
            for (column, cell) in zip(columns, row) where !cell.isEmpty {
                let value: String
                if lists.contains(column) {
                    value = "[" + cell.split(separator: ";").map { quoted($0.trimmingCharacters(in: .whitespaces)) }
                        .joined(separator: ", ") + "]"
                } else if booleans.contains(column), ["true", "false"].contains(cell.lowercased()) {
                    value = cell.lowercased()
                } else {
                    value = quoted(cell)
                }
                fields.append("\(quoted(column)): \(value)")
            }
            while yaml.count < line - 1 { yaml.append("#") }
            yaml.append("  - { " + fields.joined(separator: ", ") + " }")
        }
        if let error = reader.error {
            throw InputError(file: file, line: line, category: .syntax, message: "CSV: \(error)")
        }
        if yaml.count == 1 { yaml[0] += " []" }
        return try InputDecoder.parse(yaml.joined(separator: "\n") + "\n", file: file)
    }

    private static let booleans: Set<String> = ["government", "difficult", "key"]

    /// A YAML double-quoted scalar (JSON string escaping is valid YAML).
    private static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        guard let data = try? encoder.encode(text), let json = String(data: data, encoding: .utf8) else { return "\"\"" }
        return json
    }

    private static func newlines(in cells: [String]) -> Int {
        cells.reduce(0) { $0 + $1.filter { $0 == "\n" || $0 == "\r\n" }.count }
    }
}
