-- Failed console logins per account and per client address, read and written by every node (issue 12). A key is
-- the SHA-256 of "email:<e-mail>" or "address:<client address>", so the table holds neither. A row is deleted on a
-- successful login (accounts only) or once it expires: its window has passed and it locks nothing out.
create table login_throttle (
    key_hash      varchar(64) not null primary key,
    window_start  timestamp with time zone not null,
    failures      integer not null,
    locked_until  timestamp with time zone,
    expires_at    timestamp with time zone not null
);
