-- PostgreSQL speed-ups for the Search tab (INB-7, architecture §6); H2 answers the same queries with plain LIKE.
-- pg_trgm is a trusted extension (PostgreSQL 13+): a role with CREATE on the database may create it; otherwise a
-- superuser creates it once ("create extension pg_trgm;" in this database) before Switchboard starts.
create extension if not exists pg_trgm;

-- The substring search: search_text like '%...%' (already lower case) over a trigram index.
create index contact_search_trgm_ix on contact using gin (search_text gin_trgm_ops);

-- The planner chooses between this index and walking contact_created_ix newest first by how many rows it
-- expects a pattern to match; a finer histogram of search_text makes that guess good enough.
alter table contact alter column search_text set statistics 1000;
