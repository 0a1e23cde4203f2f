-- Free text in the inbox (issue 19): a task whose case title or customer name matches is shown only
-- where the reader may read its customer. Instead of looking up each matching task's customer, the
-- search lists the customers the reader may not read, once, and hashes them (db/tasks.ts list). Those
-- are among the customers of a restricted level (policy/sql.ts restrictedLevel: not cleared for
-- everyone), a few of all: this index finds them without reading the whole customer table.
CREATE INDEX customer_restricted ON customer (id) WHERE confidentiality IN ('secret', 'confidential');
