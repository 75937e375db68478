-- The room of each department, so that a rename keeps it (rooms/department-room.ts).
-- No rows are written here: a department is recorded when the component first sees
-- it, with the address its name gave it before this table existed
-- (dept-<slug>-<hash>), so the rooms of an existing install keep their address,
-- members and archive, and nothing moves.
CREATE TABLE department_rooms (
  department TEXT PRIMARY KEY,
  room TEXT NOT NULL UNIQUE
);
