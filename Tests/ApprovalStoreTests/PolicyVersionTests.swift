import ApprovalStore
import Foundation
import PolicyEngine
import SalesDomain
import Testing

@Suite("Policy versions and policy changes under leadership's approval")
struct PolicyVersionTests {
    @Test("a submission keeps the version that decided it: files, hash, first use, cases decided")
    func recorded() throws {
        let store = try PolicySupport.store(clock: TestClock(TestSupport.noon))
        #expect(try store.policyVersions().isEmpty)
        #expect(try store.activePolicy() == nil)
        let result = try store.submit(try TestSupport.contract(), engine: try TestSupport.engine(), as: "li.na")
        #expect(result.decision.policy == PolicySupport.shipped.hash)
        let versions = try store.policyVersions()
        #expect(versions.count == 1)
        let version = try #require(versions.first)
        #expect(version.hash == PolicySupport.shipped.hash)
        #expect(version.state == .recorded)
        #expect(version.casesDecided == 1)
        #expect(version.firstUsed != nil)
        #expect(version.files.contains("contract.lua") && version.files.contains("thresholds.lua"))
        // The stored files rebuild the very same version.
        let snapshot = try #require(try store.policySnapshot(hash: version.hash))
        #expect(snapshot.hash == PolicySupport.shipped.hash)
        #expect(snapshot.modules == PolicySupport.shipped.modules)
        #expect(try store.policyVersion(hash: version.shortHash)?.hash == version.hash)
        #expect(try store.verifyAudit().ok)
    }

    @Test("a proposal needs leadership, not the proposer; it becomes active on its date; open cases keep their version")
    func proposeApproveActivate() throws {
        let clock = TestClock(TestSupport.noon)   // 2026-11-29
        let store = try PolicySupport.store(clock: clock)
        // A second leadership user, who proposes the change himself.
        try store.importMasterData(PolicyContext(users: [User(id: "gao.yan", name: "高岩", roles: [.leadership])]),
                                   source: "org", actor: "admin")
        let shipped = try TestSupport.engine()
        let open = try store.submit(try PolicySupport.contract("CT-2026-0480", quantity: 4, price: "120000.00"),
                                    engine: shipped, as: "li.na")
        #expect(open.decision.stageRoles.contains([.leadership]) == false)

        let candidate = PolicySupport.majorAmount("450000.00")
        let effective = try Day(parsing: "2026-12-01")
        #expect {
            _ = try store.proposePolicy(candidate, effective: try Day(parsing: "2026-11-28"),
                                        reports: PolicySupport.emptyReports, as: "gao.yan")
        } throws: { error in
            if case StoreError.input = error { true } else { false }
        }
        let change = try store.proposePolicy(candidate, effective: effective, reports: PolicySupport.emptyReports,
                                             as: "gao.yan")
        #expect(change.id == "PC-2026-0001")
        #expect(change.state == .open)
        #expect(try store.policyVersion(hash: candidate.hash)?.state == .proposed)

