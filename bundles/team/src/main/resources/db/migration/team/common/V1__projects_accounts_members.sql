-- Projects (tenants), accounts (logins) and memberships (an account in a project, with a role).
-- Ids come from sequences whose START equals the allocation size (see the store bundle's README).
create sequence project_seq start with 50 increment by 50;
create table project (
    id          bigint       not null primary key,
    name        varchar(120) not null,
    name_key    varchar(120) not null,
    created_at  timestamp with time zone not null,
    constraint project_name_key_uq unique (name_key)
);

create sequence account_seq start with 50 increment by 50;
create table account (
    id             bigint       not null primary key,
    email          varchar(254) not null,
    display_name   varchar(120) not null,
    password_hash  varchar(100),
    language       varchar(8),
    created_at     timestamp with time zone not null,
    constraint account_email_uq unique (email)
);

create sequence member_seq start with 50 increment by 50;
create table member (
    id          bigint      not null primary key,
    project_id  bigint      not null references project (id),
    account_id  bigint      not null references account (id),
    role        varchar(16) not null,
    see_new     boolean     not null,
    see_others  boolean     not null,
    created_at  timestamp with time zone not null,
    constraint member_project_account_uq unique (project_id, account_id),
    constraint member_role_ck check (role in ('OWNER', 'ADMIN', 'MANAGER'))
);
create index member_account_ix on member (account_id);
