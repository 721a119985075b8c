-- The outbox as lanes (MSG-2, architecture §4, §7): messages of one chat leave in the order they were written,
-- one at a time, and a connection the platform slowed down or refused waits as a whole without holding up others.

-- The chat and the time its message was written, copied so that the claim needs no join: a message is claimed only
-- while no earlier message of its chat is still in the outbox and none of its chat is being sent. The order is
-- the message's time, not its id: ids come from per-node blocks of a sequence and do not follow time across nodes.
alter table outbox add column chat_id bigint;
alter table outbox add column message_at timestamp with time zone;
update outbox set chat_id = (select m.chat_id from message m where m.id = outbox.message_id),
                  message_at = (select m.created_at from message m where m.id = outbox.message_id);
alter table outbox alter column chat_id set not null;
alter table outbox alter column message_at set not null;
-- "is there an earlier or an in-flight message of this chat": one index probe per candidate row
create index outbox_chat_ix on outbox (chat_id, message_at, message_id);
-- each connection's due rows in order, for the claim's ranking per connection
create index outbox_lane_ix on outbox (connection_id, next_attempt_at, message_id);

-- A connection's lane while it waits, shared by every node: until a platform's retry-after has passed (its rate
-- limits are per bot, not per message), or for a growing pause while the platform refuses the connection itself.
-- A row exists only while a connection waits or has waited; a delivered message removes it.
create table outbox_lane (
    connection_id   bigint        not null primary key,
    paused_until    timestamp with time zone,
    failing_pauses  integer       default 0 not null,
    reason          varchar(1000)
);
