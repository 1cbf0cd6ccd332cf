-- One row per service and project, locked (select ... for update) by every create that counts against the project's
-- quota in that service, in the create's transaction: concurrent creates are then counted and inserted one at a time.
create table quota_lock (
    service    varchar(16) not null,
    project_id varchar(64) not null,
    primary key (service, project_id)
);
