-- After-sales service records (PROCESSES.md §3 售后客户跟踪, §4 售后维修保养): what a customer
-- bought (发票、保修卡), the 产品维修及养护费用标准, 派工单 and 客户回访登记. Written by the
-- service-task activities in activities/service-records.ts.

-- 购买记录: one row per product a customer bought, with the vouchers that prove it.
CREATE TABLE purchase (
  id               text PRIMARY KEY,
  customer_id      text NOT NULL REFERENCES customer(id),
  product_id       text NOT NULL REFERENCES product(id),
  purchased_on     date NOT NULL,              -- calendar day in China (Asia/Shanghai)
  invoice_no       text,                       -- 发票号
  warranty_card_no text,                       -- 保修卡号
  warranty_ends_on date NOT NULL,              -- last day of free warranty (inclusive)
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (warranty_ends_on >= purchased_on)
);
CREATE INDEX purchase_by_customer_product ON purchase (customer_id, product_id, purchased_on DESC);

-- 产品维修及养护费用标准: the fee outside warranty, per product model and service kind.
CREATE TABLE fee_schedule (
  model        text NOT NULL,                  -- product.model
  service_kind text NOT NULL CHECK (service_kind IN ('维修', '保养')),
  fee          numeric(12, 2) NOT NULL CHECK (fee >= 0),
  currency     text NOT NULL DEFAULT 'CNY',
  valid_from   date NOT NULL DEFAULT DATE '2026-01-01',
  PRIMARY KEY (model, service_kind)
);

-- 派工单: PG-YYYY-MM-NNNNNN, one per dispatch of an engineer (or a service point) to a repair.
CREATE TABLE work_order (
  id                text PRIMARY KEY,           -- PG-2026-11-000001
  work_order_key    text NOT NULL UNIQUE,       -- case/element/occurrence: a retried activity creates nothing twice
  case_id           text NOT NULL REFERENCES process_case(id),
  customer_id       text REFERENCES customer(id),
  product_id        text REFERENCES product(id),
  purchase_id       text REFERENCES purchase(id),
  service_kind      text NOT NULL CHECK (service_kind IN ('维修', '保养')),
  engineer_id       text REFERENCES app_user(id),
  mode              text NOT NULL CHECK (mode IN ('送修', '上门')),
  appointment_at    timestamptz NOT NULL,
  due_at            timestamptz NOT NULL,       -- appointment + agreed time: finished by then
  fault_description text,
  status            text NOT NULL DEFAULT 'dispatched' CHECK (status IN ('dispatched', 'closed', 'cancelled')),
  fee               numeric(12, 2) NOT NULL DEFAULT 0 CHECK (fee >= 0),
  in_warranty       boolean NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  closed_at         timestamptz
);
CREATE INDEX work_order_by_case ON work_order (case_id);
CREATE INDEX work_order_open_by_engineer ON work_order (engineer_id, appointment_at) WHERE status = 'dispatched';

-- 客户回访登记表: satisfaction and the SERVQUAL dimensions, each 1–5.
CREATE TABLE callback_record (
  id             bigserial PRIMARY KEY,
  callback_key   text NOT NULL UNIQUE,          -- case/element/occurrence
  case_id        text NOT NULL REFERENCES process_case(id),
  work_order_id  text REFERENCES work_order(id),
  method         text NOT NULL CHECK (method IN ('电话', '信函', '上门')),
  satisfaction   smallint CHECK (satisfaction BETWEEN 1 AND 5),
  tangibles      smallint CHECK (tangibles BETWEEN 1 AND 5),       -- 有形性
  reliability    smallint CHECK (reliability BETWEEN 1 AND 5),     -- 可靠性
  responsiveness smallint CHECK (responsiveness BETWEEN 1 AND 5),  -- 响应性
  assurance      smallint CHECK (assurance BETWEEN 1 AND 5),       -- 保证性
  empathy        smallint CHECK (empathy BETWEEN 1 AND 5),         -- 移情性
  comments       text,
  at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX callback_record_by_case ON callback_record (case_id);
CREATE INDEX callback_record_by_at ON callback_record (at DESC);
