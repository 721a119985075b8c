-- Every row carries its project (architecture §3); visits keep the address they arrived by (CARD-8c).
-- The V1 tables had no writer before this version, so the new columns have nothing to backfill.
alter table contact_acquisition add column project_id bigint;
alter table google_client_id add column project_id bigint;
alter table visit add column project_id bigint;
alter table visit add column url varchar(2000);
create index google_client_id_project_ix on google_client_id (project_id, client_id);
create index contact_acquisition_project_ix on contact_acquisition (project_id, tool_id, contact_id);
