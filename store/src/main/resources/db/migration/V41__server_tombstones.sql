-- Deleted servers, kept for a while so that changes-since lists report them as DELETED, as Nova does. Same columns
-- as server: a deleted row moves here as it is (a column added to server must be added here too).
create table server_tombstone as select * from server with no data;
alter table server_tombstone alter column id set not null;
alter table server_tombstone add primary key (id);
create index server_tombstone_project_updated on server_tombstone (project_id, updated_at);
create index server_tombstone_updated on server_tombstone (updated_at);
