-- The durable outbox: one row per outbound message still to be delivered. Claimed with SKIP LOCKED plus a
-- lease (claimed_until, claim_token), because the channel call runs outside the claiming transaction.
-- channel is the connection's type, copied so that the claim needs no join.
create table outbox (
    message_id       bigint       not null primary key references message (id) on delete cascade,
    project_id       bigint       not null,
    connection_id    bigint       not null,
    channel          varchar(40)  not null,
    attempts         integer      not null,
    next_attempt_at  timestamp with time zone not null,
    claimed_until    timestamp with time zone,
    claim_token      varchar(40),
    last_error       varchar(1000)
);
create index outbox_due_ix on outbox (channel, next_attempt_at);
