-- Jobs run one at a time per resource, and a resource is a kind and an id: keypair 5 and flavor 5 are two resources.
drop index job_resource;
create index job_resource on job (resource_id, resource_type, state);
