/** The top database: connection, migrations and the helpers repositories share. */
package io.cascadia.store;
