-- A manager's repeated send (weak connection, double click) carries the same key and stores one message.
create unique index message_idempotency_ux on message (chat_id, idempotency_key);
