-- Volumes across sites (issue 8).

-- A volume created without a zone goes to any site; it takes the zone of the site that gets it.
alter table volume alter column availability_zone drop not null;

-- Where each volume is attached: what users asked for (attaching, detaching) until the volume's site confirms it
-- (attached). One row per volume: no multiattach. boot_index 0 marks the root volume of a server booted from it;
-- tag is the device tag users gave (Nova 2.49).
-- site_asked_at is when the site was asked for the pending change: a site found back where it was after that has
-- refused it.
create table volume_attachment (
    volume_id             varchar(36)  primary key references volume (id) on delete cascade,
    id                    varchar(36)  not null,
    server_id             varchar(36)  not null,
    device                varchar(255),
    tag                   varchar(60),
    boot_index            integer,
    delete_on_termination boolean      not null,
    state                 varchar(16)  not null,
    host_name             varchar(255),
    attached_at           timestamp(6) with time zone,
    site_asked_at         timestamp(6) with time zone,
    created_at            timestamp(6) with time zone not null,
    updated_at            timestamp(6) with time zone not null
);
create index volume_attachment_server on volume_attachment (server_id);
