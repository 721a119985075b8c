-- The chat engine's columns (DIST, TEAM, INB-3, GRP). The client's identity stays on the chat row: one chat per
-- (connection, external user id). connection_id is nullable only for rows that predate connections.
alter table chat add column connection_id bigint;
alter table chat add column external_user_id varchar(200);
alter table chat add column group_id bigint;
alter table chat add column pending_handover_id bigint;
alter table chat add column repeat_request boolean default false not null;
