create table half_done (id bigint primary key);
insert into half_done (id) values (1);
insert into no_such_table (id) values (1);
