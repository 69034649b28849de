package io.vpai.harness.gate;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which setting names hold a secret. Names ending in _PATH or _FILE say where a secret lives
 * (Headscale's private_key_path, the image convention POSTGRES_PASSWORD_FILE), not the secret
 * itself, so they are not treated as secrets.
 */
final class SecretNames {
    private static final Pattern SECRET = Pattern.compile("PASSWORD|SECRET|_KEY|TOKEN|DATABASE_URL");
    private static final Pattern LOCATION = Pattern.compile(".*(_PATH|_FILE)");

    private SecretNames() {
    }

    static boolean isSecret(String name) {
        String upper = name.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
        return SECRET.matcher(upper).find() && !LOCATION.matcher(upper).matches();
    }

    /** Enough of a value to recognise it in a report without printing the secret. */
    static String masked(String value) {
        return value.length() <= 2 ? "***" : value.charAt(0) + "***";
    }
}
