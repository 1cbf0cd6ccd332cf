/**
 * HTTP plumbing shared by every OpenStack API Cascadia serves, the top's and the emulated sites': modules mounted
 * under path prefixes, token authentication, request ids, fault bodies per service, and metrics.
 */
package io.cascadia.web;
