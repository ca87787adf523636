import LuaRuntime
import Money
import SalesDomain

/// Decides requests with one policy version. Compiles every rules module and installs the
/// driver's helpers once; each decision then runs in a fresh, isolated environment of the same
/// Lua state (modules run afresh in it, so no decision sees another's changes).
///
/// A policy that fails in any way (an error, a loop, too much memory, a malformed result, no
/// route at all) never approves: the decision is `manual_review`, routed to the sales manager and
/// then leadership, with the failure and its `file:line` among the reasons.
///
/// Not thread-safe (it owns a `LuaState`): use one engine per thread.
public final class PolicyEngine {
    public let rules: RulesSnapshot
    public let messages: MessageCatalog
    /// Limits for each decision.
    public var limits: LuaLimits
    let lua: LuaState
    /// What each decision runs: `return __signoff_decide(request)`, the installed driver's entry.
    private let driver: LuaChunk

    /// - Parameter recordingCoverage: record which policy lines run (from loading `messages.lua`
    ///   on), for `coverage()`; dry runs only, it costs a hook call per line.
    public init(rules: RulesSnapshot, limits: LuaLimits = .default, recordingCoverage: Bool = false) throws(PolicyError) {
        self.rules = rules
        self.limits = limits
        do {
            lua = try LuaState(modules: InMemoryModuleLoader(modules: rules.modules), limits: limits)
            lua.recordCoverage(recordingCoverage)
            // Compile every module now, so syntax errors name file and line at load, not at first
            // use; `require` then runs these chunks instead of compiling the files again.
            for name in rules.modules.keys.sorted() {
                guard let module = rules.modules[name] else { continue }
                try lua.preload(lua.compile(module.text, chunkName: module.chunkName), asModule: name)
            }
            try lua.install(lua.compile(String(decoding: PackageResources.driver_lua, as: UTF8.self), chunkName: "driver.lua"))
            driver = try lua.compile("return __signoff_decide(request)", chunkName: "(decide)")
            let loader = try lua.compile("return require 'messages'", chunkName: "(messages)")
            messages = try MessageCatalog(lua.run(loader).first)
            lua.collectGarbage()
        } catch let error as LuaError {
            throw .script(error)
        } catch let error as PolicyError {
            throw error
        } catch {
            throw .script(.host("\(error)"))
        }
    }

    /// Reads the rules directory and starts an engine on it.
    public convenience init(directory: String, limits: LuaLimits = .default, recordingCoverage: Bool = false) throws(PolicyError) {
        try self.init(rules: RulesSnapshot.load(directory: directory), limits: limits, recordingCoverage: recordingCoverage)
    }

    /// Resolves the request against the context, then decides it.
    /// - Throws: `PolicyError.input` when the request names unknown users, customers, products or
    ///   documents, or its figures overflow. Policy failures do not throw (see the type's doc).
    public func decide(_ request: Request, context: PolicyContext, language: Language = .zh) throws(PolicyError) -> Decision {
        let resolved: ResolvedRequest
        do { resolved = try context.resolve(request) } catch { throw .input(error) }
        return try decide(resolved, language: language)
    }

    public func decide(_ resolved: ResolvedRequest, language: Language = .zh) throws(PolicyError) -> Decision {
        let input: PolicyInput
        do {
            input = try PolicyInput(resolved)
        } catch {
            throw .input(InputError(file: resolved.request.origin.file ?? "request", category: .invalidValue,
                                    message: "the request's amounts overflow: \(error)"))
        }
        let output: PolicyOutput
        do {
            // Read in place from the result bytes: no `LuaValue` tree for the decision table.
            output = try lua.run(driver, globals: input.globals, limits: limits) { decision throws(LuaError) in
                try PolicyOutput(decision)
            }
        } catch {
            return manualReview(for: error, language: language)
        }
        let assembler = DecisionAssembler(messages: messages, language: language, policy: rules.hash)
        do {
            return try assembler.assemble(output)
        } catch {
            return manualReview(for: LuaError.value(error.description), language: language)
        }
    }

    /// The fail-safe route: the sales manager, then leadership, told what went wrong and where.
    func manualReview(for error: LuaError, language: Language) -> Decision {
        let location = error.scriptError?.location
        let detail = "\(error)"
        let facts: [String: FactValue] = ["error": .text(detail)]
        let text = language == .zh
            ? "策略执行失败，须人工审核：\(detail)"
            : "The policy failed; manual review required: \(detail)"
        let reason = Reason(code: "policy.failed", text: text, facts: facts, at: location)
        return Decision(
            outcome: .manualReview,
            route: [
                Stage(name: "manual_review", steps: [Step(role: .salesManager, action: .approve, reasons: [reason])]),
                Stage(name: "leadership", steps: [Step(role: .leadership, action: .approve, reasons: [reason])]),
            ],
            policy: rules.hash, error: detail)
    }
}
