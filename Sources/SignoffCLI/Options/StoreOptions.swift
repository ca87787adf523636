import ApprovalStore
import ArgumentParser
import Foundation

/// Where the store is (`--db FILE`, else `$SIGNOFF_DB`, else `./signoff.db`) and who is acting
/// (`--as USER`, else `$SIGNOFF_USER`).
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file (default: $SIGNOFF_DB or ./signoff.db).", valueName: "file"))
    var db: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("Act as this user id (default: $SIGNOFF_USER).", valueName: "user"))
    var user: String?

    var path: String { Store.defaultPath(explicit: db) }

    /// The acting user, if given by option or environment.
    var actingUser: String? {
        if let user, !user.isEmpty { return user }
        if let user = ProcessInfo.processInfo.environment["SIGNOFF_USER"], !user.isEmpty { return user }
        return nil
    }

    /// The acting user, or a usage error.
    func requireUser() throws -> String {
        guard let user = actingUser else {
            Console.error("say who you are: --as USER (or set $SIGNOFF_USER)")
            throw ExitCode(64)
        }
        return user
    }

    /// Opens the store, or exits with the database error.
    func open() throws -> Store {
        do {
            return try Store(path: path)
        } catch {
            throw StoreExit.report(error)
        }
    }
}
