/// The request-file shape (see `docs/policy-api.md`, "Request file"):
/// `kind`, `id`?, `submitted_by`, `branch`?, `customer` (id or inline object), `refs`?, `document`.
/// `kind` is read first because the document's fields depend on it; ref names are checked against
/// the kind here, ref targets against a context by `PolicyContext.resolve(_:)`.
extension Request: InputDecodable {
    public static let fields = ["kind", "id", "submitted_by", "branch", "customer", "refs", "document"]

    public init(from input: InputValue) throws(InputError) {
        let map = try input.mapping(fields: Self.fields)
        var origin = SourceOrigin(file: input.file, base: input.path)
        func record(_ path: [FieldPath.Component], _ value: InputValue) {
            if let line = value.line { origin.lines[FieldPath(path)] = line }
        }

        record([], input)
        let kind = try map.required("kind") { v throws(InputError) in try v.oneOf(RequestKind.self) }
        let id = try map.optional("id") { v throws(InputError) in try v.identifier() }
        let submittedBy = try map.required("submitted_by") { v throws(InputError) -> String in
            record([.key("submitted_by")], v)
            return try v.identifier("a user id")
        }
        let branch = try map.optional("branch") { v throws(InputError) -> String in
            record([.key("branch")], v)
            return try v.identifier("a branch id")
        }
        let customer = try map.required("customer") { v throws(InputError) -> CustomerReference in
            record([.key("customer")], v)
            if case .mapping = v.node { return .inline(try Customer(from: v)) }
            return .id(try v.identifier("a customer id or an inline customer {id, name, …}"))
        }
        let refs = try map.optional("refs") { v throws(InputError) -> [String: String] in
            record([.key("refs")], v)
            var refs: [String: String] = [:]
            for (name, value) in try v.dictionary() {
                guard kind.allowedRefs[name] != nil else {
                    let allowed = kind.allowedRefs.keys.sorted()
                    throw InputError(file: value.file, line: value.line, path: value.path, category: .unknownField,
                                     message: allowed.isEmpty
                                        ? "unknown reference; \(kind.withArticle) takes no references"
                                        : "unknown reference; \(kind.withArticle) may reference \(InputText.list(allowed))")
                }
                record([.key("refs"), .key(name)], value)
                refs[name] = try value.identifier("a document id")
            }
            return refs
        } ?? [:]
        let document = try map.required("document") { v throws(InputError) -> Document in
            let document = try Document(kind: kind, from: v)
            // Remember where each sku is, for "no product" errors.
            if case .mapping = v.node, let lines = try? v.mapping(fields: Document.fields(for: kind)).value("lines"),
               let elements = try? lines.list() {
                for (index, element) in elements.enumerated() {
                    if let sku = try? element.mapping(fields: Line.fields).value("sku") {
                        record([.key("document"), .key("lines"), .index(index), .key("sku")], sku)
                    }
                }
            }
            if case .service = document, let product = try? v.mapping(fields: Document.fields(for: kind)).value("product") {
                record([.key("document"), .key("product")], product)
            }
            return document
        }
        self.init(id: id, submittedBy: submittedBy, branch: branch, customer: customer, refs: refs,
                  document: document, origin: origin)
    }
}
