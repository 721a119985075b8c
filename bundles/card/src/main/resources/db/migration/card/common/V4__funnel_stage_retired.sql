-- A stage a funnel no longer defines (its configuration dropped it) stays in the copy, marked retired, so that
-- cards still at that stage keep showing its name and colour (CARD-3: statuses are never lost).
alter table funnel_stage add column retired boolean default false not null;
