-- The client card of a chat's client (CARD-1): set by the ingress from the contact directory. Chats stored before
-- cards existed get theirs with the client's next message.
alter table chat add column contact_id bigint;
create index chat_contact_ix on chat (contact_id, last_activity desc, id desc);
