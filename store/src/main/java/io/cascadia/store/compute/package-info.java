/** Nova's tables at the top: flavors (with extra specs and access), keypairs, servers with metadata and tags. */
package io.cascadia.store.compute;
