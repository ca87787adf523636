import Foundation
import SalesDomain

/// A request's document for the terminal: scalar fields as `field: value`, lists of mappings
/// (lines, visits) as aligned tables, read generically from the document's JSON so every kind
/// prints without its own view.
enum DocumentText {
    /// Any JSON value, decoded strictly (a bool stays a bool, a number a number).
    enum JSONValue: Decodable {
        case text(String), number(String), bool(Bool), list([JSONValue]), map([String: JSONValue]), null

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null }
            else if let value = try? container.decode(Bool.self) { self = .bool(value) }
            else if let value = try? container.decode(Int64.self) { self = .number(String(value)) }
            else if let value = try? container.decode(Double.self) { self = .number(String(value)) }
            else if let value = try? container.decode(String.self) { self = .text(value) }
            else if let value = try? container.decode([JSONValue].self) { self = .list(value) }
            else { self = .map(try container.decode([String: JSONValue].self)) }
        }

        var plain: String {
            switch self {
            case .text(let text), .number(let text): text
            case .bool(let value): value ? "true" : "false"
            case .null: ""
            case .list(let items): items.map(\.plain).joined(separator: ", ")
            case .map(let map): map.keys.sorted().map { "\($0)=\(map[$0]?.plain ?? "")" }.joined(separator: ", ")
            }
        }
    }

    static func render(_ request: Request) -> String {
        guard let data = try? JSONEncoder().encode(request),
              case .map(let object)? = try? JSONDecoder().decode(JSONValue.self, from: data)
        else { return "" }
        var out: [String] = []
        var header: [String] = []
        for key in ["kind", "id", "submitted_by", "branch", "customer"] {
            if let value = object[key] { header.append("\(key): \(value.plain)") }
        }
        if case .map(let refs)? = object["refs"], !refs.isEmpty {
            header.append("refs: " + JSONValue.map(refs).plain)
        }
        out.append(header.joined(separator: "  ·  "))
        guard case .map(let document)? = object["document"] else { return out.joined(separator: "\n") }
        for key in document.keys.sorted() {
            guard let value = document[key] else { continue }
            if case .list(let items) = value, !items.isEmpty,
               items.allSatisfy({ if case .map = $0 { true } else { false } }) {
                let rows = items.compactMap { item -> [String: JSONValue]? in
                    if case .map(let map) = item { return map }
                    return nil
                }
                let columns = Array(Set(rows.flatMap(\.keys))).sorted {
                    (order($0), $0) < (order($1), $1)
                }
                var table = TextTable(columns)
                for row in rows { table.add(columns.map { row[$0]?.plain ?? "" }) }
                out.append("  \(key):")
                out.append(table.render(indent: "    "))
            } else {
                out.append("  \(key): \(value.plain)")
            }
        }
        return out.joined(separator: "\n")
    }

    private static func order(_ column: String) -> Int {
        ["sku", "customer", "date", "name", "spec", "unit", "quantity", "unit_price", "parameters", "purpose", "key"]
            .firstIndex(of: column) ?? 99
    }
}
