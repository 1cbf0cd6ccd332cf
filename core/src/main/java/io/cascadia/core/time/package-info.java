/** Time formats of the OpenStack APIs. */
package io.cascadia.core.time;
