import Money
import SalesDomain

/// Adds what an approved request did to a contract's progress: a shipment ships its quantities, a
/// return takes them back (an exchange replaces goods one for one and changes neither), an invoice
/// and a collection add their amounts. Exact integer fen; overflow is an error, never a wrap.
enum ProgressLedger {
    static func add(_ document: Document, to progress: inout ContractProgress) throws(MoneyError) {
        switch document {
        case .shipment(let shipment):
            for line in shipment.lines { progress.shipped[line.sku] = try sum(progress.shipped[line.sku], line.quantity) }
        case .returnRequest(let goods) where goods.type == .return:
            for line in goods.lines { progress.returned[line.sku] = try sum(progress.returned[line.sku], line.quantity) }
        case .invoice(let invoice):
            progress.invoiced = try progress.invoiced.adding(invoice.amount)
        case .collection(let collection):
            progress.collected = try progress.collected.adding(collection.amount)
        default:
            break
        }
    }

    private static func sum(_ a: Int64?, _ b: Int64) throws(MoneyError) -> Int64 {
        let (result, overflow) = (a ?? 0).addingReportingOverflow(b)
        guard !overflow else { throw .overflow }
        return result
    }
}
