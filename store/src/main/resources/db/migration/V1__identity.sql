-- Embedded identity: the Keystone v3 subset Cascadia serves itself.

create table domain (
    id          varchar(64)  primary key,
    name        varchar(255) not null,
    description varchar(1024) not null default '',
    enabled     boolean      not null,
    constraint domain_name_unique unique (name)
);

create table project (
    id          varchar(64)  primary key,
    domain_id   varchar(64)  not null references domain (id),
    name        varchar(64)  not null,
    description varchar(1024) not null default '',
    enabled     boolean      not null,
    parent_id   varchar(64),
    constraint project_name_unique unique (domain_id, name)
);

create table identity_user (
    id                 varchar(64)  primary key,
    domain_id          varchar(64)  not null references domain (id),
    name               varchar(255) not null,
    password_hash      varchar(255),
    enabled            boolean      not null,
    default_project_id varchar(64),
    email              varchar(255),
    description        varchar(1024),
    constraint user_name_unique unique (domain_id, name)
);

create table role (
    id          varchar(64)  primary key,
    name        varchar(255) not null,
    description varchar(1024),
    constraint role_name_unique unique (name)
);

-- "prior implies implied", as Keystone's implied roles: admin implies member implies reader.
create table implied_role (
    prior_role_id   varchar(64) not null references role (id) on delete cascade,
    implied_role_id varchar(64) not null references role (id) on delete cascade,
    primary key (prior_role_id, implied_role_id)
);

-- target_type is 'project' or 'domain'; inherited assignments on a domain apply to all its projects.
create table role_assignment (
    user_id     varchar(64) not null references identity_user (id) on delete cascade,
    target_type varchar(16) not null,
    target_id   varchar(64) not null,
    role_id     varchar(64) not null references role (id) on delete cascade,
    inherited   boolean     not null,
    primary key (user_id, target_type, target_id, role_id, inherited)
);
create index role_assignment_target on role_assignment (target_type, target_id);
create index role_assignment_role on role_assignment (role_id);

create table region (
    id               varchar(255) primary key,
    description      varchar(1024) not null default '',
    parent_region_id varchar(255)
);

create table catalog_service (
    id          varchar(64)  primary key,
    type        varchar(255) not null,
    name        varchar(255) not null default '',
    description varchar(1024) not null default '',
    enabled     boolean      not null
);

create table endpoint (
    id         varchar(64)  primary key,
    service_id varchar(64)  not null references catalog_service (id) on delete cascade,
    region_id  varchar(255) references region (id),
    interface  varchar(8)   not null,
    url        varchar(1024) not null,
    enabled    boolean      not null
);
create index endpoint_service on endpoint (service_id);

-- Only a hash of each token is kept, so the table does not hold usable credentials.
create table token (
    token_hash      varchar(64)  primary key,
    user_id         varchar(64)  not null,
    project_id      varchar(64),
    domain_id       varchar(64),
    methods         varchar(255) not null,
    audit_id        varchar(32)  not null,
    parent_audit_id varchar(32),
    issued_at       timestamp(6) with time zone not null,
    expires_at      timestamp(6) with time zone not null,
    revoked_at      timestamp(6) with time zone
);
create index token_expires on token (expires_at);
create index token_user on token (user_id);
