/** Errors as the APIs report them: a kind (the HTTP status) and a message, rendered per service by the web layer. */
package io.cascadia.core.error;
