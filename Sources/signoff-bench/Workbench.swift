// What the sections share: the shipped rules, the master data, and seeded request pools.
import Foundation
import PolicyEngine
import SalesDomain
import Workload

/// Requests of one kind (or a mix) with a label for the tables.
struct RequestGroup {
    var label: String
    var requests: [Request]
}

/// The generated workload: the context every request resolves in, a pool per kind, a pool of
/// 10-line contracts, and a weighted mix of every kind for the throughput sections.
struct Pools {
    var context: PolicyContext
    var contract10: RequestGroup
    var kinds: [RequestGroup]
    var mix: RequestGroup
}

final class Workbench {
    let options: Options
    let rulesDirectory: String
    let driverPath = "Sources/PolicyEngine/Lua/driver.lua"

    init(options: Options) {
        self.options = options
        rulesDirectory = options.string("--rules", "rules")
    }

    var seed: UInt64 { UInt64(options.int("--seed", 2024)) }
    var masterPath: String { options.string("--master", "examples/data/factory.yaml") }

    private var cachedRules: RulesSnapshot?
    private var cachedMaster: PolicyContext?
    private var cachedPools: Pools?

    /// The shipped rules as the engine loads them.
    func rules() throws -> RulesSnapshot {
        if let cachedRules { return cachedRules }
        let rules = try RulesSnapshot.load(directory: rulesDirectory)
        cachedRules = rules
        return rules
    }

    func master() throws -> PolicyContext {
        if let cachedMaster { return cachedMaster }
        let context = try InputDecoder.context(contentsOf: masterPath)
        cachedMaster = context
        return context
    }

    /// A generator over the master data: 200 generated quotes and as many contracts.
    func generator(seed: UInt64) throws -> RequestGenerator {
        RequestGenerator(seed: seed, master: try master(), documents: 200)
    }

    /// The pools (built once, checked: every request resolves and is decided without a policy failure).
    func pools() throws -> Pools {
        if let cachedPools { return cachedPools }
        var generator = try generator(seed: seed)
        let context = generator.context
        let engine = try PolicyEngine(rules: rules())
        let size = options.int("--pool", 64)
        func usable(_ request: Request) -> Bool {
            guard let decision = try? engine.decide(request, context: context) else { return false }
            return decision.outcome != .manualReview
        }
        var rejected = 0
        var kinds: [RequestGroup] = []
        for kind in RequestKind.allCases {
            var requests: [Request] = []
            var attempts = 0
            while requests.count < size, attempts < size * 20 {
                attempts += 1
                let request = generator.request(kind)
                if usable(request) { requests.append(request) } else { rejected += 1 }
            }
            kinds.append(RequestGroup(label: kind.rawValue, requests: requests))
        }
        var tens: [Request] = []
        var attempts = 0
        while tens.count < size, attempts < 100_000 {
            attempts += 1
            let request = generator.request(.contract)
            if request.document.lines.count == 10, usable(request) { tens.append(request) }
        }
        if tens.isEmpty { throw BenchError("no 10-line contracts after \(attempts) attempts") }
        var mix: [Request] = []
        let mixSize = options.int("--mix", 1024)
        while mix.count < mixSize {
            let request = generator.anyRequest()
            if usable(request) { mix.append(request) } else { rejected += 1 }
        }
        if rejected > 0 { print("  (workload: \(rejected) generated requests left out: unresolvable or manual review)") }
        let pools = Pools(context: context, contract10: RequestGroup(label: "contract, 10 lines", requests: tens),
                          kinds: kinds, mix: RequestGroup(label: "mix", requests: mix))
        cachedPools = pools
        return pools
    }
}
