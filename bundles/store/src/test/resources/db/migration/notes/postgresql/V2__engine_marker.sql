create table engine_marker (engine varchar(20) not null);
insert into engine_marker (engine) values ('postgresql');
