-- A project's connected bots, pages and widgets (architecture §3 ChannelConnection). The chat bundle owns them
-- because the ingress and the outbox resolve a connection on every message.
create sequence channel_connection_seq start with 50 increment by 50;
create table channel_connection (
    id          bigint       not null primary key,
    project_id  bigint       not null,
    type        varchar(40)  not null,
    name        varchar(120) not null,
    created_at  timestamp with time zone not null,
    constraint channel_connection_name_uk unique (project_id, name)
);
