-- Issue #13 follow-up: template-delete. The ids of templates an admin deleted,
-- so the seeding at start (requests/templates.ts, addTemplates) does not bring
-- a deleted default back; template-edit with the id adds it again and clears it.
CREATE TABLE deleted_templates (
  id TEXT PRIMARY KEY
);
