package io.vpai.harness.environment;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds a strictly read mapping ({@link YamlMapping}) into a record: each component is a key, in the order an
 * "unknown key" error lists them. Components are {@code String} (one non-blank line), {@code int}, {@code boolean},
 * {@code Optional<String>} (may be absent), another record (a nested mapping) or {@code Map<String, R>} (a mapping
 * of names to records). Every problem is the {@link YamlMapping}'s one-line error with the file, line and key path;
 * the lines are kept in {@link KeyLines} for the checks that run on the bound values.
 */
final class YamlBinder {
    /** Exactly one of these (optional) components must be present, as in {@code { build: … } | { image: … }}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface ExactlyOne {
        String[] value();
    }

    private final KeyLines lines;

    private YamlBinder(KeyLines lines) {
        this.lines = lines;
    }

    /** The record bound from {@code mapping}; the lines of every key it read are added to {@code lines}. */
    static <R extends Record> R bind(YamlMapping mapping, Class<R> type, KeyLines lines) {
        return new YamlBinder(lines).record(mapping, type);
    }

    /** The keys a record takes, in declaration order. */
    static List<String> keys(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    private <R> R record(YamlMapping mapping, Class<R> type) {
        lines.anchor(mapping.path(), mapping.anchorLine());
        @SuppressWarnings("unchecked")
        List<String> allowed = keys((Class<? extends Record>) type);
        mapping.allowOnly(allowed);
        ExactlyOne one = type.getAnnotation(ExactlyOne.class);
        if (one != null) {
            mapping.exactlyOne(one.value()[0], one.value()[1]);
        }
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = component(mapping, components[i].getName(), components[i].getGenericType());
        }
        try {
            return type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new)).newInstance(values);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot bind " + type.getSimpleName(), e);
        }
    }

    private Object component(YamlMapping mapping, String key, Type type) {
        if (type instanceof ParameterizedType generic && generic.getRawType() == Optional.class) {
            return mapping.has(key) ? Optional.of(component(mapping, key, generic.getActualTypeArguments()[0]))
                    : Optional.empty();
        }
        Object value = scalarOrMapping(mapping, key, type);
        lines.record(mapping.child(key), mapping.keyLine(key), YamlMapping.line(mapping.value(key)));
        return value;
    }

    private Object scalarOrMapping(YamlMapping mapping, String key, Type type) {
        if (type == String.class) {
            return mapping.string(key);
        }
        if (type == int.class) {
            return mapping.integer(key);
        }
        if (type == boolean.class) {
            return mapping.bool(key);
        }
        if (type instanceof Class<?> nested && nested.isRecord()) {
            return record(mapping.mapping(key), nested);
        }
        if (type instanceof ParameterizedType generic && generic.getRawType() == Map.class
                && generic.getActualTypeArguments()[1] instanceof Class<?> entry && entry.isRecord()) {
            YamlMapping entries = mapping.mapping(key);
            lines.anchor(entries.path(), entries.anchorLine());
            Map<String, Object> bound = new LinkedHashMap<>();
            for (String name : entries.keys()) {
                bound.put(name, component(entries, name, entry));
            }
            return bound;
        }
        throw new IllegalArgumentException("no binding for " + type.getTypeName() + " (key " + mapping.child(key) + ")");
    }
}
