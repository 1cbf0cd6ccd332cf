/** Repositories of the embedded identity service (Keystone v3 subset). */
package io.cascadia.store.identity;
