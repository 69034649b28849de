package io.vpai.harness.support;

import org.junit.jupiter.api.DisplayNameGenerator;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The default display names (junit-platform.properties): a test method without {@code @DisplayName} is named by
 * its method name read as a sentence — {@code everyPathIsOpenExactlyWhereTheModelSaysSo(Target)} becomes "every
 * path is open exactly where the model says so" — because CI servers show that name, and a method signature is
 * not one a reader can use. Classes keep JUnit's standard name (the simple class name) on purpose: every test class
 * states its own sentence with {@code @DisplayName}, and one that forgot shows up in the Surefire XML check.
 */
public final class SentenceNames extends DisplayNameGenerator.Standard {
    @Override
    public String generateDisplayNameForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> testClass,
                                               Method testMethod) {
        return sentence(testMethod.getName());
    }

    /**
     * camelCase and snake_case words, lower-cased; an all-capitals word of two letters or more (TTL, DNS) is kept, and
     * a number is a word of its own unless letters follow it ({@code answered403Passes}: "answered 403 passes"; n8n).
     */
    public static String sentence(String identifier) {
        String spaced = identifier.replace('_', ' ')
                .replaceAll("(?<=[a-z])(?=\\d+([A-Z]|$))", " ")
                .replaceAll("(?<=[a-z0-9])(?=[A-Z])", " ")
                .replaceAll("(?<=[A-Z])(?=[A-Z][a-z])", " ");
        return Arrays.stream(spaced.strip().split(" +"))
                .map(word -> word.length() > 1 && word.equals(word.toUpperCase(Locale.ROOT)) ? word
                        : word.toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" "));
    }
}
