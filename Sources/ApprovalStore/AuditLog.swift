import Crypto
import Foundation
import GRDB
import PolicyEngine

/// The append-only, hash-chained audit log. Each row's `hash` is SHA-256 over its sequence number,
/// time, actor, event, case, data and the previous row's hash, so editing, deleting or reordering
/// any row breaks the chain from that row on. Triggers refuse UPDATE and DELETE; the chain catches
/// whoever drops them.
enum AuditLog {
    /// The `prev_hash` of the first row.
    static let genesis = String(repeating: "0", count: 64)

    static func append<T: Encodable>(_ db: Database, at date: Date, actor: String, event: String, caseID: String?,
                                     data: T) throws {
        try append(db, at: date, actor: actor, event: event, caseID: caseID, json: try StoreJSON.encode(data))
    }

    /// `append` with the event data already encoded as `StoreJSON` text.
    static func append(_ db: Database, at date: Date, actor: String, event: String, caseID: String?,
                       json: String) throws {
        let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1"))
        let lastSeq: Int64 = try last?.decode(forColumn: "seq") ?? 0
        let prev: String = try last?.decode(forColumn: "hash") ?? genesis
        // Never reuse a number, even after someone deleted the tail: the gap stays visible.
        let counter = try Int64.fetchOne(db.cachedStatement(sql: "SELECT seq FROM sqlite_sequence WHERE name = 'audit_events'")) ?? 0
        let seq = max(lastSeq, counter) + 1
        let at = Timestamp.text(date)
        let hash = digest(seq: seq, at: at, actor: actor, event: event, caseID: caseID, data: json, prev: prev)
        try db.cachedStatement(sql: """
            INSERT INTO audit_events (seq, at, actor, event, case_id, data, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [seq, at, actor, event, caseID, json, prev, hash])
    }

    /// Length-prefixed fields, so no choice of content can imitate another row's.
    static func digest(seq: Int64, at: String, actor: String, event: String, caseID: String?, data: String,
                       prev: String) -> String {
        var text = ""
        for field in [String(seq), at, actor, event, caseID ?? "\u{0}", data, prev] {
            text += "\(field.utf8.count):\(field);"
        }
        return Hex.string(SHA256.hash(data: Data(text.utf8)))
    }

    static func verify(_ db: Database) throws -> AuditReport {
        var expectedSeq: Int64 = 1
        var prev = genesis
        var rows = 0
        let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM audit_events ORDER BY seq")
        while let row = try cursor.next() {
            let seq: Int64 = try row.decode(forColumn: "seq")
            let storedPrev: String = try row.decode(forColumn: "prev_hash")
            let hash: String = try row.decode(forColumn: "hash")
            if seq != expectedSeq {
                return AuditReport(rows: rows, head: prev, firstBadRow: expectedSeq, problem: .deleted,
                                   detail: "row \(expectedSeq)\(seq > expectedSeq + 1 ? "–\(seq - 1)" : "") missing: the next row is \(seq)")
            }
            if storedPrev != prev {
                return AuditReport(rows: rows, head: prev, firstBadRow: seq, problem: .reordered,
                                   detail: "row \(seq) does not follow row \(seq - 1) (its previous-hash differs)")
            }
            let recomputed = digest(seq: seq, at: try row.decode(forColumn: "at"), actor: try row.decode(forColumn: "actor"),
                                    event: try row.decode(forColumn: "event"), caseID: try row.decode(forColumn: "case_id"),
                                    data: try row.decode(forColumn: "data"), prev: storedPrev)
            if recomputed != hash {
                return AuditReport(rows: rows, head: prev, firstBadRow: seq, problem: .edited,
                                   detail: "row \(seq) was edited: its content no longer matches its hash")
            }
            prev = hash
            rows += 1
            expectedSeq += 1
        }
        let counter = try Int64.fetchOne(db.cachedStatement(sql: "SELECT seq FROM sqlite_sequence WHERE name = 'audit_events'")) ?? 0
        if counter >= expectedSeq {
            return AuditReport(rows: rows, head: prev, firstBadRow: expectedSeq, problem: .deleted,
                               detail: "rows \(expectedSeq)–\(counter) missing at the end of the log")
        }
        return AuditReport(rows: rows, head: prev)
    }

    static func entries(_ db: Database, caseID: String) throws -> [AuditEntry] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM audit_events WHERE case_id = ? ORDER BY seq"), arguments: [caseID]).map { row in
            AuditEntry(seq: try row.decode(forColumn: "seq"), at: try row.decode(forColumn: "at"),
                       actor: try row.decode(forColumn: "actor"), event: try row.decode(forColumn: "event"),
                       caseID: try row.decode(forColumn: "case_id"), data: try row.decode(forColumn: "data"),
                       hash: try row.decode(forColumn: "hash"))
        }
    }
}
