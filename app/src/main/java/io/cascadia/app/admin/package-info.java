/** The {@code cascadia admin} command line: a client of the admin API that prints tables or JSON. */
package io.cascadia.app.admin;
