/** Per-project quota limits of every service, overriding the service's defaults. */
package io.cascadia.store.quota;
