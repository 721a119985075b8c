-- Inbound dedup: a platform's message id is unique per connection.
create unique index message_inbound_ux on message (connection_id, external_id);
