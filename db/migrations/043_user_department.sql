-- Departments (有关部门 is a role; which department a holder works in is this). The complaint's
-- investigation names the responsible department, and its later steps go to that department's
-- users in the case's unit only (task.candidate_department, policy/sql.ts taskOfferedTo).
-- The codes are the ones the investigation form offers (domain/departments.ts).
CREATE TABLE department (
  code    text PRIMARY KEY,
  name    text NOT NULL,
  name_en text NOT NULL
);
INSERT INTO department (code, name, name_en) VALUES
  ('production', '生产部', 'Production'),
  ('quality', '质量管理部', 'Quality management'),
  ('rnd', '技术研发部', 'R&D'),
  ('marketing', '市场营销部', 'Marketing');

ALTER TABLE app_user ADD COLUMN department text REFERENCES department(code);

-- Set when a diagram routes a step to one department (shouwen:candidateDepartment): the task's
-- candidate roles then count only for holders working in it. NULL = any holder, as before.
ALTER TABLE task ADD COLUMN candidate_department text REFERENCES department(code);
