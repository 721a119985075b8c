-- Channel connections as the channel platform needs them (architecture §3, §4): settings (secrets sealed by the
-- store's Secrets, AES-GCM), a state an owner switches, the status its connector reports, the unguessable key of its
-- webhook URL and a version, so that every node's cache can tell a changed connection from the one it holds.
alter table channel_connection add column state varchar(10) default 'ENABLED' not null;
alter table channel_connection add column version bigint default 1 not null;
-- the non-secret settings as a JSON object; secrets as one sealed JSON object
alter table channel_connection add column settings varchar(20000) default '{}' not null;
alter table channel_connection add column secrets varchar(20000);
-- /hooks/<type>/<webhook_key>: 43 characters of base64url (32 random bytes)
alter table channel_connection add column webhook_key varchar(64);
-- sealed: what the connector registers at the platform (Telegram's secret_token)
alter table channel_connection add column webhook_secret varchar(400);
alter table channel_connection add column status varchar(10) default 'PENDING' not null;
alter table channel_connection add column last_error varchar(1000);
alter table channel_connection add column last_error_at timestamp with time zone;
alter table channel_connection add column last_webhook_at timestamp with time zone;
alter table channel_connection add column deleted_at timestamp with time zone;
create unique index channel_connection_key_ux on channel_connection (webhook_key);
alter table channel_connection add constraint channel_connection_state_ck
    check (state in ('ENABLED', 'DISABLED', 'DELETED'));
alter table channel_connection add constraint channel_connection_status_ck
    check (status in ('PENDING', 'CONNECTED', 'FAILING'));
-- a deleted connection gives its name back to the project
alter table channel_connection drop constraint channel_connection_name_uk;
