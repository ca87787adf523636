import SalesDomain

/// One way a decision changes between the policy that made it and a candidate: the key replay
/// groups cases by. Texts and `file:line` locations never count (editing a message or moving a
/// rule is not a change of decision); facts alone do not either (they are tallied apart).
public struct ReplayChange: Sendable, Hashable, Comparable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The outcome changes (route → blocked, route → manual_review, …): `from`, `to`.
        case outcome
        /// A hard stop would now refuse a request that went through: `code`.
        case blocked
        /// A request already refused would also hit another hard stop: `code`.
        case alsoBlocked = "also_blocked"
        /// A hard stop no longer applies and the request would go through: `code`.
        case unblocked
        /// A hard stop no longer applies, but others still refuse the request: `code`.
        case blockDropped = "block_dropped"
        /// A role not on the route before would now be asked, for reason `code`.
        case newlyNeeds = "newly_needs"
        /// A role would no longer be asked at all; it was asked for reason `code`.
        case noLongerNeeds = "no_longer_needs"
        /// A role already on the route would also be asked for reason `code`.
        case alsoAsked = "also_asked"
        /// A role stays on the route but no longer for reason `code`.
        case noLongerAsked = "no_longer_asked"
        /// The same roles and reasons, in other stages or another order: `from`, `to`.
        case stages
        /// The same roles, reasons and stages, but a step's action, task, scope, assignee or due
        /// time changes: `role`, `from`, `to`.
        case stepDetails = "step_details"
        /// A deviation from the quote is re-confirmed by another role (`from`, `to`; nil when
        /// the deviation appears or disappears): `code`.
        case deviation
    }

    public var kind: Kind
    public var role: Role?
    public var code: String?
    public var from: String?
    public var to: String?

    public init(_ kind: Kind, role: Role? = nil, code: String? = nil, from: String? = nil, to: String? = nil) {
        self.kind = kind
        self.role = role
        self.code = code
        self.from = from
        self.to = to
    }

    public static func < (a: ReplayChange, b: ReplayChange) -> Bool {
        let order = Kind.allCases
        let ia = order.firstIndex(of: a.kind) ?? 0, ib = order.firstIndex(of: b.kind) ?? 0
        if ia != ib { return ia < ib }
        return (a.role?.rawValue ?? "", a.code ?? "", a.from ?? "", a.to ?? "")
            < (b.role?.rawValue ?? "", b.code ?? "", b.from ?? "", b.to ?? "")
    }

    enum CodingKeys: String, CodingKey {
        case kind = "type", role, code, from, to
    }

    /// What happens to `count` requests of `kind`, e.g. "23 contracts would newly need
    /// leadership: contract.major_amount".
    public func headline(count: Int, of requestKind: RequestKind, language: Language = .en) -> String {
        let zh = language == .zh
        let what = zh ? "\(count) 件\(Self.zhName(requestKind))" : "\(count) \(Self.enName(requestKind, count: count))"
        let roleName = role.map { zh ? $0.zhName : $0.rawValue } ?? ""
        let code = self.code ?? ""
        switch kind {
        case .outcome:
            return zh ? "\(what)结果将由 \(from ?? "") 变为 \(to ?? "")" : "\(what) would change outcome: \(from ?? "") → \(to ?? "")"
        case .blocked:
            return zh ? "\(what)将被硬性规定拒绝：\(code)" : "\(what) would be blocked: \(code)"
        case .alsoBlocked:
            return zh ? "\(what)（已被拒绝）还将触发：\(code)" : "\(what) (already blocked) would also be blocked by: \(code)"
        case .unblocked:
            return zh ? "\(what)将不再被拒绝：\(code)" : "\(what) would no longer be blocked: \(code)"
        case .blockDropped:
            return zh ? "\(what)不再触发 \(code)（仍被其他规定拒绝）" : "\(what) would no longer hit \(code) (still blocked by another)"
        case .newlyNeeds:
            return zh ? "\(what)将新增需要\(roleName)：\(code)" : "\(what) would newly need \(roleName): \(code)"
        case .noLongerNeeds:
            return zh ? "\(what)将不再需要\(roleName)：\(code)" : "\(what) would no longer need \(roleName): \(code)"
        case .alsoAsked:
            return zh ? "\(what)：\(roleName)还将因 \(code) 审批" : "\(what): \(roleName) would also be asked for \(code)"
        case .noLongerAsked:
            return zh ? "\(what)：\(roleName)不再因 \(code) 审批" : "\(what): \(roleName) would no longer be asked for \(code)"
        case .stages:
            return zh ? "\(what)审批阶段将由 \(from ?? "") 变为 \(to ?? "")" : "\(what) would change stages: \(from ?? "") → \(to ?? "")"
        case .stepDetails:
            return zh ? "\(what)：\(roleName)的步骤将由 \(from ?? "") 变为 \(to ?? "")"
                : "\(what): the \(roleName) step would change: \(from ?? "") → \(to ?? "")"
        case .deviation:
            let f = from.flatMap(Role.init(rawValue:)).map { zh ? $0.zhName : $0.rawValue }
            let t = to.flatMap(Role.init(rawValue:)).map { zh ? $0.zhName : $0.rawValue }
            switch (f, t) {
            case (nil, let t?):
                return zh ? "\(what)将新增偏离 \(code)，须\(t)确认" : "\(what) would newly deviate: \(code), confirmed by \(t)"
            case (let f?, nil):
                return zh ? "\(what)将不再有偏离 \(code)（原须\(f)确认）" : "\(what) would no longer deviate: \(code) (was confirmed by \(f))"
            default:
                return zh ? "\(what)的偏离 \(code) 将改由\(t ?? "")确认（原为\(f ?? "")）"
                    : "\(what): deviation \(code) would be confirmed by \(t ?? "") instead of \(f ?? "")"
            }
        }
    }

    static func enName(_ kind: RequestKind, count: Int) -> String {
        let one: String, many: String
        switch kind {
        case .visitPlan: (one, many) = ("visit plan", "visit plans")
        case .tender: (one, many) = ("tender", "tenders")
        case .quote: (one, many) = ("quote", "quotes")
        case .contract: (one, many) = ("contract", "contracts")
        case .shipment: (one, many) = ("shipment", "shipments")
        case .collection: (one, many) = ("collection", "collections")
        case .invoice: (one, many) = ("invoice", "invoices")
        case .service: (one, many) = ("service request", "service requests")
        case .returnRequest: (one, many) = ("return", "returns")
        }
        return count == 1 ? one : many
    }

    static func zhName(_ kind: RequestKind) -> String {
        switch kind {
        case .visitPlan: "拜访计划"
        case .tender: "投标"
        case .quote: "报价"
        case .contract: "合同"
        case .shipment: "发货"
        case .collection: "回款"
        case .invoice: "开票"
        case .service: "售后服务"
        case .returnRequest: "退换货"
        }
    }
}
