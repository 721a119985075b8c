-- Chats as the inbox lists them. One client on one channel connection is one chat; its requests and messages
-- come with the chat engine. Ids: sequences whose START equals the allocation size (store bundle README).
create sequence chat_seq start with 50 increment by 50;
create table chat (
    id                       bigint       not null primary key,
    project_id               bigint       not null,
    client_name              varchar(200) not null,
    channel                  varchar(40)  not null,
    state                    varchar(8)   not null,
    responsible_id           bigint,
    previous_responsible_id  bigint,
    last_message             varchar(280),
    last_activity            timestamp with time zone not null,
    version                  bigint       not null,
    constraint chat_state_ck check (state in ('NEW', 'ACTIVE', 'DONE'))
);
-- The tab queries: one state of one project, newest activity first, keyset-paged on (last_activity, id).
create index chat_tab_ix on chat (project_id, state, last_activity desc, id desc);
create index chat_responsible_ix on chat (responsible_id, state, last_activity desc, id desc);

-- Members added to a chat beside its responsible (TEAM-5).
create table chat_participant (
    chat_id    bigint not null references chat (id) on delete cascade,
    member_id  bigint not null,
    primary key (chat_id, member_id)
);
create index chat_participant_member_ix on chat_participant (member_id, chat_id);
