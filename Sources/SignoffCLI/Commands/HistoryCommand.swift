import ApprovalStore
import ArgumentParser
import SalesDomain

extension RequestKind: ExpressibleByArgument {}
extension CaseState: ExpressibleByArgument {}

/// `signoff history`: cases, newest first, filtered.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List cases, newest first (filter by kind, customer, state, date)."
    )

    @Option(help: "Only this kind (contract, shipment, …).") var kind: RequestKind?
    @Option(help: ArgumentHelp("Only this customer id.", valueName: "id")) var customer: String?
    @Option(help: "Only cases in this state (open, approved, rejected, returned, cancelled).") var state: CaseState?
    @Option(help: ArgumentHelp("Only cases created on or after this date (YYYY-MM-DD) or instant.", valueName: "date"))
    var since: String?
    @Option(help: "At most this many cases.") var limit: Int = 1000
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let since, Day.init(parsingOrNil: String(since.prefix(10))) == nil {
            throw ValidationError("--since: expected a date YYYY-MM-DD, got \"\(since)\"")
        }
    }

    func run() throws {
        let db = try store.open()
        let cases: [CaseSummary]
        do {
            cases = try db.history(HistoryFilter(kind: kind, customer: customer, state: state, since: since, limit: limit))
        } catch {
            throw StoreExit.report(error)
        }
        switch output.format {
        case .json:
            Console.out(try StoreJSONOutput.render(cases))
        case .table:
            let zh = output.language == .zh
            let text = StepText(language: output.language)
            var table = TextTable(zh ? ["案件", "类型", "客户", "提交人", "状态", "当前阶段", "版本", "提交于"]
                                     : ["case", "kind", "customer", "submitter", "state", "stage", "rev", "created"])
            for c in cases {
                table.add([c.id, c.kind.rawValue, c.customer, c.submitter, text.state(c.state), c.stage ?? "",
                           String(c.revision), c.createdAt])
            }
            Console.out((zh ? "共 \(cases.count) 件" : "\(cases.count) case(s)") + "\n" + table.render())
        }
    }
}

extension Day {
    /// A parsed date, or nil.
    init?(parsingOrNil text: String) {
        guard let day = try? Day(parsing: text) else { return nil }
        self = day
    }
}
