-- The Search tab's group and responsible filters (INB-7) ask whether a contact has a chat in a group or with a
-- responsible: this index answers both from the index alone, for each candidate contact.
create index chat_contact_team_ix on chat (contact_id, group_id, responsible_id);
