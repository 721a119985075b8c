-- The client card's data (CARD-2..6), tags (CARD-4), subscriptions (CARD-5), funnels (CARD-3) and search (INB-7).

-- names_edited: a manager edited the names, so the channel's profile no longer overwrites them (CARD-2).
-- funnel_key: the funnel the stored funnel_stage belongs to (a project may change funnels; statuses are kept).
-- phone holds E.164 (+ and digits), email lower case, country ISO 3166-1 alpha-2.
-- search_text: lower-cased first name, last name, e-mail, phone digits and About, one per line, maintained by the
-- card bundle on every write; the Search tab's substring match runs on it (trigram-indexed on PostgreSQL).
alter table contact add column names_edited boolean default false not null;
alter table contact add column funnel_key varchar(60);
alter table contact add column search_text varchar(6000) default '' not null;
create index contact_created_ix on contact (project_id, created_at desc, id desc);
create index contact_stage_ix on contact (project_id, funnel_stage, created_at desc, id desc);
create index contact_phone_ix on contact (project_id, phone);
create index contact_email_ix on contact (project_id, email);

-- A project's tag catalogue; name_key is the lower-cased name, unique per project.
create sequence tag_seq start with 50 increment by 50;
create table tag (
    id          bigint      not null primary key,
    project_id  bigint      not null,
    name        varchar(60) not null,
    name_key    varchar(60) not null,
    colour      varchar(7)  not null,
    version     bigint      not null,
    constraint tag_name_uq unique (project_id, name_key)
);

create table contact_tag (
    contact_id  bigint not null references contact (id) on delete cascade,
    tag_id      bigint not null references tag (id) on delete cascade,
    project_id  bigint not null,
    added_at    timestamp with time zone not null,
    primary key (contact_id, tag_id)
);
create index contact_tag_tag_ix on contact_tag (tag_id, contact_id);

-- Automessage chains a client is subscribed to (CARD-5); the chains themselves belong to the automessages plugin.
create table contact_subscription (
    contact_id  bigint       not null references contact (id) on delete cascade,
    project_id  bigint       not null,
    chain       varchar(100) not null,
    chain_name  varchar(200) not null,
    since       timestamp with time zone not null,
    primary key (contact_id, chain)
);
create index contact_subscription_chain_ix on contact_subscription (project_id, chain, contact_id);

-- The last copy of every funnel definition seen (CARD-3): statuses stay readable after its bundle is gone.
-- names_json: {"en": "...", "ru": "..."}.
create table funnel (
    funnel_key  varchar(60)   not null primary key,
    names_json  varchar(2000) not null,
    seen_at     timestamp with time zone not null
);
create table funnel_stage (
    funnel_key   varchar(60)   not null references funnel (funnel_key) on delete cascade,
    stage_key    varchar(60)   not null,
    names_json   varchar(2000) not null,
    stage_order  integer       not null,
    colour       varchar(7)    not null,
    primary key (funnel_key, stage_key)
);

-- The funnel a project chose; a project without a row uses the funnel "default".
create table project_funnel (
    project_id  bigint      not null primary key,
    funnel_key  varchar(60) not null,
    changed_at  timestamp with time zone not null
);
