/// Where a value sits inside an input file, written the way users read it:
/// `document.lines[2].quantity`, `refs.quote`, `parameters["rated power"]`.
///
/// Every input error carries one, so a message always names the field to fix.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    /// One step down the tree: a mapping key or a list index (0-based, as in the message).
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    public private(set) var components: [Component]

    public init(_ components: [Component] = []) {
        self.components = components
    }

    /// The top of the file (an empty path).
    public static let root = FieldPath()

    public var isRoot: Bool { components.isEmpty }

    public func appending(_ key: String) -> FieldPath {
        var path = self
        path.components.append(.key(key))
        return path
    }

    public func appending(index: Int) -> FieldPath {
        var path = self
        path.components.append(.index(index))
        return path
    }

    public func appending(_ other: FieldPath) -> FieldPath {
        FieldPath(components + other.components)
    }

    /// `document.lines[2].quantity`; keys that are not plain words are quoted: `parameters["a b"]`.
    /// The root path reads as `(top level)`.
    public var description: String {
        if components.isEmpty { return "(top level)" }
        var text = ""
        for component in components {
            switch component {
            case .index(let index):
                text += "[\(index)]"
            case .key(let key):
                if Self.isPlainWord(key) {
                    text += text.isEmpty ? key : "." + key
                } else {
                    text += "[\"\(key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\"]"
                }
            }
        }
        return text
    }

    private static func isPlainWord(_ key: String) -> Bool {
        !key.isEmpty && key.unicodeScalars.allSatisfy { scalar in
            scalar == "_" || scalar == "-" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
        }
    }
}
