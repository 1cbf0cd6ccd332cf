/** Nova's resources as the top database holds them: servers, flavors, keypairs. */
package io.cascadia.core.compute;
