import GRDB
import SalesDomain

extension Store {
    /// `fromUser` hands their steps to `toUser` from `starts` until `ends` (inclusive). While it
    /// runs, the substitute may act on any step the approver could, and each sign-off records
    /// `acting_for`; the audit log says so.
    @discardableResult
    public func delegate(from fromUser: String, to toUser: String, starts: Day, ends: Day) throws(StoreError) -> Delegation {
        try write { db in
            guard try loadUser(db, fromUser) != nil else { throw StoreError.unknownUser(fromUser) }
            guard try loadUser(db, toUser) != nil else { throw StoreError.unknownUser(toUser) }
            guard fromUser != toUser else { throw StoreError.invalidDelegation("a user cannot delegate to themselves") }
            guard starts <= ends else {
                throw StoreError.invalidDelegation("the period ends (\(ends)) before it starts (\(starts))")
            }
            try db.cachedStatement(sql: """
                INSERT INTO delegations (from_user, to_user, starts, ends, created_at) VALUES (?, ?, ?, ?, ?)
                """).execute(arguments: [fromUser, toUser, starts.description, ends.description, Timestamp.text(now)])
            let delegation = Delegation(id: db.lastInsertedRowID, from: fromUser, to: toUser, starts: starts, ends: ends)
            try AuditLog.append(db, at: now, actor: fromUser, event: "delegation.created", caseID: nil, data: delegation)
            return delegation
        }
    }

    /// The users who delegated to `userID` for today.
    func delegators(_ db: Database, to userID: String) throws -> [User] {
        guard let today else { return [] }
        let ids = try String.fetchAll(db.cachedStatement(sql: """
            SELECT from_user FROM delegations WHERE to_user = ? AND starts <= ? AND ends >= ? ORDER BY id
            """), arguments: [userID, today.description, today.description])
        return try ids.compactMap { try loadUser(db, $0) }
    }
}
