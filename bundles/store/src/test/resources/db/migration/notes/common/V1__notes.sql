-- START WITH equals the allocation size: EclipseLink takes nextval as the top of a block of 50
create sequence note_seq start with 50 increment by 50;

create table note (
    id   bigint       primary key,
    text varchar(200) not null,
    constraint note_text_unique unique (text)
);
