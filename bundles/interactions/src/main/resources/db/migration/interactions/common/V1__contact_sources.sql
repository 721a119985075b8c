-- Contact sources (CARD-8): acquisition tools, Google Analytics client ids and visits.
create sequence acquisition_tool_seq start with 50 increment by 50;
create table acquisition_tool (
    id          bigint       not null primary key,
    project_id  bigint       not null,
    name        varchar(200) not null,
    kind        varchar(40)  not null,
    constraint acquisition_tool_name_uq unique (project_id, name)
);

create table contact_acquisition (
    contact_id  bigint not null,
    tool_id     bigint not null references acquisition_tool (id),
    first_at    timestamp with time zone not null,
    primary key (contact_id, tool_id)
);
create index contact_acquisition_tool_ix on contact_acquisition (tool_id);

create table google_client_id (
    contact_id  bigint      not null,
    client_id   varchar(64) not null,
    first_at    timestamp with time zone not null,
    primary key (contact_id, client_id)
);
create index google_client_id_ix on google_client_id (client_id);

create sequence visit_seq start with 50 increment by 50;
create table visit (
    id            bigint        not null primary key,
    contact_id    bigint        not null,
    visited_at    timestamp with time zone not null,
    referrer      varchar(2000),
    utm_source    varchar(200),
    utm_medium    varchar(200),
    utm_campaign  varchar(200),
    utm_term      varchar(200),
    utm_content   varchar(200)
);
create index visit_contact_ix on visit (contact_id, visited_at desc);
