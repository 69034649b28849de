package io.vpai.harness.render;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.vpai.harness.report.Behaviors;
import org.junit.jupiter.api.DisplayName;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.Value;
import io.vpai.harness.model.VpaiStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No rendered file carries a secret: every assignment to a secret-looking name (PASSWORD, SECRET, KEY,
 * TOKEN) is a reference — {@code ${NAME}}, {@code $NAME}, Caddy's {@code {env.NAME}}, LiteLLM's
 * {@code os.environ/NAME} — or empty, and no
 * literal the model gives a secret-looking variable appears anywhere. The twin with a literal password
 * proves the check can fail.
 */
@Tag("gate")
@DisplayName("No rendered file carries a secret")
@Epic(Behaviors.PRE_DEPLOY_GATE)
@Feature(Behaviors.RENDERED_FILES)
class SecretLeakTest {
    private static final Pattern SECRET_NAME = Pattern.compile("(?i)PASSWORD|SECRET|KEY|TOKEN");
    /**
     * Where a secret lives or what it is called, not the secret: Headscale's private_key_path names a file Headscale
     * writes itself; a LiteLLM key_alias names a virtual key.
     */
    private static final Pattern LOCATION_NAME = Pattern.compile("(?i).*[_.-](PATH|FILE|ALIAS)");
    /** NAME=value, NAME: value, export NAME=value, "- NAME=value", with optional quotes around the name. */
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "^\\s*(?:-\\s+)?(?:export\\s+)?[\"']?([A-Za-z_][A-Za-z0-9_.-]*)[\"']?\\s*[:=]\\s*(.*?)\\s*$");

    static List<String> leaks(Stack stack, List<RenderedFile> files) {
        List<String> literals = new ArrayList<>();
        for (Service service : stack.services()) {
            service.environment().forEach((key, value) -> {
                if (SECRET_NAME.matcher(key).find() && value instanceof Value.Literal literal && !literal.text().isBlank()) {
                    literals.add(literal.text());
                }
            });
        }
        List<String> out = new ArrayList<>();
        for (RenderedFile file : files) {
            String[] lines = file.content().split("\n");
            for (int i = 0; i < lines.length; i++) {
                String where = file.path() + ":" + (i + 1);
                for (String literal : literals) {
                    if (lines[i].contains(literal)) {
                        out.add(where + " contains a literal secret value");
                    }
                }
                Matcher m = ASSIGNMENT.matcher(lines[i]);
                if (!lines[i].trim().startsWith("#") && m.matches() && SECRET_NAME.matcher(m.group(1)).find()
                        && !LOCATION_NAME.matcher(m.group(1)).matches()) {
                    String value = m.group(2).replaceAll("^[\"']|[\"']$", "");
                    boolean reference = value.isEmpty() || value.startsWith("$") || value.contains("${") || value.contains("{env.")
                            || value.startsWith("os.environ/");
                    if (!reference) {
                        out.add(where + ": " + m.group(1) + " is assigned a literal");
                    }
                }
            }
        }
        return out;
    }

    @Test
    void theShippedFilesCarryNoSecret() {
        Stack model = VpaiStack.model();

        assertThat(leaks(model, RenderAll.render(model))).isEmpty();
    }

    @Test
    void everySecretLookingComposeVariableIsAReference() {
        Map<String, Object> services = Rendered.map(Rendered.yaml(Rendered.text(SeseComposeRenderer.PATH)).get("services"));
        services.forEach((name, definition) -> {
            Object environment = Rendered.map(definition).get("environment");
            if (environment != null) {
                Rendered.map(environment).forEach((key, value) -> {
                    if (SECRET_NAME.matcher(key).find()) {
                        assertThat(value.toString()).as(name + " " + key).matches("\\$\\{[A-Z][A-Z0-9_]*}");
                    }
                });
            }
        });
    }

    @Test
    void aLiteralPasswordInTheModelIsCaught() {
        Stack model = VpaiStack.model();
        Stack twin = model.withService("postgresql", s -> {
            Map<String, Value> environment = new LinkedHashMap<>(s.environment());
            environment.put("POSTGRES_PASSWORD", Value.literal("hunter2-in-the-model"));
            return s.withEnvironment(environment);
        });

        assertThat(leaks(twin, RenderAll.render(twin)))
                .anySatisfy(leak -> assertThat(leak).startsWith(SeseComposeRenderer.PATH).contains("POSTGRES_PASSWORD is assigned a literal"));
    }
}
