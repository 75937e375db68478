-- A department room nobody works in any more is retired, not destroyed
-- (rooms/retire.ts): kept read-only for its history, and used again if the
-- department gets staff again. When it was retired; NULL while in use.
ALTER TABLE department_rooms ADD COLUMN retired_at TEXT;
