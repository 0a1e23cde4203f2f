-- Demo fee schedule and purchases for the demo customers and products (run by the first-start
-- seed, after the products exist). Purchase dates are relative to the day of seeding, so the demo
-- shows a purchase inside the return window, one inside the exchange window, one in warranty
-- and one out of it.
INSERT INTO fee_schedule (model, service_kind, fee)
SELECT v.model, v.service_kind, v.fee
  FROM (VALUES
    ('AC-200', '维修', 800.00), ('AC-200', '保养', 300.00),
    ('WP-10', '维修', 150.00), ('WP-10', '保养', 60.00),
    ('PR-5', '维修', 180.00), ('PR-5', '保养', 80.00),
    ('GEN-80', '维修', 1500.00), ('GEN-80', '保养', 600.00),
    ('SC-3', '维修', 90.00), ('SC-3', '保养', 30.00)
  ) AS v(model, service_kind, fee)
 WHERE EXISTS (SELECT 1 FROM product p WHERE p.model = v.model)
ON CONFLICT DO NOTHING;

INSERT INTO purchase (id, customer_id, product_id, purchased_on, invoice_no, warranty_card_no, warranty_ends_on)
SELECT v.id, v.customer_id, v.product_id, d.purchased_on, v.invoice_no, v.warranty_card_no,
       (d.purchased_on + make_interval(months => p.warranty_months))::date - 1
  FROM (VALUES
    ('GM-DEMO-0001', 'C0001', 'P-AC-200', 400, 'FP-33010001', 'BX-AC200-0001'),
    ('GM-DEMO-0002', 'C0002', 'P-WP-10', 10, 'FP-33020002', 'BX-WP10-0002'),
    ('GM-DEMO-0003', 'C0003', 'P-GEN-80', 25, 'FP-32010003', 'BX-GEN80-0003'),
    ('GM-DEMO-0004', 'C0004', 'P-PR-5', 500, 'FP-32050004', 'BX-PR5-0004'),
    ('GM-DEMO-0005', 'C0005', 'P-SC-3', 90, 'FP-44010005', 'BX-SC3-0005'),
    ('GM-DEMO-0006', 'C0006', 'P-AC-200', 900, 'FP-44030006', 'BX-AC200-0006'),
    ('GM-DEMO-0007', 'C0007', 'P-WP-10', 800, 'FP-35020007', 'BX-WP10-0007'),
    ('GM-DEMO-0008', 'C0008', 'P-PR-5', 40, 'FP-35010008', 'BX-PR5-0008')
  ) AS v(id, customer_id, product_id, days_ago, invoice_no, warranty_card_no)
  JOIN product p ON p.id = v.product_id
  CROSS JOIN LATERAL (SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date - v.days_ago AS purchased_on) d
 WHERE EXISTS (SELECT 1 FROM customer c WHERE c.id = v.customer_id)
ON CONFLICT DO NOTHING;

-- Demo customers' e-mail addresses (example.com): these customers are notified by e-mail, the
-- others by phone (an agent calls; the notification says so).
UPDATE customer c SET email = v.email
  FROM (VALUES ('C0002', 'lifang@gangcheng.example.com'), ('C0004', 'zhouting@yuanqu-yiqi.example.com'), ('C0005', 'service@tianhe-shangmao.example.com'), ('C0007', 'linxh@ludao-canyin.example.com')) AS v(id, email)
 WHERE c.id = v.id AND c.email IS NULL;

-- Sales and payments for credit grading and 客户分类 (issue 15): amounts chosen so the shipped 信用等级评估原则
-- grades the demo customers differently (南京金陵 AA, 宁波港城 A, 广州天河 B with a 60-day
-- overdue balance), and 福州闽江 owes 90,000 元 more than 30 days: the daily overdue check's case.
UPDATE purchase p SET amount = v.amount, paid_amount = v.paid, due_on = (now() AT TIME ZONE 'Asia/Shanghai')::date - v.due_days_ago
  FROM (VALUES ('GM-DEMO-0003', 2600000.00, 2600000.00, -5), ('GM-DEMO-0002', 680000.00, 680000.00, -20),
               ('GM-DEMO-0005', 120000.00, 100000.00, 60), ('GM-DEMO-0008', 90000.00, 0.00, 35)) AS v(id, amount, paid, due_days_ago)
 WHERE p.id = v.id AND p.amount = 0;

-- 重要日期 (客户 360): the dates the relationship cards mention, and a contact's birthday, so the daily
-- greetings run and the 重要日期 section have something to show.
INSERT INTO customer_important_date (customer_id, kind, month, day, year, note) VALUES
  ('C0002', 'anniversary', 5, 8, 2012, '公司周年'),
  ('C0002', 'birthday', 10, 16, NULL, '联系人李芳生日'),
  ('C0003', 'anniversary', 9, 1, 1985, '厂庆'),
  ('C0003', 'festival', 1, 1, NULL, '元旦问候');
