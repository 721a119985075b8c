-- One row per contact with visits: recording a visit locks it first, so that two reports of one visit arriving
-- at once (the widget sends its tracking with every message) are decided one after the other, on every node,
-- and the second finds the first (CARD-8c).
create table contact_visit_lock (
    contact_id  bigint not null primary key,
    project_id  bigint not null
);
