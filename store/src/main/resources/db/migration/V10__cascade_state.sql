-- What the proxies learn from sites and write back to the top.

-- The fault of a server in ERROR, as Nova shows it: one per server, replaced when a new one happens.
create table server_fault (
    server_id  varchar(36)   primary key references server (id) on delete cascade,
    code       integer       not null,
    message    varchar(1024) not null,
    details    varchar(4096),
    created_at timestamp(6) with time zone not null
);

-- Where each copy of a port is bound in a site: the host, the host's tunnel endpoint (VTEP) and the port's
-- status there. This is what l2 population at the top reads.
create table port_binding (
    port_id    varchar(36)  not null references port (id) on delete cascade,
    region     varchar(255) not null,
    host       varchar(255),
    vtep       varchar(64),
    status     varchar(16)  not null,
    updated_at timestamp(6) with time zone not null,
    primary key (port_id, region)
);
create index port_binding_region on port_binding (region);
