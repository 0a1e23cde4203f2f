-- Reports (issue 17): the period of each report is a range on one timestamp, read through these
-- indexes instead of a scan of the whole history (checked with EXPLAIN in test/integration/reports.test.ts).
CREATE INDEX task_completed_at ON task (completed_at) WHERE status = 'completed';
CREATE INDEX complaint_by_received ON complaint ((coalesce(received_at, created_at)));
CREATE INDEX work_order_by_created ON work_order (created_at);
CREATE INDEX work_order_closed_at ON work_order (closed_at) WHERE status = 'closed';

-- 客户回访登记表 gains the sixth dimension the seed's SERVQUAL names: 恢复性 (how a failure was put right).
ALTER TABLE callback_record ADD COLUMN recovery smallint CHECK (recovery BETWEEN 1 AND 5);
