-- The token of the claim that runs a job: a run whose lease was taken over (by another node, or by its own node
-- after the database was away) can neither extend nor finish the job.
alter table job add column lease_token varchar(36);
