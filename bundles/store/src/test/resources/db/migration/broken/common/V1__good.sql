create table good_table (id bigint primary key);
