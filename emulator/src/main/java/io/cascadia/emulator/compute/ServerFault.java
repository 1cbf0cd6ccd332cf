package io.cascadia.emulator.compute;

import java.time.Instant;

/** Why a server is in ERROR: Nova's instance fault. {@code details} is shown to administrators only for code 500. */
record ServerFault(int code, String message, String details, Instant created) {
}
