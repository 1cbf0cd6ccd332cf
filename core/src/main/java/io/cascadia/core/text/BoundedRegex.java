package io.cascadia.core.text;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * Finds a regular expression in a text before a deadline, so a hostile pattern (catastrophic backtracking such as
 * {@code (a+)+$}) cannot hold a thread: the matcher reads the text through a view that checks the clock, and gives
 * up with {@link RegexTimeoutException} once the deadline has passed. Thread-safe; a call costs one clock read per
 * {@value #CHECK_EVERY} characters read.
 */
public final class BoundedRegex {
    private static final int CHECK_EVERY = 1024;

    private BoundedRegex() {
    }

    /**
     * Whether {@code pattern} is found in {@code text}, as {@link java.util.regex.Matcher#find()}.
     *
     * @param deadlineNanos the {@link System#nanoTime()} after which the search is abandoned
     * @throws RegexTimeoutException when the deadline passes before the search ends
     */
    public static boolean find(Pattern pattern, CharSequence text, long deadlineNanos) {
        requireNonNull(pattern, "pattern is null");
        requireNonNull(text, "text is null");
        return pattern.matcher(new DeadlineText(text, deadlineNanos)).find();
    }

    /** The text, read by the matcher; every {@value #CHECK_EVERY} reads compare the clock with the deadline. */
    private static final class DeadlineText implements CharSequence {
        private final CharSequence text;
        private final long deadlineNanos;
        private int reads;

        DeadlineText(CharSequence text, long deadlineNanos) {
            this.text = text;
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public char charAt(int index) {
            if (++reads >= CHECK_EVERY) {
                reads = 0;
                if (System.nanoTime() - deadlineNanos > 0) {
                    throw new RegexTimeoutException();
                }
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new DeadlineText(text.subSequence(start, end), deadlineNanos);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
