import Foundation

/// The top-level fields that differ between two requests (`document.lines`, `refs.quote`,
/// `customer`, …), read from their JSON, for telling people why a sign-off was voided.
enum RequestDiff {
    static func changedFields(_ old: String, _ new: String) -> [String] {
        guard let a = try? JSONSerialization.jsonObject(with: Data(old.utf8)) as? [String: Any],
              let b = try? JSONSerialization.jsonObject(with: Data(new.utf8)) as? [String: Any]
        else { return [] }
        var changed: [String] = []
        for key in Set(a.keys).union(b.keys).sorted() where key != "id" {
            let left = a[key], right = b[key]
            if let l = left as? [String: Any], let r = right as? [String: Any], key == "document" || key == "refs" {
                for sub in Set(l.keys).union(r.keys).sorted() where !same(l[sub], r[sub]) {
                    changed.append("\(key).\(sub)")
                }
            } else if !same(left, right) {
                changed.append(key)
            }
        }
        return changed
    }

    private static func same(_ a: Any?, _ b: Any?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (nil, _), (_, nil): return false
        case let (a?, b?): return canonical(a) == canonical(b)
        }
    }

    private static func canonical(_ value: Any) -> String {
        guard JSONSerialization.isValidJSONObject([value]),
              let data = try? JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys])
        else { return "\(value)" }
        return String(decoding: data, as: UTF8.self)
    }
}
