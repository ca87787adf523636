import ApprovalStore
import ArgumentParser
import Foundation
import PolicyEngine
import SalesDomain

/// `signoff policy …`: policy versions and changes of live policy under leadership's approval.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Propose, approve and list policy versions (live policy changes only with leadership's approval).",
        discussion: """
            The store keeps every policy version that decided a case (its files and hash). Once a \
            proposal is approved, submit and amend decide with the store's active policy (--rules \
            is then ignored); cases already open keep the version that routed them.
            """,
        subcommands: [PolicyProposeCommand.self, PolicyApproveCommand.self, PolicyRejectCommand.self,
                      PolicyLogCommand.self, PolicyShowCommand.self]
    )
}

/// `signoff policy propose DIR --effective DATE --as USER`
struct PolicyProposeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "propose",
        abstract: "Propose a rules directory as the policy from a date: check, test and replay it, for leadership.",
        discussion: """
            Runs `check` and the dry-run cases (DIR/tests) — a proposal must pass both — and \
            replays the stored cases with it; the reports are kept with the proposal. Leadership \
            (not the proposer) approves it with `signoff policy approve ID`. Exit 1 when check or \
            a dry-run case fails (nothing is stored).
            """
    )

    @Argument(help: ArgumentHelp("The candidate rules directory.", valueName: "dir"))
    var directory: String

    @Option(help: ArgumentHelp("The first day it decides (YYYY-MM-DD).", valueName: "date"))
    var effective: String

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if Day(parsingOrNil: effective) == nil {
            throw ValidationError("--effective: expected a date YYYY-MM-DD, got \"\(effective)\"")
        }
    }

    func run() throws {
        let user = try store.requireUser()
        guard let day = Day(parsingOrNil: effective) else { throw ExitCode(64) }
        let rules: RulesSnapshot
        let engine: PolicyEngine
        do {
            rules = try RulesSnapshot.load(directory: directory)
            engine = try PolicyEngine(rules: rules)
        } catch {
            Console.error("\(error)")
            throw SignoffExit.badRules
        }
        let db = try store.open()
        let findings = PolicyCheck.run(directory: directory)
        let errors = findings.filter { $0.severity == .error }.count
        let check = PolicyChangeReports.Check(errors: errors, warnings: findings.count - errors,
                                              findings: findings.map(\.description))
        let caseFiles = (try? PolicyTestRun.caseFiles(in: (directory as NSString).appendingPathComponent("tests"))) ?? []
        let run = PolicyTestRun.run(files: caseFiles, engine: engine)
        let test = PolicyChangeReports.Test(
            passed: run.passed, failed: run.failed,
            failures: run.fileErrors + run.failures.map { "\($0.name) (\($0.location)): " + $0.problems.joined(separator: "; ") })
        let zh = output.language == .zh
        if errors > 0 || run.failed > 0 || caseFiles.isEmpty {
            for line in check.findings { Console.out(line) }
            for line in test.failures { Console.out("FAIL " + line) }
            Console.error(caseFiles.isEmpty
                ? "\(directory)/tests has no dry-run cases; a proposal must pass check and its dry-run cases. Nothing was stored."
                : "\(errors) check errors, \(run.failed) failing dry-run cases: fix them before proposing. Nothing was stored.")
            throw ExitCode(1)
        }
        let replay: ReplayReport
        do { replay = try db.replay(candidate: rules) } catch { throw StoreExit.report(error) }
        // What was checked must be what is proposed.
        guard (try? RulesSnapshot.load(directory: directory))?.hash == rules.hash else {
            Console.error("\(directory) changed while it was being checked; nothing was stored. Propose again.")
            throw ExitCode(1)
        }
        let change: PolicyChange
        do {
            change = try db.proposePolicy(rules, effective: day, reports: .init(check: check, test: test, replay: replay),
                                          as: user)
        } catch {
            throw StoreExit.report(error)
        }
        switch output.format {
        case .json:
            Console.out(try StoreJSONOutput.render(change))
        case .table:
            Console.out((zh ? "已提议 \(change.id)：策略 \(change.shortHash) 自 \(change.effective) 起生效，待公司领导审批"
                            : "Proposed \(change.id): policy \(change.shortHash) from \(change.effective), waiting for leadership")
                        + "\n  signoff policy approve \(change.id) --as USER\n\n"
                        + PolicyShowCommand.reports(change.reports, language: output.language))
        }
    }
}

/// `signoff policy approve ID --as USER`
struct PolicyApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Leadership approves a policy change: it becomes active on its date.")

    @Argument(help: ArgumentHelp("The policy change id (PC-…).", valueName: "id")) var id: String
    @Option(help: "A comment for the record.") var comment: String?
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let user = try store.requireUser()
        let db = try store.open()
        let change: PolicyChange
        do { change = try db.approvePolicyChange(id, as: user, comment: comment) } catch { throw StoreExit.report(error) }
        PolicyShowCommand.print(change, store: db, output: output)
    }
}

/// `signoff policy reject ID --as USER`
struct PolicyRejectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reject",
        abstract: "Leadership rejects a policy change.")

    @Argument(help: ArgumentHelp("The policy change id (PC-…).", valueName: "id")) var id: String
    @Option(help: "Why.") var comment: String?
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let user = try store.requireUser()
        let db = try store.open()
        let change: PolicyChange
        do { change = try db.rejectPolicyChange(id, as: user, comment: comment) } catch { throw StoreExit.report(error) }
        PolicyShowCommand.print(change, store: db, output: output)
    }
}

