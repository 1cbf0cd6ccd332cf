/** Identity: domains, projects, users, roles, assignments, catalog and tokens, as Keystone v3 models them. */
package io.cascadia.core.identity;
