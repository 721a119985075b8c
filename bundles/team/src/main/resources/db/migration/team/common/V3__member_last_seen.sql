-- When a member last had the console open, for every node to read (a website widget says "we answer later" when
-- nobody of the project has): written by the console about every 45 s, at most every 30 s per member and node.
alter table member add column last_seen_at timestamp with time zone;
