import Foundation
import SalesDomain

/// Sample input shared by the tests: one context and one valid request per kind, in the file
/// formats of docs/policy-api.md (with Chinese text, unquoted dates and money).
enum Fixtures {
    static let context = """
    today: 2026-11-29
    branches:
      - { id: east, name: 华东分部 }
    users:
      - { id: li.na, name: 李娜, roles: [salesperson], branch: east }
      - { id: zhao.min, name: 赵敏, roles: [sales_manager] }
      - { id: wang.fang, name: 王芳, roles: [branch_clerk, salesperson], branch: east }
    customers:
      - { id: K-0042, name: 江苏农机合作社, government: false,
          credit_limit: "300000.00", overdue: "0.00" }
      - { id: K-0007, name: 省农业农村厅, government: true, credit_limit: 1000000, overdue: 0.1 }
    products:
      - { sku: SP-16, name: 喷雾机, unit: 台, difficult: false, key: true,
          standard_specs: ["GB-15kW"], unit_cost: "50000.00" }
      - { sku: TR-90, name: 拖拉机, unit: 台, difficult: true, standard_specs: [] }
    documents:
      - id: TD-2026-0001
        kind: tender
        customer: K-0007
        document: { source: government_procurement, title: 植保机械集中采购, estimated_amount: 800000,
                    deadline: 2026-12-15 }
      - id: QT-2026-0088
        kind: quote
        customer: K-0042
        document:
          lines:
            - { sku: SP-16, spec: "GB-15kW", quantity: 10, unit_price: "61200.00", parameters: { power: 15kW } }
          payment_terms_days: 30
          delivery_date: 2026-12-31
          warranty_months: 12
      - id: CT-2026-0001
        kind: contract
        customer: K-0042
        document:
          channel: formal
          signed_on: 2026-11-01
          lines:
            - { sku: SP-16, quantity: 10, unit_price: 61200 }
          payment_terms_days: 30
          delivery_date: 2026-12-31
          warranty_months: 12
          other_terms: ""
        progress:
          shipped: { SP-16: 4 }
          returned: { SP-16: 0 }
          invoiced: "120000.00"
          collected: "100000.00"
    """

    static let visitPlan = """
    kind: visit_plan
    submitted_by: li.na
    customer: K-0042
    document:
      week_of: 2026-11-30
      visits:
        - { customer: K-0042, date: 2026-12-01, purpose: 回访老客户, key: true }
        - { customer: 新客户 盐城农场, date: 2026-12-03, purpose: 拜访新客户 }
    """

    static let tender = """
    kind: tender
    id: TD-2026-0002
    submitted_by: li.na
    customer: K-0007
    document:
      source: government_procurement
      title: 2027年植保机械集中采购
      estimated_amount: "1,200,000.00"
      estimated_cost: 950000
      deadline: 2026-12-20
    """

    static let quote = """
    kind: quote
    submitted_by: li.na
    customer: K-0007
    refs: { tender: TD-2026-0001 }
    document:
      lines:
        - { sku: SP-16, spec: GB-18kW, quantity: 3, unit_price: 0.1, parameters: { power: 18kW, 电压: 380V } }
        - { sku: TR-90, quantity: 1, unit_price: "0.20" }
      payment_terms_days: 60
      delivery_date: 2027-01-15
      warranty_months: 24
      other_terms: 含运费
      tender_source: government_procurement
      valid_until: 2026-12-31
    """

    static let contract = """
    kind: contract
    id: CT-2026-0107
    submitted_by: li.na
    branch: east
    customer: K-0042
    refs: { quote: QT-2026-0088 }
    document:
      channel: formal
      lines:
        - { sku: SP-16, spec: "GB-15kW", quantity: 10, unit_price: "61200.00",
            parameters: { power: 15kW } }
      payment_terms_days: 30
      delivery_date: 2026-12-31
      warranty_months: 12
      other_terms: ""
    """

    static let shipment = """
    kind: shipment
    submitted_by: wang.fang
    customer: K-0042
    refs: { contract: CT-2026-0001 }
    document:
      lines:
        - { sku: SP-16, quantity: 6 }
    """

    static let collection = """
    kind: collection
    submitted_by: li.na
    customer: K-0042
    refs: { contract: CT-2026-0001 }
    document: { amount: 20000.5, method: 银行转账 }
    """

    static let invoice = """
    kind: invoice
    submitted_by: li.na
    customer: K-0042
    refs: { contract: CT-2026-0001 }
    document: { amount: "0.30", invoice_type: 增值税专用发票 }
    """

    static let service = """
    kind: service
    submitted_by: zhao.min
    customer: K-0042
    refs: { contract: CT-2026-0001 }
    document:
      product: SP-16
      description: |
        喷头堵塞，需要上门检修。
        Nozzle blocked.
      requested_on: 2026-11-28
    """

    static let returnRequest = """
    kind: return
    submitted_by: li.na
    customer: { id: K-0042, name: 江苏农机合作社, credit_limit: 300000 }
    refs: { contract: CT-2026-0001 }
    document:
      type: exchange
      lines:
        - { sku: SP-16, quantity: 1, spec: GB-15kW }
      reason: 运输损坏
    """

    static let requests: [(RequestKind, String)] = [
        (.visitPlan, visitPlan), (.tender, tender), (.quote, quote), (.contract, contract),
        (.shipment, shipment), (.collection, collection), (.invoice, invoice), (.service, service),
        (.returnRequest, returnRequest),
    ]

    static func parsedContext() throws -> PolicyContext {
        try InputDecoder.context(from: context, file: "context.yaml")
    }
}
