-- What a notice says as parameters (its wording key, the step's name, who handed it over, how a
-- case ended), so the console words it in the reader's language; title and body stay the zh-CN
-- text that e-mail sends and that older notices have alone.
ALTER TABLE notification ADD COLUMN params jsonb;
