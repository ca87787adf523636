import Money

/// `LuaValue` passes through `LuaValueEncoder`/`LuaValueDecoder` as itself. With other coders
/// (JSON, for example) it maps to the natural form: tables with fields → objects, sequences →
/// arrays, money → its plain text ("612000.00").
extension LuaValue: Codable {
    private struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { return nil }
    }

    public init(from decoder: any Decoder) throws {
        if let lua = decoder as? LuaValueDecoding {
            self = lua.value
            return
        }
        if let keyed = try? decoder.container(keyedBy: AnyKey.self) {
            var table = LuaTable()
            for key in keyed.allKeys { table[key.stringValue] = try keyed.decode(LuaValue.self, forKey: key) }
            self = .table(table)
            return
        }
        if var list = try? decoder.unkeyedContainer() {
            var values: [LuaValue] = []
            while !list.isAtEnd { values.append(try list.decode(LuaValue.self)) }
            self = .table(LuaTable(array: values))
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .nil
        } else if let b = try? single.decode(Bool.self) {
            self = .boolean(b)
        } else if let i = try? single.decode(Int64.self) {
            self = .integer(i)
        } else if let d = try? single.decode(Double.self) {
            self = .number(d)
        } else {
            self = .string(try single.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .nil, .unsupported:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case .boolean(let b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        case .integer(let i):
            var c = encoder.singleValueContainer()
            try c.encode(i)
        case .number(let d):
            var c = encoder.singleValueContainer()
            try c.encode(d)
        case .string(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .money(let m):
            var c = encoder.singleValueContainer()
            try c.encode(m.description)
        case .table(let t):
            if t.fields.isEmpty {
                var c = encoder.unkeyedContainer()
                for v in t.array { try c.encode(v) }
            } else {
                var c = encoder.container(keyedBy: AnyKey.self)
                for (i, v) in t.array.enumerated() { try c.encode(v, forKey: AnyKey(stringValue: String(i + 1))) }
                for (k, v) in t.sortedFields {
                    let name: String
                    switch k {
                    case .string(let s): name = s
                    case .integer(let i): name = String(i)
                    default: continue
                    }
                    try c.encode(v, forKey: AnyKey(stringValue: name))
                }
            }
        }
    }
}
