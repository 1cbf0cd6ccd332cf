/** The job table (outbox): writing jobs with the change that needs them, claiming them with a lease. */
package io.cascadia.store.jobs;
