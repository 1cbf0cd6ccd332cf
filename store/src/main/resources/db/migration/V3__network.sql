-- Neutron at the top: networks, subnets, ports and their addresses (central IPAM), routers, security groups,
-- floating IPs. Lists are JSON text where Neutron treats them as one value (pools, routes, DNS servers).

create table network (
    id                      varchar(36)  primary key,
    project_id              varchar(64)  not null,
    name                    varchar(255) not null,
    description             varchar(255) not null,
    admin_state_up          boolean      not null,
    shared                  boolean      not null,
    external                boolean      not null,
    mtu                     integer      not null,
    port_security_enabled   boolean      not null,
    availability_zone_hints varchar(1024) not null,
    revision_number         bigint       not null,
    created_at              timestamp(6) with time zone not null,
    updated_at              timestamp(6) with time zone not null
);
create index network_project on network (project_id, id);
create index network_shared on network (shared, id);
create index network_external on network (external, id);

create table subnet (
    id               varchar(36)  primary key,
    project_id       varchar(64)  not null,
    network_id       varchar(36)  not null references network (id),
    name             varchar(255) not null,
    description      varchar(255) not null,
    ip_version       integer      not null,
    cidr             varchar(64)  not null,
    gateway_ip       varchar(64),
    enable_dhcp      boolean      not null,
    allocation_pools varchar(65536) not null,
    dns_nameservers  varchar(4096) not null,
    host_routes      varchar(65536) not null,
    revision_number  bigint       not null,
    created_at       timestamp(6) with time zone not null,
    updated_at       timestamp(6) with time zone not null
);
create index subnet_network on subnet (network_id);
create index subnet_project on subnet (project_id, id);

-- device_id is the server or router using the port; list views of servers batch-load ports by it.
create table port (
    id                    varchar(36)  primary key,
    project_id            varchar(64)  not null,
    network_id            varchar(36)  not null references network (id),
    name                  varchar(255) not null,
    description           varchar(255) not null,
    admin_state_up        boolean      not null,
    status                varchar(16)  not null,
    mac_address           varchar(17)  not null,
    device_id             varchar(255) not null,
    device_owner          varchar(255) not null,
    port_security_enabled boolean      not null,
    revision_number       bigint       not null,
    created_at            timestamp(6) with time zone not null,
    updated_at            timestamp(6) with time zone not null,
    constraint port_mac_unique unique (network_id, mac_address)
);
create index port_project on port (project_id, id);
create index port_device on port (device_id);
create index port_network on port (network_id);

-- One row per allocated address: the primary key makes an address unique within its network.
create table ip_allocation (
    network_id varchar(36) not null,
    ip_address varchar(64) not null,
    subnet_id  varchar(36) not null references subnet (id),
    port_id    varchar(36) not null references port (id) on delete cascade,
    primary key (network_id, ip_address)
);
create index ip_allocation_port on ip_allocation (port_id);
create index ip_allocation_subnet on ip_allocation (subnet_id);

create table security_group (
    id              varchar(36)  primary key,
    project_id      varchar(64)  not null,
    name            varchar(255) not null,
    description     varchar(255) not null,
    stateful        boolean      not null,
    revision_number bigint       not null,
    created_at      timestamp(6) with time zone not null,
    updated_at      timestamp(6) with time zone not null
);
create index security_group_project on security_group (project_id, name);

-- Only one default group per project, even when two first requests race to create it.
create table default_security_group (
    project_id        varchar(64) primary key,
    security_group_id varchar(36) not null references security_group (id) on delete cascade
);

create table security_group_rule (
    id                varchar(36)  primary key,
    project_id        varchar(64)  not null,
    security_group_id varchar(36)  not null references security_group (id) on delete cascade,
    direction         varchar(8)   not null,
    ethertype         varchar(8)   not null,
    protocol          varchar(32),
    port_range_min    integer,
    port_range_max    integer,
    remote_ip_prefix  varchar(64),
    remote_group_id   varchar(36),
    description       varchar(255) not null,
    revision_number   bigint       not null,
    created_at        timestamp(6) with time zone not null,
    updated_at        timestamp(6) with time zone not null
);
create index security_group_rule_group on security_group_rule (security_group_id);
create index security_group_rule_project on security_group_rule (project_id, id);

create table port_security_group (
    port_id           varchar(36) not null references port (id) on delete cascade,
    security_group_id varchar(36) not null references security_group (id),
    primary key (port_id, security_group_id)
);
create index port_security_group_group on port_security_group (security_group_id);

create table router (
    id                      varchar(36)  primary key,
    project_id              varchar(64)  not null,
    name                    varchar(255) not null,
    description             varchar(255) not null,
    admin_state_up          boolean      not null,
    distributed             boolean      not null,
    gateway_network_id      varchar(36) references network (id),
    gateway_enable_snat     boolean      not null,
    gateway_port_id         varchar(36),
    routes                  varchar(65536) not null,
    availability_zone_hints varchar(1024) not null,
    revision_number         bigint       not null,
    created_at              timestamp(6) with time zone not null,
    updated_at              timestamp(6) with time zone not null
);
create index router_project on router (project_id, id);

create table floating_ip (
    id                  varchar(36)  primary key,
    project_id          varchar(64)  not null,
    floating_network_id varchar(36)  not null references network (id),
    floating_ip_address varchar(64)  not null,
    floating_port_id    varchar(36)  not null,
    port_id             varchar(36) references port (id),
    fixed_ip_address    varchar(64),
    router_id           varchar(36),
    status              varchar(16)  not null,
    description         varchar(255) not null,
    revision_number     bigint       not null,
    created_at          timestamp(6) with time zone not null,
    updated_at          timestamp(6) with time zone not null
);
create index floating_ip_project on floating_ip (project_id, id);
create index floating_ip_port on floating_ip (port_id);

-- Tags of any Neutron resource (Neutron's standard-attr tags), by resource id.
create table resource_tag (
    resource_id varchar(64)  not null,
    tag         varchar(255) not null,
    primary key (resource_id, tag)
);
create index resource_tag_tag on resource_tag (tag);

-- Per-project quota overrides of any service; a missing row means the service's default.
create table quota_limit (
    service    varchar(16) not null,
    project_id varchar(64) not null,
    resource   varchar(64) not null,
    hard_limit integer     not null,
    primary key (service, project_id, resource)
);
