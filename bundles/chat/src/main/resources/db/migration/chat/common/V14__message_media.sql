-- Messages as real messengers carry them (MSG-1, MSG-2, INP-2, INP-3): files, the client's edits, read receipts,
-- and the several platform ids of one sent message (a long text sent in parts, each file on its own).
alter table message drop constraint message_delivery_ck;
alter table message add constraint message_delivery_ck
    check (delivery in ('QUEUED', 'SENT', 'DELIVERED', 'READ', 'FAILED'));
alter table message add column edited_at timestamp with time zone;
alter table message add column original_text varchar(10000);

-- One file of a message. An inbound file is stored with the platform's reference (remote_ref) and state PENDING,
-- then fetched into the blob store by a durable job (claimed like the outbox: SKIP LOCKED plus a lease), never
-- before its message is committed. An outbound file is READY from the start.
create sequence message_attachment_seq start with 50 increment by 50;
create table message_attachment (
    id               bigint        not null primary key,
    message_id       bigint        not null references message (id) on delete cascade,
    project_id       bigint        not null,
    position         integer       not null,
    kind             varchar(10)   not null,
    name             varchar(255)  not null,
    content_type     varchar(200)  not null,
    size             bigint        not null,
    file_id          bigint,
    state            varchar(10)   not null,
    problem          varchar(1000),
    remote_ref       varchar(2000),
    attempts         integer       default 0 not null,
    next_attempt_at  timestamp with time zone,
    claimed_until    timestamp with time zone,
    claim_token      varchar(40),
    constraint message_attachment_state_ck check (state in ('PENDING', 'READY', 'FAILED', 'REFUSED')),
    constraint message_attachment_kind_ck check (kind in ('IMAGE', 'VIDEO', 'AUDIO', 'FILE'))
);
create unique index message_attachment_ux on message_attachment (message_id, position);
create index message_attachment_due_ix on message_attachment (state, next_attempt_at);

-- The platform's ids of a sent message, so that a receipt naming any of them finds it.
create table message_sent_id (
    connection_id  bigint        not null,
    external_id    varchar(200)  not null,
    message_id     bigint        not null references message (id) on delete cascade,
    primary key (connection_id, external_id)
);
create index message_sent_id_message_ix on message_sent_id (message_id);

-- The client's reachability and the start of a platform's messaging window.
alter table chat add column unreachable_reason varchar(300);
alter table chat add column client_last_wrote timestamp with time zone;

-- A client's profile and photo to fetch from the platform (CARD-2), once per distinct photo: remote_ref empty means
-- "ask the connector for the profile" (a first message that came without a photo).
create sequence profile_fetch_seq start with 50 increment by 50;
create table profile_fetch (
    id                bigint        not null primary key,
    project_id        bigint        not null,
    connection_id     bigint        not null,
    contact_id        bigint        not null,
    external_user_id  varchar(200)  not null,
    remote_ref        varchar(2000),
    remote_key        varchar(300)  not null,
    state             varchar(10)   not null,
    attempts          integer       default 0 not null,
    next_attempt_at   timestamp with time zone,
    claimed_until     timestamp with time zone,
    claim_token       varchar(40),
    problem           varchar(1000),
    constraint profile_fetch_state_ck check (state in ('PENDING', 'DONE', 'FAILED'))
);
create unique index profile_fetch_ux on profile_fetch (contact_id, remote_key);
create index profile_fetch_due_ix on profile_fetch (state, next_attempt_at);
