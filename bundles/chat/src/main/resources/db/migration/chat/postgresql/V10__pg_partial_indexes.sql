-- PostgreSQL-only speed-ups and guards (architecture §6).
-- New tab by group: New is small and hot, and a restricted member's New filters by group.
create index chat_new_group_ix on chat (project_id, group_id, last_activity desc, id desc) where state = 'NEW';
-- At most one open request per chat: a second one would split the client's dialog.
create unique index request_open_ux on request (chat_id) where closed_at is null;
-- The dispatcher's scan touches only rows nobody holds.
create index outbox_free_ix on outbox (next_attempt_at) where claimed_until is null;
