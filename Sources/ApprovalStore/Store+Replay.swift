import Foundation
import GRDB
import PolicyEngine
import SalesDomain

extension Store {
    /// The stored cases for replay, oldest first: each as last decided, with the context it was
    /// decided in (rebuilt from today's data for cases stored before contexts were kept).
    /// Reads only.
    public func replayCases(kind: RequestKind? = nil, since: String? = nil) throws(StoreError) -> [ReplayCase] {
        try read { db in
            var clauses: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let kind { clauses.append("c.kind = ?"); arguments.append(kind.rawValue) }
            if let since { clauses.append("c.created_at >= ?"); arguments.append(since) }
            let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            let rows = try Row.fetchAll(db, sql: """
                SELECT c.*, x.context AS decided_context FROM cases c
                LEFT JOIN case_contexts x ON x.case_id = c.id AND x.revision = c.revision
                \(whereClause) ORDER BY c.created_at, c.id
                """, arguments: StatementArguments(arguments))
            return try rows.map { row in
                let record = try Self.caseRecord(row)
                let stored: String? = try row.decode(forColumn: "decided_context")
                var replayCase = ReplayCase(id: record.id, kind: record.kind, createdAt: record.createdAt,
                                            request: record.request, context: nil, contextJSON: stored,
                                            decision: record.decision, policy: record.policy)
                if stored == nil {
                    do {
                        replayCase.context = try context(db, for: record.request, excluding: record.id)
                        replayCase.contextReconstructed = true
                    } catch {
                        replayCase.contextNote = "stored before contexts were kept, and today's data cannot rebuild it: \(error)"
                    }
                }
                return replayCase
            }
        }
    }

    /// Every policy version the store keeps, by hash.
    public func policySnapshots() throws(StoreError) -> [String: RulesSnapshot] {
        try read { db in
            var snapshots: [String: RulesSnapshot] = [:]
            for hash in try String.fetchAll(db, sql: "SELECT hash FROM policy_versions") {
                snapshots[hash] = try snapshot(db, hash: hash)
            }
            return snapshots
        }
    }

    /// Re-decides the stored cases (of `kind`, created on or after `since`) with `candidate` and
    /// with the versions that decided them, and reports what would change. Writes nothing.
    public func replay(candidate: RulesSnapshot, kind: RequestKind? = nil, since: String? = nil,
                       threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                       progress: PolicyReplay.Progress? = nil) throws(StoreError) -> ReplayReport {
        let cases = try replayCases(kind: kind, since: since)
        let versions = try policySnapshots()
        do {
            return try PolicyReplay.run(cases, candidate: candidate, versions: versions, threads: threads, progress: progress)
        } catch {
            throw .policy(error)
        }
    }
}