/// `signoff policy log`
struct PolicyLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "List the policy versions: who proposed and approved them, active from/to, cases decided.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let db = try store.open()
        let versions: [PolicyVersion]
        let active: PolicyVersion?
        do {
            versions = try db.policyVersions()
            active = try db.activePolicyVersion()
        } catch {
            throw StoreExit.report(error)
        }
        switch output.format {
        case .json:
            Console.out(try StoreJSONOutput.render(versions))
        case .table:
            let zh = output.language == .zh
            var table = TextTable(zh ? ["策略", "状态", "提议人", "批准人", "生效", "截止", "首次使用", "案件", "变更"]
                                     : ["policy", "state", "proposed by", "approved by", "active from", "active until",
                                        "first used", "cases", "changes"])
            for v in versions {
                let state = v.state.rawValue + (v.hash == active?.hash ? (zh ? "（当前）" : " (active)") : "")
                table.add([v.shortHash, state, v.proposedBy ?? "—", v.approvedBy ?? "—", v.activeFrom ?? "—",
                           v.activeUntil ?? "—", v.firstUsed ?? "—", String(v.casesDecided),
                           v.changes.joined(separator: ", ")])
            }
            var out = [(zh ? "共 \(versions.count) 个策略版本" : "\(versions.count) policy version(s)") + "\n" + table.render()]
            let today = db.currentDay?.description ?? ""
            if active == nil {
                out.append(zh ? "尚无生效的已批准策略：submit 与 amend 使用 --rules（或 $SIGNOFF_RULES、./rules）。"
                              : "No approved policy is active yet: submit and amend use --rules ($SIGNOFF_RULES, ./rules).")
            }
            for v in versions where v.state == .approved && (v.activeFrom ?? "") > today {
                out.append(zh ? "\(v.shortHash) 将于 \(v.activeFrom ?? "") 生效。" : "\(v.shortHash) becomes active on \(v.activeFrom ?? "").")
            }
            Console.out(out.joined(separator: "\n"))
        }
    }
}

/// `signoff policy show ID`
struct PolicyShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a policy change with its check, test and replay reports.")

    @Argument(help: ArgumentHelp("The policy change id (PC-…).", valueName: "id")) var id: String
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let db = try store.open()
        let change: PolicyChange
        do { change = try db.policyChange(id) } catch { throw StoreExit.report(error) }
        Self.print(change, store: db, output: output)
    }

    static func print(_ change: PolicyChange, store: Store, output: OutputOptions) {
        switch output.format {
        case .json:
            if let text = try? StoreJSONOutput.render(change) { Console.out(text) }
        case .table:
            let zh = output.language == .zh
            var out = ["\(change.id)  policy_change  \(change.state.rawValue)"]
            out.append((zh ? "策略 " : "policy ") + change.shortHash + (zh ? "  提议人 " : "  proposed by ") + change.proposedBy
                       + (zh ? "  申请生效 " : "  effective ") + change.effective + (zh ? "  提议于 " : "  proposed ") + change.createdAt)
            if let by = change.decidedBy {
                let verb = change.state == .approved ? (zh ? "批准" : "approved") : (zh ? "否决" : "rejected")
                var line = "\(verb) \(zh ? "人 " : "by ")\(by) \(change.decidedAt ?? "")"
                if let from = change.activeFrom { line += zh ? "  自 \(from) 起生效" : "  active from \(from)" }
                if let comment = change.comment { line += "  “\(comment)”" }
                out.append(line)
            }
            out.append("")
            out.append(reports(change.reports, language: output.language))
            Console.out(out.joined(separator: "\n"))
        }
    }

    static func reports(_ reports: PolicyChangeReports, language: Language) -> String {
        let zh = language == .zh
        var out: [String] = []
        out.append(zh ? "检查：\(reports.check.errors) 个错误，\(reports.check.warnings) 个警告"
                      : "check: \(reports.check.errors) errors, \(reports.check.warnings) warnings")
        out += reports.check.findings.map { "  " + $0 }
        out.append(zh ? "试运行：\(reports.test.passed) 通过，\(reports.test.failed) 失败"
                      : "test: \(reports.test.passed) passed, \(reports.test.failed) failed")
        out += reports.test.failures.map { "  FAIL " + $0 }
        out.append("")
        out.append(ReplayCommand.table(reports.replay, directory: nil, language: language, examples: 5))
        return out.joined(separator: "\n")
    }
}

extension PolicyOptions {
    /// The engine `submit` and `amend` decide with: the store's active policy once leadership
    /// approved one (an explicit --rules that differs is ignored, with a note), else --rules.
    func engine(for store: Store) throws -> PolicyEngine {
        let active: RulesSnapshot?
        do { active = try store.activePolicy() } catch { throw StoreExit.report(error) }
        guard let active else { return try engine() }
        if let rules, (try? RulesSnapshot.load(directory: rules))?.hash != active.hash {
            Console.error("--rules \(rules) is not the store's active policy \(active.shortHash); the active policy decides "
                          + "(change it with `signoff policy propose`)")
        }
        do {
            return try PolicyEngine(rules: active)
        } catch {
            Console.error("\(error)")
            throw SignoffExit.badRules
        }
    }
}
