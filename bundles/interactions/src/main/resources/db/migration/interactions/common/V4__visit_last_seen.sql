-- Visits are sliding sessions, as in Google Analytics (CARD-8c): a report of the same address within 30 minutes of
-- the visit's last report moves last_seen_at forward; 30 minutes of silence end the visit. Visits stored before
-- this version were seen once, when they started.
alter table visit add column last_seen_at timestamp with time zone;
update visit set last_seen_at = visited_at;
alter table visit alter column last_seen_at set not null;
