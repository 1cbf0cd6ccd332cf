/** Cascadia's admin API: sites, the routing table and jobs, for cloud administrators. */
package io.cascadia.api.admin;
