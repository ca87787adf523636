import Foundation
import PolicyEngine
import SalesDomain
import Testing
@testable import ApprovalStore

/// `submit` decides in a context holding only the master data the request looks up. It must
/// resolve every request exactly as the whole master data does — the same resolved request, the
/// same error — and store the same decision context.
@Suite("The context a submission is decided in")
struct RequestContextTests {
    /// The dry-run requests on the sample data, and variants naming what does not exist.
    static func requests() throws -> [Request] {
        var requests: [Request] = []
        for (testCase, _) in StoreJSONEquivalenceTests.cases where testCase.location.contains("rules/tests") {
            var request = testCase.request
            requests.append(request)
            request.customer = .id("K-9999")
            requests.append(request)
            request = testCase.request
            request.branch = "nowhere"
            requests.append(request)
            request = testCase.request
            request.submittedBy = "nobody"
            requests.append(request)
            request = testCase.request
            request.refs["quote"] = "QT-0000"
            requests.append(request)
            if case .contract(var contract) = request.document, !contract.lines.isEmpty {
                contract.lines[0].sku = "SP-99"
                request = testCase.request
                request.document = .contract(contract)
                requests.append(request)
            }
        }
        return requests
    }

    @Test("every request resolves the same in the smaller context as in the whole master data, errors included")
    func sameResolution() throws {
        let store = try TestSupport.store()
        let requests = try Self.requests()
        #expect(requests.count > 200)
        var resolvedCount = 0, refusedCount = 0
        try store.read { db in
            for request in requests {
                let small = Result { try store.requestContext(db, for: request) }
                let whole = Result { try store.context(db, for: request) }
                switch (small, whole) {
                case (.success(let small), .success(let whole)):
                    #expect(small.today == whole.today)
                    #expect(small.documents == whole.documents)
                    let rebuilt = try store.wholeContext(db, as: small)
                    #expect(rebuilt == whole)
                    switch (Result { try small.resolve(request) }, Result { try whole.resolve(request) }) {
                    case (.success(let a), .success(let b)):
                        resolvedCount += 1
                        #expect(a == b)
                        let stored = try StoreJSON.encode(Store.decisionContext(small, resolved: a))
                        #expect(stored == (try StoreJSON.encode(Store.decisionContext(whole, resolved: b))))
                    case (.failure(let a), .failure(let b)):
                        refusedCount += 1
                        #expect("\(a)" == "\(b)")
                    default:
                        Issue.record("resolves differently: \(request)")
                    }
                case (.failure(let a), .failure(let b)):
                    #expect("\(a)" == "\(b)")
                default:
                    Issue.record("context differs in success: \(request)")
                }
            }
        }
        #expect(resolvedCount > 30)
        #expect(refusedCount > 100)
    }

    @Test("unknown customers and products are refused by submit with the same messages as before")
    func unknownIDs() throws {
        let store = try TestSupport.store()
        let engine = try TestSupport.engine()
        let unknownCustomer = try TestSupport.request("""
        kind: visit_plan
        submitted_by: li.na
        customer: K-9999
        document:
          week_of: 2026-11-30
          visits:
            - { customer: K-0042, date: 2026-11-30, purpose: 回访喷雾机使用情况, key: true }
        """)
        var request = try TestSupport.contract()
        if case .contract(var contract) = request.document {
            contract.lines[1].sku = "SP-99"
            request.document = .contract(contract)
        }
        for (request, message) in [
            (unknownCustomer, #"test request:3: customer: no customer "K-9999" in the context"#),
            (request, #"test request:10: document.lines[1].sku: no product "SP-99" in the context"#),
        ] {
            #expect {
                try store.submit(request, engine: engine, as: request.submittedBy)
            } throws: { error in
                guard case StoreError.input(let input) = error else { return false }
                return "\(input)" == message
            }
        }
        #expect(try store.history().isEmpty)
    }
}
