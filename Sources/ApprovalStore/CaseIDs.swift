import GRDB
import SalesDomain

/// Ids for requests submitted without one: `<prefix>-<year>-<number>`, e.g. `IV-2026-0003`,
/// numbered per prefix and year, never colliding with a case or an imported document.
enum CaseIDs {
    static func prefix(_ kind: RequestKind) -> String {
        switch kind {
        case .visitPlan: "VP"
        case .tender: "TD"
        case .quote: "QT"
        case .contract: "CT"
        case .shipment: "SH"
        case .collection: "CO"
        case .invoice: "IV"
        case .service: "SV"
        case .returnRequest: "RT"
        }
    }

    /// The next free id after the highest number already used with this stem (`CT-2026-`), in
    /// cases or imported documents.
    ///
    /// The ids starting with the stem are read as a range of the primary keys (from the stem up to
    /// the stem with its final `-` raised to `.`), so the cost grows with this year's ids of this
    /// kind, not with the whole history. Ids are compared byte for byte, as
    /// they are stored; `isTaken` guarantees the id returned is free whatever else exists.
    static func next(_ db: Database, kind: RequestKind, year: Int) throws -> String {
        let stem = "\(prefix(kind))-\(year)-"
        let end = "\(prefix(kind))-\(year)."
        let existing = try String.fetchAll(db.cachedStatement(sql: idsInRange), arguments: [stem, end, stem, end])
        let highest = existing.compactMap { Int($0.dropFirst(stem.count)) }.max() ?? 0
        var number = highest + 1
        while try isTaken(db, stem + pad(number)) { number += 1 }
        return stem + pad(number)
    }

    /// Case and document ids from the first argument (included) to the second (excluded).
    static let idsInRange = """
        SELECT id FROM cases WHERE id >= ? AND id < ? UNION SELECT id FROM documents WHERE id >= ? AND id < ?
        """

    static func isTaken(_ db: Database, _ id: String) throws -> Bool {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM cases WHERE id = ? UNION ALL SELECT 1 FROM documents WHERE id = ?"),
                         arguments: [id, id]) != nil
    }

    private static func pad(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