        // Not the proposer, not a non-leader.
        #expect {
            _ = try store.approvePolicyChange(change.id, as: "gao.yan")
        } throws: { error in
            if case StoreError.ownRequest(user: "gao.yan", caseID: "PC-2026-0001") = error { true } else { false }
        }
        #expect {
            _ = try store.approvePolicyChange(change.id, as: "zhao.min")
        } throws: { error in
            if case StoreError.notYourRole(user: "zhao.min", role: .leadership, caseID: "PC-2026-0001", step: _) = error {
                true
            } else { false }
        }
        #expect(try store.activePolicy() == nil)

        let approved = try store.approvePolicyChange(change.id, as: "huang.wei", comment: "同意")
        #expect(approved.state == .approved)
        #expect(approved.activeFrom == "2026-12-01")
        #expect {
            _ = try store.approvePolicyChange(change.id, as: "huang.wei")
        } throws: { error in
            if case StoreError.caseClosed(caseID: "PC-2026-0001", state: .approved) = error { true } else { false }
        }

        // Before its date the shipped policy still decides, and the candidate may not.
        #expect(try store.activePolicy() == nil)
        #expect(try store.activePolicy(on: effective)?.hash == candidate.hash)
        let before = try store.submit(try PolicySupport.contract("CT-2026-0481", quantity: 4, price: "120000.00"),
                                      engine: shipped, as: "li.na")
        #expect(before.decision.policy == PolicySupport.shipped.hash)

        // On its date it is the active policy: new submissions carry its hash.
        clock.advance(hours: 48)
        let active = try #require(try store.activePolicy())
        #expect(active.hash == candidate.hash)
        #expect {
            _ = try store.submit(try PolicySupport.contract("CT-2026-0482", quantity: 4, price: "120000.00"),
                                 engine: shipped, as: "li.na")
        } throws: { error in
            if case StoreError.policy(.rules) = error { true } else { false }
        }
        let after = try store.submit(try PolicySupport.contract("CT-2026-0482", quantity: 4, price: "120000.00"),
                                     engine: try PolicyEngine(rules: active), as: "li.na")
        #expect(after.decision.policy == candidate.hash)
        #expect(after.decision.stageRoles.contains([.leadership]))

        // Cases already open keep the version that routed them.
        #expect(try store.show(caseID: "CT-2026-0480").record.policy == PolicySupport.shipped.hash)
        #expect(try store.show(caseID: "CT-2026-0481").record.policy == PolicySupport.shipped.hash)
        #expect(try store.show(caseID: "CT-2026-0480").record.decision.stageRoles.contains([.leadership]) == false)

        // An amendment is a new decision: the active policy decides it (and only the active one).
        let amended = try PolicySupport.contract("CT-2026-0481", quantity: 4, price: "121000.00")
        #expect {
            _ = try store.amend(caseID: "CT-2026-0481", with: amended, engine: shipped, as: "li.na")
        } throws: { error in
            if case StoreError.policy(.rules) = error { true } else { false }
        }
        let revised = try store.amend(caseID: "CT-2026-0481", with: amended, engine: try PolicyEngine(rules: active),
                                      as: "li.na")
        #expect(revised.decision.policy == candidate.hash)
        #expect(try store.show(caseID: "CT-2026-0481").record.policy == candidate.hash)
        #expect(try store.decisionContext(caseID: "CT-2026-0481", revision: 2) != nil)
        #expect(try store.decisionContext(caseID: "CT-2026-0481", revision: 1) != nil)

        // The log lists both versions.
        let log = try store.policyVersions()
        #expect(log.map(\.hash) == [PolicySupport.shipped.hash, candidate.hash])
        #expect(log[0].state == .recorded && log[0].casesDecided == 2)   // CT-2026-0481's first revision too
        #expect(log[1].state == .approved)
        #expect(log[1].proposedBy == "gao.yan" && log[1].approvedBy == "huang.wei")
        #expect(log[1].activeFrom == "2026-12-01" && log[1].activeUntil == nil)
        #expect(log[1].casesDecided == 2)
        #expect(log[1].changes == ["PC-2026-0001"])
        #expect(try store.activePolicyVersion()?.hash == candidate.hash)

        // Replay of the stored history against the active version: only the case still decided by the old one.
        let replay = try store.replay(candidate: active)
        #expect(replay.group(.contract, ReplayChange(.newlyNeeds, role: .leadership, code: "contract.major_amount"))?.cases
                == ["CT-2026-0480"])
        #expect(replay.versions.count == 2)

        let events = try store.show(caseID: "CT-2026-0480").timeline.map(\.event)
        #expect(events.first == "case.submitted")
        #expect(try store.verifyAudit().ok)
    }

    @Test("a later approved version ends the earlier one's period; a rejected one never activates")
    func periods() throws {
        let clock = TestClock(TestSupport.noon)
        let store = try PolicySupport.store(clock: clock)
        let first = PolicySupport.majorAmount("450000.00")
        let second = PolicySupport.majorAmount("400000.00")
        let third = PolicySupport.majorAmount("350000.00")
        let a = try store.proposePolicy(first, effective: try Day(parsing: "2026-12-01"), reports: PolicySupport.emptyReports,
                                        as: "li.na")
        _ = try store.approvePolicyChange(a.id, as: "huang.wei")
        let b = try store.proposePolicy(second, effective: try Day(parsing: "2027-01-01"), reports: PolicySupport.emptyReports,
                                        as: "li.na")
        #expect {
            _ = try store.proposePolicy(second, effective: try Day(parsing: "2027-02-01"), reports: PolicySupport.emptyReports,
                                        as: "li.na")
        } throws: { error in
            if case StoreError.input = error { true } else { false }
        }
        _ = try store.approvePolicyChange(b.id, as: "huang.wei")
        let c = try store.proposePolicy(third, effective: try Day(parsing: "2026-12-15"), reports: PolicySupport.emptyReports,
                                        as: "li.na")
        let rejected = try store.rejectPolicyChange(c.id, as: "huang.wei", comment: "太低")
        #expect(rejected.state == .rejected)

        #expect(try store.activePolicy(on: try Day(parsing: "2026-11-30")) == nil)
        #expect(try store.activePolicy(on: try Day(parsing: "2026-12-20"))?.hash == first.hash)
        #expect(try store.activePolicy(on: try Day(parsing: "2027-01-01"))?.hash == second.hash)
        #expect(try store.policyVersion(hash: first.hash)?.activeUntil == "2026-12-31")
        #expect(try store.policyVersion(hash: second.hash)?.activeUntil == nil)
        #expect(try store.policyVersion(hash: third.hash)?.state == .rejected)
        #expect(try store.policyChanges().map(\.id) == ["PC-2026-0001", "PC-2026-0002", "PC-2026-0003"])
        #expect(try store.verifyAudit().ok)
    }
}
