import ApprovalStore
import Foundation
import GRDB
import SalesDomain
import Testing

/// The audit log is append-only and hash-chained: `verifyAudit` finds the first row that was
/// edited, deleted or reordered, even by someone who drops the triggers and edits the file.
@Suite("Audit chain")
struct AuditChainTests {
    /// A database with a few events: import, submit, stage opened, approve, ….
    func populated() throws -> (Store, String) {
        let path = try TestSupport.databasePath()
        let store = try TestSupport.store(path: path)
        _ = try store.submit(try TestSupport.contract(), engine: try TestSupport.engine(), as: "li.na")
        try store.act(caseID: "CT-2026-0107", action: .approve, as: "zhao.min")
        try store.act(caseID: "CT-2026-0107", action: .approve, as: "huang.wei")
        return (store, path)
    }

    /// Raw SQL on the file, as an intruder would (triggers dropped first).
    func tamper(_ path: String, _ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TRIGGER IF EXISTS audit_events_no_update; DROP TRIGGER IF EXISTS audit_events_no_delete")
            try db.execute(sql: sql)
        }
    }

    @Test("an intact chain verifies")
    func intact() throws {
        let (store, _) = try populated()
        let report = try store.verifyAudit()
        #expect(report.ok)
        #expect(report.rows >= 6)
        #expect(report.head.count == 64)
    }

    @Test("the triggers refuse updates and deletes")
    func appendOnly() throws {
        let (_, path) = try populated()
        let queue = try DatabaseQueue(path: path)
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "UPDATE audit_events SET actor = 'x' WHERE seq = 2") }
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "DELETE FROM audit_events WHERE seq = 2") }
        }
    }

    @Test("an edited row is found")
    func edited() throws {
        let (store, path) = try populated()
        try tamper(path, "UPDATE audit_events SET actor = 'huang.wei' WHERE seq = 3")
        let report = try store.verifyAudit()
        #expect(report.problem == .edited)
        #expect(report.firstBadRow == 3)
        #expect(report.rows == 2)
    }

    @Test("a deleted row is found, in the middle or at the end")
    func deleted() throws {
        let (store, path) = try populated()
        try tamper(path, "DELETE FROM audit_events WHERE seq = 4")
        let middle = try store.verifyAudit()
        #expect(middle.problem == .deleted)
        #expect(middle.firstBadRow == 4)

        let (other, otherPath) = try populated()
        let last = try other.verifyAudit().rows
        try tamper(otherPath, "DELETE FROM audit_events WHERE seq = \(last)")
        let tail = try other.verifyAudit()
        #expect(tail.problem == .deleted)
        #expect(tail.firstBadRow == Int64(last))
    }

    @Test("a reordered row (content swapped, hashes recomputed locally) is found")
    func reordered() throws {
        let (store, path) = try populated()
        // Swap the content of rows 3 and 4 including their hashes: each row is self-consistent
        // except for the chain link.
        try tamper(path, """
            CREATE TEMP TABLE t AS SELECT * FROM audit_events WHERE seq IN (3, 4);
            UPDATE audit_events SET at = (SELECT at FROM t WHERE seq = 4), actor = (SELECT actor FROM t WHERE seq = 4),
                event = (SELECT event FROM t WHERE seq = 4), data = (SELECT data FROM t WHERE seq = 4),
                hash = (SELECT hash FROM t WHERE seq = 4), prev_hash = (SELECT prev_hash FROM t WHERE seq = 4)
                WHERE seq = 3;
            UPDATE audit_events SET at = (SELECT at FROM t WHERE seq = 3), actor = (SELECT actor FROM t WHERE seq = 3),
                event = (SELECT event FROM t WHERE seq = 3), data = (SELECT data FROM t WHERE seq = 3),
                hash = (SELECT hash FROM t WHERE seq = 3), prev_hash = (SELECT prev_hash FROM t WHERE seq = 3)
                WHERE seq = 4;
            """)
        let report = try store.verifyAudit()
        #expect(!report.ok)
        #expect(report.firstBadRow == 3)
    }

    @Test("appending after a deleted tail keeps the gap visible")
    func appendAfterDeletion() throws {
        let (store, path) = try populated()
        let last = try store.verifyAudit().rows
        try tamper(path, "DELETE FROM audit_events WHERE seq = \(last)")
        try store.act(caseID: "CT-2026-0107", step: "3", action: .sign, as: "wu.fang")
        let report = try store.verifyAudit()
        #expect(report.problem == .deleted)
        #expect(report.firstBadRow == Int64(last))
    }
}
