/** Sites: the cascaded OpenStacks, known by their Keystone region, and their availability zones. */
package io.cascadia.core.sites;
