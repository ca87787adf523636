-- 阈值 / Thresholds — every number of the sales policy, in one place.
-- Change a number here; the kind scripts read them by name. Money is written as text in yuan.
-- (Defaults from DESIGN.md §2: the source document says "重大" and "必要时" without figures.)

return {
  -- 重大比价、投标、合同（2.1、2.5、3.2）: amount at or above this is "major" → 公司领导
  major_amount = money("500000.00"),

  -- 重大：政府客户的一切比价、投标、合同都算重大？(默认否：只有政府统采标书算重大)
  -- Treat everything sold to a government buyer as major, not only central-procurement tenders.
  government_customer_is_major = false,

  -- 重大：毛利率低于此百分比（不含本数）→ 公司领导; margin exactly 10% is not major
  major_margin_below_percent = 10,

  -- 合同偏离（3.3）: unit price cut by MORE than this percent → 公司领导 (exactly 5.00% is not more)
  price_cut_leadership_percent = 5,

  -- 合同偏离（3.3）: payment terms longer by MORE than this many days → 公司领导
  extra_payment_days_leadership = 30,

  -- 电话/传真/无正式合同订货（3.5 后段）: amount at or above this → 公司领导
  phone_order_leadership_amount = money("200000.00"),

  -- 客户逾期应收款超过此数即视为"有逾期"（电话订货→公司领导；发货→财务部）
  overdue_tolerance = money("0.00"),

  -- 退货/换货（8.4）: return amount at or above this → 公司领导
  return_leadership_amount = money("100000.00"),

  -- 正式合同由销售内勤"于当日"存档（3.5）: days allowed after the customer signs (0 = same day)
  contract_filing_days = 0,
}
