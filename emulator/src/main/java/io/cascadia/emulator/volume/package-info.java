/**
 * The emulated site's Cinder v3: volumes with their state machine (creating, available, attaching, in-use,
 * detaching, error), attachments to servers made through Nova, volume types and availability zones.
 */
package io.cascadia.emulator.volume;
