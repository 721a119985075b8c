-- The client's photo as a file in the blob store (CARD-2): the chat bundle's ingress fetches it from the messenger
-- after the message is stored, and the card shows that copy. photo_file_id names the store's file; there is no
-- foreign key because the file tables belong to the store's own unit and migrations.
alter table contact add column photo_file_id bigint;

-- Before removing a replaced photo, or the photo of a card merged away, the card bundle asks whether another card
-- still shows the file (a survivor that took the merged card's photo).
create index contact_photo_ix on contact (photo_file_id);

-- photo_url held the platform's own address of the photo, which may embed the bot's token (Telegram's file URLs
-- do): such an address must never reach a manager's browser, so the values are cleared. From this version on the
-- card bundle neither reads nor writes the column. It is kept, empty, rather than dropped, so that a node still
-- running the previous version during an upgrade does not fail on a column it maps; a later migration may drop it.
update contact set photo_url = null where photo_url is not null;
