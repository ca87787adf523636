import ApprovalStore
import ArgumentParser
import Foundation

/// `signoff data …`: master data in the store.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Manage master data (org, customers, products, earlier documents) in the store.",
        subcommands: [DataImportCommand.self]
    )
}

/// `signoff data import FILE…`: load master data, each file all-or-nothing.
struct DataImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import branches, users, customers, products and documents from YAML or JSON files.",
        discussion: """
            Each file has the shape of a context file (docs/policy-api.md): branches, users, \
            customers, products, documents. A file is checked completely, then stored in one \
            transaction: all of it or nothing. Rows with an existing id are updated. Files are \
            imported in the order given; the first bad one stops the run (earlier ones stay).
            """
    )

    @Argument(help: ArgumentHelp("Master-data files (YAML or JSON).", valueName: "file"))
    var files: [String]

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let db = try store.open()
        let actor = store.actingUser ?? ProcessInfo.processInfo.environment["USER"] ?? "admin"
        var summaries: [ImportSummary] = []
        for file in files {
            do {
                summaries.append(try db.importMasterData(file: file, actor: actor))
            } catch {
                if output.format == .json, !summaries.isEmpty { Console.out(try StoreJSONOutput.render(summaries)) }
                throw StoreExit.report(error)
            }
        }
        switch output.format {
        case .json:
            Console.out(try StoreJSONOutput.render(summaries))
        case .table:
            let zh = output.language == .zh
            var table = TextTable(zh ? ["文件", "分部", "用户", "客户", "产品", "单据"]
                                     : ["file", "branches", "users", "customers", "products", "documents"])
            for s in summaries {
                table.add([s.file, String(s.branches), String(s.users), String(s.customers), String(s.products),
                           String(s.documents)])
            }
            Console.out((zh ? "已导入到 " : "Imported into ") + db.path + "\n" + table.render())
        }
    }
}
