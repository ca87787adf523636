import Foundation
import PolicyEngine

/// The results of decoding stored cases on several threads: one slot per case, each written by
/// exactly one thread, read once all are done.
final class ReplaySlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<ReplayCase, StoreError>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<ReplayCase, StoreError>) {
        lock.withLock { slots[index] = result }
    }

    /// The cases in order, or the first failure in that order.
    func results() throws(StoreError) -> [ReplayCase] {
        let all = lock.withLock { slots }
        var cases: [ReplayCase] = []
        cases.reserveCapacity(all.count)
        for slot in all {
            switch slot {
            case .success(let replayCase)?: cases.append(replayCase)
            case .failure(let error)?: throw error
            case nil: throw StoreError.damagedRow(table: "cases", id: "?", detail: "not decoded")
            }
        }
        return cases
    }
}
