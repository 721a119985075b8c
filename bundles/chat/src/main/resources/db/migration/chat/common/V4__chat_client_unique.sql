-- One chat per client on a connection: the ingress finds it (and locks it) by this key.
create unique index chat_client_ux on chat (connection_id, external_user_id);
