/// How an opportunity reached the department. `government_procurement` (central procurement by
/// government agricultural departments) makes a tender major by default.
public enum TenderSource: String, Sendable, Hashable, CaseIterable, Codable {
    case inquiry
    case publicTender = "public_tender"
    case governmentProcurement = "government_procurement"
}
