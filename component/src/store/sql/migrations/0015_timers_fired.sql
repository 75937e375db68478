-- The daily sweep (component/src/housekeeping/) deletes timers that fired
-- before its window; this finds them without reading the pending ones.
CREATE INDEX timers_fired ON timers (fired_at) WHERE fired_at IS NOT NULL;
