/** Id generation and recognition in the forms the OpenStack services use. */
package io.cascadia.core.id;
