-- Client cards (CARD-1..6): one contact per person, identities per channel connection.
create sequence contact_seq start with 50 increment by 50;
create table contact (
    id            bigint       not null primary key,
    project_id    bigint       not null,
    first_name    varchar(120),
    last_name     varchar(120),
    photo_url     varchar(1000),
    funnel_stage  varchar(60),
    email         varchar(254),
    phone         varchar(32),
    gender        varchar(16),
    country       varchar(2),
    city          varchar(120),
    address       varchar(500),
    about         varchar(4000),
    created_at    timestamp with time zone not null,
    version       bigint       not null
);
create index contact_project_ix on contact (project_id, id);

-- The contact as one channel connection knows it (CARD-2): unique per connection and external user id.
create table contact_identity (
    contact_id        bigint       not null references contact (id) on delete cascade,
    connection_id     bigint       not null,
    external_user_id  varchar(200) not null,
    primary key (connection_id, external_user_id)
);
create index contact_identity_contact_ix on contact_identity (contact_id);
