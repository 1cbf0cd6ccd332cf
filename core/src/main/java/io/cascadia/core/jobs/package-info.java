/** Jobs: the outbox entries that drive proxies toward the top's desired state. */
package io.cascadia.core.jobs;
