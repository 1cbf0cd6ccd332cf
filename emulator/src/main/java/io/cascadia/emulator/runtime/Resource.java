package io.cascadia.emulator.runtime;

import java.time.Instant;

/** A stored resource as the tables index it: by id, by owning project, and by last change. */
public interface Resource {
    String id();

    /** The owning project; never null (resources created without one belong to the empty project ""). */
    String projectId();

    Instant createdAt();

    Instant updatedAt();
}
