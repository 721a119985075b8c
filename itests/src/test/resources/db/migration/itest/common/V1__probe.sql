-- A plugin's own migration, applied from the test probe bundle: proves that a bundle other than the core can
-- bring its own migration set and history table.
create table itest_probe (id bigint not null primary key, note varchar(40) not null);
insert into itest_probe (id, note) values (1, 'migrated');
