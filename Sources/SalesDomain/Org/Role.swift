/// A role in the sales department's processes. The raw value is the id used in files, rules and
/// the store; `zhName`/`enName` are for display.
///
/// The customer is a role because it signs (customer confirmations, invoices) — it never approves.
public enum Role: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    case salesperson
    case branchClerk = "branch_clerk"
    case branchManager = "branch_manager"
    case salesClerk = "sales_clerk"
    case salesManager = "sales_manager"
    case leadership
    case technical
    case procurement
    case finance
    case warehouse
    case customer

    /// The Chinese name used in the source document (销售员, 分部经理, …).
    public var zhName: String {
        switch self {
        case .salesperson: "销售员"
        case .branchClerk: "分部销售内勤"
        case .branchManager: "分部经理"
        case .salesClerk: "销售内勤"
        case .salesManager: "销售部经理"
        case .leadership: "公司领导"
        case .technical: "技术部"
        case .procurement: "采购部"
        case .finance: "财务部"
        case .warehouse: "库管"
        case .customer: "客户"
        }
    }

    /// The English display name (salesperson, branch manager, …).
    public var enName: String {
        switch self {
        case .salesperson: "salesperson"
        case .branchClerk: "branch clerk"
        case .branchManager: "branch manager"
        case .salesClerk: "sales clerk"
        case .salesManager: "sales manager"
        case .leadership: "company leadership"
        case .technical: "technical department"
        case .procurement: "procurement"
        case .finance: "finance"
        case .warehouse: "warehouse keeper"
        case .customer: "customer"
        }
    }

    /// The id, e.g. `sales_manager`.
    public var description: String { rawValue }
}
