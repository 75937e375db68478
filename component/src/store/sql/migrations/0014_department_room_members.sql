-- Issue #13 part 2. Who the directory made a member of a department room, so
-- the start-up sync takes membership only from those it gave it to and never
-- from someone an owner or admin added by hand (rooms/membership.ts).
CREATE TABLE department_room_members (
  room TEXT NOT NULL,
  jid TEXT NOT NULL,
  PRIMARY KEY (room, jid)
);
