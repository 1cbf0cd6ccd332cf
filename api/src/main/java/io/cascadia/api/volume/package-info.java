/**
 * Cinder v3 at the top, mounted at {@code /volume} ({@code /v3/{project_id}/...}): volumes recorded in
 * {@code creating} with their {@code volume.create} job, volume types, zones and limits.
 */
package io.cascadia.api.volume;
