/** Test support shared by the modules' tests. */
package io.cascadia.testkit;
