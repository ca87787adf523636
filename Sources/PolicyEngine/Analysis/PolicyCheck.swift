import Foundation
import LuaRuntime
import SalesDomain

/// `signoff check`: everything that can be known about a rules directory before it goes live.
///
/// - every script compiles (syntax errors with `file:line`);
/// - no script reads a global that does not exist (a typo such as `aprove` or `treshold`), calls
///   an unknown library function (`string.fomat`), or assigns a global (state must be local);
/// - every request kind has a script and at least one dry-run case;
/// - on the dry-run cases, every script returns a well-formed decision (no policy failure where
///   none is expected) and every reason code has a Chinese and an English text with all its
///   `{placeholders}` filled.
public enum PolicyCheck {
    public static func run(directory: String) -> [PolicyFinding] {
        let rules: RulesSnapshot
        do {
            rules = try RulesSnapshot.load(directory: directory)
        } catch {
            return [PolicyFinding(file: directory, message: "\(error)")]
        }
        var findings = staticFindings(rules)
        let caseDirectory = (directory as NSString).appendingPathComponent("tests")
        findings += dynamicFindings(rules, caseDirectory: caseDirectory, compiled: findings.isEmpty)
        return findings.sorted()
    }

    /// Compilation, globals and library functions, and a script per kind.
    static func staticFindings(_ rules: RulesSnapshot) -> [PolicyFinding] {
        var findings: [PolicyFinding] = []
        let lua: LuaState
        do { lua = try LuaState() } catch { return [PolicyFinding(file: rules.directory, message: "\(error)")] }
        var known = SandboxNames.base.union(SandboxNames.host)
        if let driver = try? lua.compile(String(decoding: PackageResources.driver_lua, as: UTF8.self), chunkName: "driver.lua"),
            let code = try? LuaBytecode(lua.bytecode(of: driver))
        {
            known.formUnion(code.globals.filter(\.isWrite).map(\.name))
        }
        for name in rules.modules.keys.sorted() {
            guard let module = rules.modules[name] else { continue }
            let chunk: LuaChunk
            do {
                chunk = try lua.compile(module.text, chunkName: module.chunkName)
            } catch {
                let script = error.scriptError
                findings.append(PolicyFinding(file: module.chunkName, line: script?.line, message: script?.message ?? "\(error)"))
                continue
            }
            let code: LuaBytecode
            do {
                code = try LuaBytecode(lua.bytecode(of: chunk))
            } catch {
                findings.append(PolicyFinding(file: module.chunkName, message: "\(error)"))
                continue
            }
            var reported = Set<String>()
            for access in code.globals where !reported.contains("\(access.name):\(access.line):\(access.isWrite)") {
                reported.insert("\(access.name):\(access.line):\(access.isWrite)")
                if access.isWrite {
                    findings.append(PolicyFinding(
                        file: module.chunkName, line: access.line,
                        message: "assigns global '\(access.name)'; declare it local (globals are not shared between files)"))
                } else if !known.contains(access.name) {
                    findings.append(PolicyFinding(
                        file: module.chunkName, line: access.line,
                        message: "unknown name '\(access.name)' (a typo, or a missing 'local'?)"))
                }
            }
            for field in code.globalFields {
                if let members = SandboxNames.libraries[field.base], !members.contains(field.field) {
                    findings.append(PolicyFinding(
                        file: module.chunkName, line: field.line,
                        message: "unknown function \(field.base).\(field.field)"))
                }
            }
        }
        for kind in RequestKind.allCases where rules.modules[kind.rawValue] == nil {
            findings.append(PolicyFinding(file: "\(kind.rawValue).lua", message: "no script for request kind '\(kind.rawValue)'"))
        }
        if rules.modules["messages"] == nil {
            findings.append(PolicyFinding(file: "messages.lua", message: "no reason texts (messages.lua is missing)"))
        }
        return findings
    }

    /// Dry-run cases per kind, and what the scripts return on them.
    static func dynamicFindings(_ rules: RulesSnapshot, caseDirectory: String, compiled: Bool) -> [PolicyFinding] {
        var findings: [PolicyFinding] = []
        var cases: [PolicyTestCase] = []
        let files = (try? PolicyTestRun.caseFiles(in: caseDirectory)) ?? []
        var contexts: [String: PolicyContext] = [:]
        for file in files {
            do { cases += try PolicyTestCase.load(file: file, contexts: &contexts) } catch {
                findings.append(PolicyFinding(file: error.file, line: error.line, message: "\(error.path): \(error.message)"))
            }
        }
        let covered = Set(cases.map(\.request.kind))
        for kind in RequestKind.allCases where !covered.contains(kind) {
            findings.append(PolicyFinding(file: "tests/", message: "no dry-run case for request kind '\(kind.rawValue)'"))
        }
        guard compiled, let engine = try? PolicyEngine(rules: rules) else { return findings }
        var missingText = Set<String>()
        for testCase in cases {
            for language in Language.allCases {
                guard let decision = try? engine.decide(testCase.request, context: testCase.context, language: language) else {
                    continue  // an invalid case file: `signoff test` reports it
                }
                if decision.outcome == .manualReview && testCase.expectation.outcome != .manualReview {
                    let at = decision.route.first?.steps.first?.reasons.first?.at
                    let (file, line) = split(at)
                    findings.append(PolicyFinding(
                        file: file ?? testCase.location, line: line,
                        message: "the policy failed on case '\(testCase.name)': \(decision.error ?? "")"))
                    break
                }
                let reasons = decision.route.flatMap { $0.steps.flatMap { $0.reasons.map { ($0.code, $0.facts, $0.at) } } }
                    + decision.escalations.map { ($0.code, $0.facts, $0.at) }
                    + decision.deviations.map { ($0.code, $0.facts, $0.at) }
                    + decision.blocks.map { ($0.code, $0.facts, $0.at) }
                for (code, facts, at) in reasons {
                    let (file, line) = split(at)
                    if engine.messages.templates[code]?[language] == nil {
                        if missingText.insert("\(code)/\(language)").inserted {
                            findings.append(PolicyFinding(
                                file: file ?? "messages.lua", line: line,
                                message: "reason code '\(code)' has no \(language == .zh ? "Chinese" : "English") text in messages.lua"))
                        }
                        continue
                    }
                    let missing = engine.messages.missingFacts(code, facts: facts, language: language)
                    if !missing.isEmpty, missingText.insert("\(code)/\(language)/fill").inserted {
                        findings.append(PolicyFinding(
                            file: file ?? "messages.lua", line: line, severity: .warning,
                            message: "the \(language == .zh ? "Chinese" : "English") text of '\(code)' names "
                                + missing.map { "{\($0)}" }.joined(separator: ", ") + " but the rule gives no such fact"))
                    }
                }
            }
        }
        return findings
    }

    private static func split(_ location: String?) -> (String?, Int?) {
        guard let location, let colon = location.lastIndex(of: ":"), let line = Int(location[location.index(after: colon)...]) else {
            return (location, nil)
        }
        return (String(location[..<colon]), line)
    }
}
