-- Jobs users wait for (a server being built) run before background ones (remote ports, sweeps) when both wait.
alter table job add column priority integer not null default 0;
create index job_claim_priority on job (state, priority, id);
