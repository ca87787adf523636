import GRDB
import Testing
@testable import ApprovalStore

/// How commits reach the disk, as README (Performance) states it: WAL mode with GRDB's
/// `synchronous = NORMAL` for the writer — a commit is atomic and survives the process being
/// killed (CrashTests), but is synced to disk at checkpoints, not one by one.
@Suite("How commits reach the disk")
struct DurabilityTests {
    @Test("the writer runs in WAL mode with synchronous = NORMAL")
    func walWithNormalSync() throws {
        let store = try TestSupport.store()
        let (synchronous, journal) = try store.pool.write { db in
            (try Int.fetchOne(db, sql: "PRAGMA synchronous"), try String.fetchOne(db, sql: "PRAGMA journal_mode"))
        }
        #expect(synchronous == 1)
        #expect(journal == "wal")
    }
}
