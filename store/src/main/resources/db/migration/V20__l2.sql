-- Cross-site L2 (DESIGN §4).

-- The VXLAN id of each top network, allocated centrally, so every site's copy of the network carries the same
-- VNI and tunnels between sites meet on it.
create table network_segment (
    network_id varchar(36) primary key references network (id) on delete cascade,
    vni        integer     not null,
    created_at timestamp(6) with time zone not null
);
create unique index network_segment_vni on network_segment (vni);

-- Reconcilers keyed by (top resource, site) name their job's resource '<top id>@<region>', so a site that is
-- down holds up only its own jobs: jobs on one resource id run one at a time.
alter table job alter column resource_id set data type varchar(320);
