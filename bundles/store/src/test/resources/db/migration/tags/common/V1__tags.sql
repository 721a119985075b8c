create table tag (name varchar(40) primary key);
