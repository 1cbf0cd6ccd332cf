-- Cinder at the top: volume types and volumes, recorded in 'creating' until a site's proxy makes them real.

create table volume_type (
    id          varchar(36)  primary key,
    name        varchar(255) not null,
    description varchar(255),
    is_public   boolean      not null,
    extra_specs varchar(65536) not null,
    constraint volume_type_name_unique unique (name)
);

create table volume (
    id                varchar(36)  primary key,
    project_id        varchar(64)  not null,
    user_id           varchar(64)  not null,
    name              varchar(255),
    description       varchar(255),
    size_gb           integer      not null,
    status            varchar(32)  not null,
    volume_type_name  varchar(255) not null,
    availability_zone varchar(255) not null,
    bootable          boolean      not null,
    source_volume_id  varchar(36),
    snapshot_id       varchar(36),
    image_id          varchar(36),
    multiattach       boolean      not null,
    metadata          varchar(65536) not null,
    created_at        timestamp(6) with time zone not null,
    updated_at        timestamp(6) with time zone not null
);
create index volume_project_created on volume (project_id, created_at desc, id desc);
create index volume_created on volume (created_at desc, id desc);

-- The type every Cinder has, used when a create names none.
insert into volume_type (id, name, description, is_public, extra_specs)
values ('6d9e8f6a-3a4f-4c0e-9d1e-2b7c0c5d1a01', '__DEFAULT__', 'Default Volume Type', true, '{}');
