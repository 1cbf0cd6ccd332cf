-- Glance at the top. Image data lives in the database too, in chunks, so every Cascadia node serves it.

create table image (
    id               varchar(36)  primary key,
    owner            varchar(64)  not null,
    name             varchar(255),
    status           varchar(16)  not null,
    visibility       varchar(16)  not null,
    protected        boolean      not null,
    disk_format      varchar(16),
    container_format varchar(16),
    min_disk         integer      not null,
    min_ram          integer      not null,
    size_bytes       bigint,
    checksum         varchar(32),
    hash_algo        varchar(16),
    hash_value       varchar(128),
    tags             varchar(65536) not null,
    properties       varchar(65536) not null,
    created_at       timestamp(6) with time zone not null,
    updated_at       timestamp(6) with time zone not null
);
create index image_owner on image (owner, created_at desc, id desc);
create index image_visibility on image (visibility, created_at desc, id desc);

create table image_chunk (
    image_id varchar(36) not null references image (id) on delete cascade,
    seq      integer     not null,
    data     bytea       not null,
    primary key (image_id, seq)
);

-- Projects an image is shared with; status is pending, accepted or rejected.
create table image_member (
    image_id   varchar(36) not null references image (id) on delete cascade,
    member_id  varchar(64) not null,
    status     varchar(16) not null,
    created_at timestamp(6) with time zone not null,
    updated_at timestamp(6) with time zone not null,
    primary key (image_id, member_id)
);
create index image_member_member on image_member (member_id);
