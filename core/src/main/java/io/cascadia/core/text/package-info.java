/** Text matching that a request cannot turn against the server: regular expressions evaluated within a deadline. */
package io.cascadia.core.text;
