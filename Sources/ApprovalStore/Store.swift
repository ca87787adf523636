import Foundation
import GRDB
import PolicyEngine
import SalesDomain

/// The approval store: master data, cases with their route, every sign-off, and a hash-chained
/// audit log, in one SQLite file (WAL mode, so readers never wait for the writer).
///
/// Every operation that changes something runs in ONE `IMMEDIATE` transaction: it takes the write
/// lock before reading, so what it checks is what it changes, and two processes acting on the same
/// step are serialized — the second sees the first's sign-off and is refused. A refusal throws a
/// `StoreError` and rolls everything back.
public final class Store: Sendable {
    /// The database file as given.
    public let path: String
    /// The factory's time zone: what "today" and "same day" mean.
    public let timeZone: TimeZone
    let pool: DatabasePool
    let clock: @Sendable () -> Date

    /// Opens (creating on first use) the database at `path` and brings its schema up to date.
    /// - Parameters:
    ///   - busyTimeout: how long to wait for another process's write lock before `.locked`.
    ///   - clock: the store's notion of now (tests pin it).
    /// - Throws: `.notADatabase`, `.corrupt` (truncated or damaged), `.readOnly`, `.locked`,
    ///   `.newerSchema`, `.cannotOpen` — each naming the file; the file is left untouched.
    public init(path: String, busyTimeout: TimeInterval = 5, timeZone: TimeZone = .current,
                clock: @escaping @Sendable () -> Date = { Date() }) throws(StoreError) {
        try DatabaseFileCheck.check(path: path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.label = "signoff"
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            let migrator = Schema.migrator
            if try pool.read({ db in try migrator.hasBeenSuperseded(db) }) {
                let applied = try pool.read { db in try migrator.appliedIdentifiers(db) }
                let known = Set(migrator.migrations)
                throw StoreError.newerSchema(path: path, migration: applied.first { !known.contains($0) } ?? "?")
            }
            try migrator.migrate(pool)
        } catch {
            throw StoreError.wrap(error, path: path)
        }
        self.path = path
        self.timeZone = timeZone
        self.clock = clock
    }

    /// Opens (creating on first use) the database at `path` with the default settings.
    public static func open(_ path: String) throws(StoreError) -> Store {
        try Store(path: path)
    }

    /// The database path named by `--db`, else `$SIGNOFF_DB`, else `./signoff.db`.
    public static func defaultPath(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnvironment = environment["SIGNOFF_DB"], !fromEnvironment.isEmpty { return fromEnvironment }
        return "signoff.db"
    }

    /// Runs `body` in one IMMEDIATE transaction; any throw rolls back and comes out as a `StoreError`.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw StoreError.cannotOpen(path: path, detail: "transaction produced no result") }
                return result
            }
        } catch {
            throw StoreError.wrap(error, path: path)
        }
    }

    /// Runs `body` on a consistent snapshot.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read { db in try body(db) }
        } catch {
            throw StoreError.wrap(error, path: path)
        }
    }

    var now: Date { clock() }

    /// Today in the factory's time zone: the `today` every policy decision sees.
    var today: Day? { Timestamp.day(now, in: timeZone) }
}
