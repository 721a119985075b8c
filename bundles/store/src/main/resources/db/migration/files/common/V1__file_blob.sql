-- The blob store (INP-2, INP-3): one row per file, its bytes in chunks of at most 256 KiB. Chunks, not one large
-- value, because the PostgreSQL driver materialises a whole bytea value of a row: a file is written and read
-- chunk by chunk and never held whole in memory. bytea is binary varying on H2.
-- Ids are taken with plain JDBC (nextval per file), so the allocation size is 1 and START equals it.
create sequence file_blob_seq start with 1 increment by 1;
create table file_blob (
    id            bigint        not null primary key,
    project_id    bigint        not null,
    name          varchar(255)  not null,
    content_type  varchar(200)  not null,
    kind          varchar(10)   not null,
    size          bigint        not null,
    created_at    timestamp with time zone not null,
    -- referenced by a message, a card's photo, ...; unclaimed files older than a day are removed
    claimed       boolean       not null,
    -- false while the upload is being written: such a file is neither found nor opened, and is removed like an
    -- unclaimed one if its writer died before removing it
    complete      boolean       not null,
    constraint file_blob_kind_ck check (kind in ('IMAGE', 'VIDEO', 'AUDIO', 'FILE'))
);
create index file_blob_unclaimed_ix on file_blob (claimed, created_at);

create table file_chunk (
    file_id  bigint   not null references file_blob (id) on delete cascade,
    seq      integer  not null,
    data     bytea    not null,
    primary key (file_id, seq)
);
