package io.vpai.harness.model;

/**
 * An environment value: a literal, or a reference to a variable the operator supplies. Secrets are
 * always references, so rendered files carry only {@code ${NAME}}.
 */
public sealed interface Value {
    record Literal(String text) implements Value {
        @Override
        public String compose() {
            return text;
        }
    }

    record Variable(String name, boolean secret) implements Value {
        public Variable {
            if (name == null || !name.matches("[A-Z][A-Z0-9_]*")) {
                throw new ModelException("variable name '" + name + "' must match [A-Z][A-Z0-9_]*");
            }
        }

        @Override
        public String compose() {
            return "${" + name + "}";
        }
    }

    String compose();

    static Value literal(String text) {
        return new Literal(text);
    }

    static Value secret(String name) {
        return new Variable(name, true);
    }

    static Value setting(String name) {
        return new Variable(name, false);
    }
}
