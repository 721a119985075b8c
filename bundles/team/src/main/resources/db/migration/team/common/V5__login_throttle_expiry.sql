-- Expired throttle rows are deleted by their expiry (issue 12); one DDL change per script for H2.
create index login_throttle_expires_ix on login_throttle (expires_at);
