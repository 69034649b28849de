package io.vpai.harness.environment;

import io.vpai.harness.model.Ipv4;

import java.util.regex.Pattern;

/** Syntax of SSH host names, user names and IPv4 literals as an environment file may write them. */
final class HostNames {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern DOTTED_QUAD = Pattern.compile("[0-9]{1,3}(?:\\.[0-9]{1,3}){3}");
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

    private HostNames() {
    }

    /** Strict dotted-quad IPv4 (the model's parser also accepts forms like {@code +1}). */
    static boolean isIpv4(String text) {
        return DOTTED_QUAD.matcher(text).matches() && Ipv4.isValid(text);
    }

    /** Null when {@code text} is a host name or an IPv4 address, else what is wrong. */
    static String hostProblem(String text) {
        if (text.isEmpty() || text.length() > 253) {
            return EnvironmentException.quote(text) + " is not a host name or IPv4 address";
        }
        if (text.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            return isIpv4(text) ? null : EnvironmentException.quote(text) + " is not a valid IPv4 address";
        }
        for (String label : text.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return EnvironmentException.quote(text) + " is not a host name or IPv4 address";
            }
        }
        return null;
    }

    /** Null when {@code text} is a POSIX-style login name, else what is wrong. */
    static String userProblem(String text) {
        return USER.matcher(text).matches() ? null
                : EnvironmentException.quote(text) + " is not a user name (expected " + USER.pattern() + ")";
    }
}
