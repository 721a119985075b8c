-- A merge in progress (CARD, contact merge): the card being merged away points at the survivor until it is removed,
-- so that a merge that stopped half-way can be run again by whoever may edit the survivor.
alter table contact add column merged_into bigint;
