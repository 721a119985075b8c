-- Requests (interactions, dialogs): opened by the client's first message after Done, closed by Done (CARD-7).
create sequence request_seq start with 50 increment by 50;
create table request (
    id                bigint not null primary key,
    project_id        bigint not null,
    chat_id           bigint not null references chat (id) on delete cascade,
    opened_at         timestamp with time zone not null,
    closed_at         timestamp with time zone,
    closed_by         bigint,
    first_message_id  bigint
);
create index request_chat_ix on request (chat_id, opened_at desc, id desc);
