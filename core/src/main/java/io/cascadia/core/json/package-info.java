/** JSON: the shared mapper and typed, validating reads of request bodies. */
package io.cascadia.core.json;
