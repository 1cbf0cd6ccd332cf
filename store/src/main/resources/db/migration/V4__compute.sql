-- Nova at the top: flavors, keypairs and servers. A server's flavor is copied into its row, as Nova does.

create table flavor (
    id          varchar(255) primary key,
    name        varchar(255) not null,
    vcpus       integer      not null,
    ram_mb      integer      not null,
    disk_gb     integer      not null,
    ephemeral_gb integer     not null,
    swap_mb     integer      not null,
    rxtx_factor double precision not null,
    is_public   boolean      not null,
    description varchar(65535),
    deleted     boolean      not null default false,
    created_at  timestamp(6) with time zone not null,
    constraint flavor_name_unique unique (name)
);

create table flavor_extra_spec (
    flavor_id varchar(255) not null references flavor (id) on delete cascade,
    spec_key  varchar(255) not null,
    value     varchar(255) not null,
    primary key (flavor_id, spec_key)
);

create table flavor_access (
    flavor_id  varchar(255) not null references flavor (id) on delete cascade,
    project_id varchar(64)  not null,
    primary key (flavor_id, project_id)
);

create table keypair (
    user_id     varchar(64)  not null,
    name        varchar(255) not null,
    type        varchar(8)   not null,
    public_key  varchar(8192) not null,
    fingerprint varchar(128) not null,
    created_at  timestamp(6) with time zone not null,
    primary key (user_id, name)
);

-- Lists are served straight from these indexes, newest first as Nova sorts (created_at desc, id desc):
-- by project, by project and status or zone, across projects for admins, and by change time for changes-since.
create table server (
    id                varchar(36)  primary key,
    project_id        varchar(64)  not null,
    user_id           varchar(64)  not null,
    name              varchar(255) not null,
    description       varchar(255),
    status            varchar(32)  not null,
    vm_state          varchar(32)  not null,
    task_state        varchar(32),
    power_state       integer      not null,
    availability_zone varchar(255),
    flavor_id         varchar(255) not null,
    flavor_name       varchar(255) not null,
    vcpus             integer      not null,
    ram_mb            integer      not null,
    disk_gb           integer      not null,
    ephemeral_gb      integer      not null,
    swap_mb           integer      not null,
    flavor_extra_specs varchar(65536) not null,
    image_id          varchar(36),
    key_name          varchar(255),
    access_ipv4       varchar(64),
    access_ipv6       varchar(64),
    config_drive      boolean      not null,
    host              varchar(255),
    hostname          varchar(255) not null,
    locked            boolean      not null,
    security_groups   varchar(4096) not null,
    preserved_ports   varchar(4096) not null,
    created_at        timestamp(6) with time zone not null,
    updated_at        timestamp(6) with time zone not null,
    launched_at       timestamp(6) with time zone
);
create index server_project_created on server (project_id, created_at desc, id desc);
create index server_project_status on server (project_id, status, created_at desc, id desc);
create index server_project_zone on server (project_id, availability_zone, created_at desc, id desc);
create index server_project_updated on server (project_id, updated_at);
create index server_created on server (created_at desc, id desc);
create index server_updated on server (updated_at);

create table server_metadata (
    server_id varchar(36)  not null references server (id) on delete cascade,
    meta_key  varchar(255) not null,
    value     varchar(255) not null,
    primary key (server_id, meta_key)
);

create table server_tag (
    server_id varchar(36) not null references server (id) on delete cascade,
    tag       varchar(60) not null,
    primary key (server_id, tag)
);
