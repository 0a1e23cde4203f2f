-- The e-mail dispatcher no longer holds a transaction (and with it row locks, and on embedded
-- PGlite the whole database) while it talks to an SMTP server: it claims a row with a lease,
-- sends, then settles it. A row whose lease ran out (its dispatcher died mid-send) is due again.
ALTER TABLE notification ADD COLUMN email_lease_until timestamptz;
ALTER TABLE customer_notification ADD COLUMN lease_until timestamptz;
