import Foundation
import Money
import Testing
@testable import SalesDomain

/// Master data from CSV files: one kind of record per file, strict like YAML, errors on the
/// spreadsheet's own line.
struct MasterDataCSVTests {
    func file(_ name: String, _ text: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("signoff-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func usersWithRoleLists() throws {
        let path = try file("users.csv", """
            id,name,roles,branch
            li.na,李娜,salesperson,east
            zhao.min,赵敏,sales_manager;leadership,

            wu.fang,"吴芳, 内勤",sales_clerk,
            """)
        // Alone, the file names a branch it does not list; an import checks that against the store.
        #expect(throws: InputError.self) { try InputDecoder.context(contentsOf: path) }
        let context = try InputDecoder.context(contentsOf: path, checkingReferences: false)
        #expect(context.users.map(\.id) == ["li.na", "zhao.min", "wu.fang"])
        #expect(context.user("zhao.min")?.roles == [.salesManager, .leadership])
        #expect(context.user("zhao.min")?.branch == nil)
        #expect(context.user("wu.fang")?.name == "吴芳, 内勤")
    }

    @Test func productsAndCustomersKeepExactFigures() throws {
        let products = try InputDecoder.context(contentsOf: try file("products.csv", """
            sku,name,unit,difficult,key,standard_specs,unit_cost
            SP-16,喷雾机,台,false,true,GB-15kW;GB-18kW,50000.10
            """))
        #expect(products.product("SP-16")?.standardSpecs == ["GB-15kW", "GB-18kW"])
        #expect(products.product("SP-16")?.key == true)
        #expect(products.product("SP-16")?.unitCost == Money(fen: 5_000_010))
        let customers = try InputDecoder.context(contentsOf: try file("customers.csv", """
            id,name,government,credit_limit,overdue
            K-0042,江苏农机合作社,false,300000.00,0.10
            """))
        #expect(customers.customer("K-0042")?.overdue == Money(fen: 10))
    }

    @Test func errorsNameTheLineAndField() throws {
        // Row 2 spans lines 3–4 (a quoted line break), so the bad amount of row 3 is on line 5.
        let path = try file("customers.csv", """
            id,name,government,credit_limit,overdue
            K-1,甲,false,100.00,0
            K-2,乙,false,"100.00
            ",0
            K-3,丙,false,1.234,0
            """)
        #expect {
            try InputDecoder.context(contentsOf: path)
        } throws: { error in
            let text = "\(error)"
            return text.contains("customers.csv:5") && text.contains("customers[2].credit_limit")
        }
    }

    @Test func unknownColumnsAndShortRowsAreRefused() throws {
        #expect {
            try InputDecoder.context(contentsOf: try file("users.csv", "id,name,roles,colour\nli.na,李娜,salesperson,red\n"))
        } throws: { error in "\(error)".contains("users.csv:2") && "\(error)".contains("colour") }
        #expect {
            try InputDecoder.context(contentsOf: try file("branches.csv", "id,name\neast\n"))
        } throws: { error in "\(error)".contains("branches.csv:2") }
        #expect {
            try InputDecoder.context(contentsOf: try file("odd.csv", "a,b,c\n1,2,3\n"))
        } throws: { error in "\(error)".contains("cannot tell what the rows are") }
    }
}
