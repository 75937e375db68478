-- The room a request was posted in (audience kind "room": a department or an
-- incident room), as a column with an index. Every short message in every room
-- the component sits in asks for the requests posted there
-- (requests/room-answer.ts); before, that scanned every request's audience
-- JSON with LIKE. Requests of other audiences leave it NULL.
-- https://www.postgresql.org/docs/current/functions-json.html
ALTER TABLE requests ADD COLUMN room TEXT;
UPDATE requests SET room = audience::jsonb ->> 'room' WHERE audience::jsonb ->> 'kind' = 'room';
CREATE INDEX requests_room ON requests (room, created_at);
