-- The power action asked for at the top and not yet taken to the server's site (a core ServerAction name), so that
-- the nova proxy reconciles from the server's row instead of from the job that carried it. Tombstones are copies of
-- server rows (select *), so they get the column too.
alter table server add column requested_action varchar(16);
alter table server_tombstone add column requested_action varchar(16);
