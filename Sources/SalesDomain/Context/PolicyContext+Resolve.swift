/// Cross-reference checks of a request against a context: every id it names must exist and be of
/// the right kind. Errors point at the request's field (with its line when the request came from
/// a file), e.g. `request.yaml:2: submitted_by: no user "x" in the context`.
extension PolicyContext {
    /// Checks the request's references; throws the first problem found.
    public func validate(_ request: Request) throws(InputError) {
        _ = try resolve(request)
    }

    /// Looks up everything the request names.
    ///
    /// Checks, in order: the submitter is a user; the branch (if given) exists; the customer id
    /// exists (inline customers are taken as given); each ref names a stored document of the kind
    /// the ref requires, belonging to the same customer; required refs are present (a shipment,
    /// collection, invoice or return must name its contract; a contract's quote is optional);
    /// every sku in the document is a product.
    public func resolve(_ request: Request) throws(InputError) -> ResolvedRequest {
        let origin = request.origin
        let kind = request.kind

        guard let submitter = user(request.submittedBy) else {
            throw origin.error(at: FieldPath([.key("submitted_by")]), .reference,
                               "no user \(InputText.quoted(request.submittedBy)) in the context")
        }
        if let id = request.branch, branch(id) == nil {
            throw origin.error(at: FieldPath([.key("branch")]), .reference,
                               "no branch \(InputText.quoted(id)) in the context")
        }

        let customer: Customer
        switch request.customer {
        case .inline(let inline):
            customer = inline
        case .id(let id):
            guard let found = self.customer(id) else {
                throw origin.error(at: FieldPath([.key("customer")]), .reference,
                                   "no customer \(InputText.quoted(id)) in the context")
            }
            customer = found
        }

        var cited: [String: StoredDocument] = [:]
        for name in request.refs.keys.sorted() {
            let path = FieldPath([.key("refs"), .key(name)])
            guard let id = request.refs[name] else { continue }
            guard let expected = kind.allowedRefs[name] else {
                let allowed = kind.allowedRefs.keys.sorted()
                throw origin.error(at: path, .unknownField, allowed.isEmpty
                    ? "\(kind.withArticle) takes no references"
                    : "unknown reference; \(kind.withArticle) may reference \(InputText.list(allowed))")
            }
            guard let stored = document(id) else {
                throw origin.error(at: path, .reference, "no document \(InputText.quoted(id)) in the context")
            }
            guard stored.kind == expected else {
                throw origin.error(at: path, .reference,
                                   "\(InputText.quoted(id)) is \(stored.kind.withArticle), expected \(expected.withArticle)")
            }
            guard stored.customer == customer.id else {
                throw origin.error(at: path, .reference,
                                   "\(expected.displayName) \(InputText.quoted(id)) belongs to customer \(InputText.quoted(stored.customer)), not \(InputText.quoted(customer.id))")
            }
            cited[name] = stored
        }
        for name in kind.requiredRefs where cited[name] == nil {
            throw origin.error(at: FieldPath([.key("refs"), .key(name)]), .missingField,
                               "required reference is missing; \(kind.withArticle) must reference its \(name)")
        }

        var products: [String: Product] = [:]
        for (index, line) in request.document.lines.enumerated() {
            guard let product = product(line.sku) else {
                throw origin.error(at: FieldPath([.key("document"), .key("lines"), .index(index), .key("sku")]),
                                   .reference, "no product \(InputText.quoted(line.sku)) in the context")
            }
            products[line.sku] = product
        }
        if case .service(let service) = request.document, let sku = service.product {
            guard let product = product(sku) else {
                throw origin.error(at: FieldPath([.key("document"), .key("product")]), .reference,
                                   "no product \(InputText.quoted(sku)) in the context")
            }
            products[sku] = product
        }
        // The products of cited documents too (a quoted line the contract left out is still
        // described by its product); the context decoder already checked that they exist.
        for stored in cited.values {
            for line in stored.document.lines where products[line.sku] == nil {
                if let product = product(line.sku) { products[line.sku] = product }
            }
        }

        return ResolvedRequest(request: request, submitter: submitter, branch: request.branch ?? submitter.branch,
                               customer: customer, tender: cited["tender"], quote: cited["quote"],
                               contract: cited["contract"], products: products)
    }
}
