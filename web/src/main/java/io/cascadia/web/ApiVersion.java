package io.cascadia.web;

import io.cascadia.core.error.OpenStackException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A microversion such as {@code 2.79}: compared numerically, so 2.10 is newer than 2.9. */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {
    private static final Pattern FORM = Pattern.compile("(\\d{1,4})\\.(\\d{1,4})");

    public static ApiVersion of(int major, int minor) {
        return new ApiVersion(major, minor);
    }

    /**
     * @throws OpenStackException BAD_REQUEST when the text is not {@code <major>.<minor>}
     */
    public static ApiVersion parse(String text) {
        Matcher matcher = FORM.matcher(text.trim());
        if (!matcher.matches()) {
            throw OpenStackException.badRequest("API Version String " + text.trim() + " is of invalid format. Must be of format MajorNum.MinorNum.");
        }
        return new ApiVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    public boolean atLeast(int major, int minor) {
        return compareTo(new ApiVersion(major, minor)) >= 0;
    }

    @Override
    public int compareTo(ApiVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
