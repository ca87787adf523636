import GRDB
import Testing
@testable import ApprovalStore

/// Generated ids: the next number after the highest of this stem, found through the primary keys.
@Suite("Case ids")
struct CaseIDsTests {
    /// The two tables `CaseIDs` reads, with the keys the store's schema gives them.
    static func database(cases: [String], documents: [String]) throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE cases (id TEXT PRIMARY KEY NOT NULL)")
            try db.execute(sql: "CREATE TABLE documents (id TEXT PRIMARY KEY NOT NULL)")
            for id in cases { try db.execute(sql: "INSERT INTO cases (id) VALUES (?)", arguments: [id]) }
            for id in documents { try db.execute(sql: "INSERT INTO documents (id) VALUES (?)", arguments: [id]) }
        }
        return queue
    }

    @Test("numbered after the highest of the same kind and year, in cases and imported documents")
    func numbering() throws {
        let queue = try Self.database(
            cases: ["CT-2026-0001", "CT-2026-0009", "CT-2025-0500", "CT-2026X0999", "QT-2026-0700", "CT-2026-abc"],
            documents: ["CT-2026-0041"])
        #expect(try queue.read { db in try CaseIDs.next(db, kind: .contract, year: 2026) } == "CT-2026-0042")
        #expect(try queue.read { db in try CaseIDs.next(db, kind: .contract, year: 2025) } == "CT-2025-0501")
        #expect(try queue.read { db in try CaseIDs.next(db, kind: .invoice, year: 2026) } == "IV-2026-0001")
    }

    @Test("numbers compare as numbers, not as text: after 9999 comes 10000, after 10000 10001")
    func pastFourDigits() throws {
        let queue = try Self.database(cases: ["CT-2026-9999", "CT-2026-10000"], documents: [])
        #expect(try queue.read { db in try CaseIDs.next(db, kind: .contract, year: 2026) } == "CT-2026-10001")
    }

    @Test("the ids of a stem are found through the primary key index, not by scanning every case")
    func usesTheIndex() throws {
        let queue = try Self.database(cases: [], documents: [])
        let plan = try queue.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + CaseIDs.idsInRange,
                             arguments: ["CT-2026-", "CT-2026.", "CT-2026-", "CT-2026."]).map { $0["detail"] as String }
        }
        #expect(plan.filter { $0.contains("SEARCH") }.count == 2, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN cases") || $0.hasPrefix("SCAN documents") }, "\(plan)")
    }
}
