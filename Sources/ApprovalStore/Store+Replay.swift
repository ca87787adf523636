import Foundation
import GRDB
import PolicyEngine
import SalesDomain

extension Store {
    /// The stored cases for replay, oldest first: each as last decided, with the context it was
    /// decided in (rebuilt from today's data for cases stored before contexts were kept).
    /// Reads only.
    ///
    /// The rows are read in one transaction, but their JSON (request and decision, the bulk of
    /// the work for a large history) is decoded afterwards on every core.
    public func replayCases(kind: RequestKind? = nil, since: String? = nil,
                            threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws(StoreError) -> [ReplayCase] {
        let pending: [PendingCase] = try read { db in
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
                let stored: String? = try row.decode(forColumn: "decided_context")
                guard stored == nil else { return .row(row, context: stored) }
                // Rebuilding a context needs the database: decode this (older) case right here.
                let record = try Self.caseRecord(row)
                var replayCase = ReplayCase(id: record.id, kind: record.kind, createdAt: record.createdAt,
                                            request: record.request, context: nil, decision: record.decision,
                                            policy: record.policy)
                do {
                    replayCase.context = try context(db, for: record.request, excluding: record.id)
                    replayCase.contextReconstructed = true
                } catch {
                    replayCase.contextNote = "stored before contexts were kept, and today's data cannot rebuild it: \(error)"
                }
                return .decoded(replayCase)
            }
        }
        return try Self.decodeAll(pending, threads: threads, path: path)
    }

    /// A case read from the database, its JSON not decoded yet (or already decoded).
    /// Unchecked: `Row.fetchAll` rows are copies detached from their statement, and each is read
    /// by one thread only.
    enum PendingCase: @unchecked Sendable {
        case row(Row, context: String?)
        case decoded(ReplayCase)
    }

    /// Decodes the pending cases on `threads` cores, keeping their order; the first damaged row
    /// (in that order) is the error, as a sequential decode would report it.
    static func decodeAll(_ pending: [PendingCase], threads: Int, path: String) throws(StoreError) -> [ReplayCase] {
        let slots = ReplaySlots(count: pending.count)
        let workers = max(1, min(threads, pending.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < pending.count {
                switch pending[index] {
                case .decoded(let replayCase):
                    slots.set(index, .success(replayCase))
                case .row(let row, let context):
                    do {
                        let record = try caseRecord(row)
                        slots.set(index, .success(ReplayCase(
                            id: record.id, kind: record.kind, createdAt: record.createdAt, request: record.request,
                            context: nil, contextJSON: context, decision: record.decision, policy: record.policy)))
                    } catch {
                        slots.set(index, .failure(StoreError.wrap(error, path: path)))
                    }
                }
                index += workers
            }
        }
        return try slots.results()
    }

    /// Every policy version the store keeps, by hash.
    public func policySnapshots() throws(StoreError) -> [String: RulesSnapshot] {
        try read { db in
            var snapshots: [String: RulesSnapshot] = [:]
            for hash in try String.fetchAll(db.cachedStatement(sql: "SELECT hash FROM policy_versions")) {
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
        let cases = try replayCases(kind: kind, since: since, threads: threads)
        let versions = try policySnapshots()
        do {
            return try PolicyReplay.run(cases, candidate: candidate, versions: versions, threads: threads, progress: progress)
        } catch {
            throw .policy(error)
        }
    }
}
