-- Whether a create of the copy may have reached the site: only then must a claimant look for the copy by name
-- before creating it. Rows that exist already are of unknown history, so they count as attempted.
alter table routing add column attempted boolean default true not null;
