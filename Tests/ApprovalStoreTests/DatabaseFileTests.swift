import ApprovalStore
import Foundation
import GRDB
import Testing

/// A database file that is not a database, truncated, read-only or locked: a clear error, and the
/// file is left as it was.
@Suite("Database files")
struct DatabaseFileTests {
    @Test("opening creates the file and reopening keeps the data")
    func createAndReopen() throws {
        let path = try TestSupport.databasePath()
        do {
            let store = try TestSupport.store(path: path)
            _ = try store.submit(try TestSupport.contract(), engine: try TestSupport.engine(), as: "li.na")
        }
        #expect(FileManager.default.fileExists(atPath: path))
        let reopened = try Store(path: path)
        #expect(try reopened.history().map(\.id) == ["CT-2026-0107"])
        #expect(try reopened.verifyAudit().ok)
    }

    @Test("a text file is not a database: clear error, file untouched")
    func notADatabase() throws {
        let path = try TestSupport.temporaryFolder().appendingPathComponent("notes.db").path
        let text = "这不是数据库 — just some notes\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            _ = try Store(path: path)
        } throws: { error in
            guard case StoreError.notADatabase(let named) = error else { return false }
            return named == path && (error as? StoreError)?.description.contains("not a signoff database") == true
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }

    @Test("a truncated database is reported as damaged")
    func truncated() throws {
        let path = try TestSupport.databasePath()
        do {
            let store = try TestSupport.store(path: path)
            _ = try store.submit(try TestSupport.contract(), engine: try TestSupport.engine(), as: "li.na")
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(data.count > 8192)
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try Store(path: path)
        } throws: { error in
            guard case StoreError.corrupt(_, let detail) = error else { return false }
            return detail.contains("truncated")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count == data.count / 2)
    }

    // Skipped (and reported as skipped) as root, who may write to any file.
    @Test("a read-only database is reported as such", .enabled(if: getuid() != 0, "root writes to read-only files"))
    func readOnly() throws {
        let path = try TestSupport.databasePath()
        do { _ = try TestSupport.store(path: path) }
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path) }
        #expect {
            _ = try Store(path: path)
        } throws: { error in
            if case StoreError.readOnly = error { true } else { false }
        }
    }

    @Test("a database locked by another writer: a clear error after the busy timeout, nothing changed")
    func locked() throws {
        let path = try TestSupport.databasePath()
        let store = try TestSupport.store(path: path)
        let holder = try DatabaseQueue(path: path)
        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), finished = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? holder.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                holding.signal()
                release.wait()
                try db.execute(sql: "ROLLBACK")
            }
            finished.signal()
        }
        holding.wait()
        let impatient = try Store(path: path, busyTimeout: 0.2)
        #expect {
            _ = try impatient.submit(try TestSupport.contract(), engine: try TestSupport.engine(), as: "li.na")
        } throws: { error in
            if case StoreError.locked = error { true } else { false }
        }
        release.signal()
        finished.wait()
        #expect(try store.history().isEmpty)
    }

    @Test("a folder that does not exist is a clear error")
    func missingFolder() throws {
        #expect {
            _ = try Store(path: "/nonexistent-signoff-folder/x/signoff.db")
        } throws: { error in
            if case StoreError.cannotOpen(_, let detail) = error { detail.contains("does not exist") } else { false }
        }
    }
}
