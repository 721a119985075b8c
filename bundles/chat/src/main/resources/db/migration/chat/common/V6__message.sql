-- Messages of a chat (MSG-1..4). System messages keep their typed event as a type and its arguments; outbound
-- ones their delivery state. connection_id is set on inbound rows only: with external_id it is the ingress's
-- dedup key, so a redelivered webhook cannot store a message twice (channels.md "patterns").
create sequence message_seq start with 50 increment by 50;
create table message (
    id               bigint        not null primary key,
    project_id       bigint        not null,
    chat_id          bigint        not null references chat (id) on delete cascade,
    kind             varchar(8)    not null,
    origin           varchar(10),
    author_id        bigint,
    text             varchar(10000) not null,
    event_type       varchar(40),
    event_by         bigint,
    event_member     bigint,
    event_group      bigint,
    event_args       varchar(2000),
    delivery         varchar(10),
    failure          varchar(1000),
    connection_id    bigint,
    external_id      varchar(200),
    idempotency_key  varchar(200),
    created_at       timestamp with time zone not null,
    constraint message_kind_ck check (kind in ('INBOUND', 'OUTBOUND', 'NOTE', 'SYSTEM')),
    constraint message_delivery_ck check (delivery in ('QUEUED', 'SENT', 'DELIVERED', 'FAILED'))
);
-- History, newest first, keyset-paged on (created_at, id).
create index message_history_ix on message (chat_id, created_at desc, id desc);
