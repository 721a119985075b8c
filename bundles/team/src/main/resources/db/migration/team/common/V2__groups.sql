-- Groups (departments) of a project (GRP-1..3, DIST-3) and their auto-forwarding rules (GRP-2).
create sequence project_group_seq start with 50 increment by 50;
create table project_group (
    id          bigint       not null primary key,
    project_id  bigint       not null references project (id),
    name        varchar(120) not null,
    name_key    varchar(120) not null,
    created_at  timestamp with time zone not null,
    constraint project_group_name_uq unique (project_id, name_key)
);

-- Members a group is restricted to; no rows means every member may see the group (GRP-3).
create table project_group_member (
    group_id   bigint not null references project_group (id) on delete cascade,
    member_id  bigint not null references member (id) on delete cascade,
    primary key (group_id, member_id)
);

-- Acquisition sources whose new requests go straight to the group (GRP-2); a source forwards to one group.
create table project_group_source (
    group_id    bigint       not null references project_group (id) on delete cascade,
    project_id  bigint       not null,
    source      varchar(200) not null,
    primary key (group_id, source),
    constraint project_group_source_uq unique (project_id, source)
);
