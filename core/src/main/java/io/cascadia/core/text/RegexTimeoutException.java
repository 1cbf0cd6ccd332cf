package io.cascadia.core.text;

/** A regular expression whose search did not end before its deadline (see {@link BoundedRegex}). */
public final class RegexTimeoutException extends RuntimeException {
    public RegexTimeoutException() {
        super("regular expression search exceeded its deadline", null, false, false);
    }
}
