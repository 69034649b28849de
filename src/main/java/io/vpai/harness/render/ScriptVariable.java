package io.vpai.harness.render;

import java.util.Optional;

/**
 * An environment variable a rendered script reads. {@code defaultValue} is production's, used when
 * the variable is unset or empty; {@code fallback} names the stack's .env variable that supplies it
 * when it is not set under its own name (PGPASSWORD from POSTGRES_PASSWORD), so one .env serves both
 * Compose and cron.
 */
public record ScriptVariable(String name, String description, Optional<String> defaultValue,
                             Optional<String> fallback, boolean required, boolean secret) {

    static ScriptVariable optional(String name, String description, String defaultValue) {
        return new ScriptVariable(name, description, Optional.of(defaultValue), Optional.empty(), false, false);
    }

    static ScriptVariable required(String name, String description, boolean secret) {
        return new ScriptVariable(name, description, Optional.empty(), Optional.empty(), true, secret);
    }

    ScriptVariable withFallback(String variable) {
        return variable.equals(name) ? this
                : new ScriptVariable(name, description, defaultValue, Optional.of(variable), required, secret);
    }

    /** The bash line that settles the value: own name, else the fallback, else the default, else empty. */
    String assignment() {
        String value = defaultValue.orElse("");
        if (!value.matches("[A-Za-z0-9_./:@-]*")) {
            throw new io.vpai.harness.model.ModelException("script variable " + name + " '" + value + "' is not safe inside a double-quoted expansion");
        }
        String otherwise = fallback.map(f -> "${" + f + ":-" + defaultValue.orElse("") + "}")
                .orElse(defaultValue.orElse(""));
        return name + "=\"${" + name + ":-" + otherwise + "}\"";
    }
}
