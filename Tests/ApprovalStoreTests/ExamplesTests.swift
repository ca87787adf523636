import ApprovalStore
import Foundation
import SalesDomain
import Testing

/// The shipped examples stay usable: the factory data imports, and the README's flow works on it —
/// a contract deviating from its quote through sales manager and leadership, then shipment and
/// invoice against it; every other example request is accepted.
@Suite("Examples")
struct ExamplesTests {
    func example(_ name: String) throws -> Request {
        try InputDecoder.request(contentsOf: TestSupport.examples.appendingPathComponent("requests/\(name).yaml").path)
    }

    @Test("the whole flow on the example data")
    func flow() throws {
        let store = try Store(path: try TestSupport.databasePath(), timeZone: TestSupport.shanghai, clock: { TestSupport.noon })
        let summary = try store.importMasterData(file: TestSupport.examples.appendingPathComponent("data/factory.yaml").path,
                                                 actor: "admin")
        #expect(summary.users >= 12)
        let engine = try TestSupport.engine()

        let contract = try store.submit(try example("contract"), engine: engine, as: "li.na")
        #expect(contract.decision.stageRoles == [[.salesManager], [.leadership], [.customer], [.salesClerk]])
        #expect(!contract.decision.deviations.isEmpty)
        #expect(try store.inbox(for: "zhao.min").map(\.caseID) == [contract.caseID])
        try store.act(caseID: contract.caseID, action: .approve, as: "zhao.min")
        #expect(try store.inbox(for: "huang.wei").map(\.caseID) == [contract.caseID])
        try TestSupport.completeRoute(store, contract.caseID)

        for (name, submitter) in [("shipment", "zhou.li"), ("invoice", "li.na")] {
            let result = try store.submit(try example(name), engine: engine, as: submitter)
            #expect(result.decision.outcome == .route, "\(name)")
            try TestSupport.completeRoute(store, result.caseID)
            #expect(try store.show(caseID: result.caseID).record.state == .approved, "\(name)")
        }
        for (name, submitter) in [("visit_plan", "li.na"), ("tender", "wang.qiang"), ("quote", "li.na"),
                                  ("phone_order", "wang.qiang"), ("collection", "wang.qiang"), ("service", "li.na"),
                                  ("return", "wang.qiang")] {
            let result = try store.submit(try example(name), engine: engine, as: submitter)
            #expect(result.decision.outcome == .route, "\(name)")
            #expect(result.steps.contains { $0.state == .pending }, "\(name)")
        }
        #expect(try store.history().count == 10)
        #expect(try store.verifyAudit().ok)
    }
}

/// Master data in CSV files, one kind per file, importing into a store that already holds what
/// they refer to.
struct CSVImportTests {
    @Test func usersFromCSVReferToBranchesAlreadyStored() throws {
        let store = try TestSupport.store()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("signoff-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let users = directory.appendingPathComponent("users.csv")
        try "id,name,roles,branch\nqian.yi,钱一,salesperson;branch_clerk,east\n".write(to: users, atomically: true, encoding: .utf8)
        let summary = try store.importMasterData(file: users.path, actor: "admin")
        #expect(summary.users == 1)
        #expect(try store.user("qian.yi").roles == [.salesperson, .branchClerk])
        let bad = directory.appendingPathComponent("more-users.csv")
        try "id,name,roles,branch\nsun.er,孙二,salesperson,nowhere\n".write(to: bad, atomically: true, encoding: .utf8)
        #expect(throws: StoreError.self) { try store.importMasterData(file: bad.path, actor: "admin") }
        #expect(throws: StoreError.self) { try store.user("sun.er") }
    }
}
