package io.vpai.harness.gate;

import io.vpai.harness.check.Finding;
import io.vpai.harness.model.Stack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What ships must not carry a secret, whatever the model says: the rendered texts (compose files,
 * Caddyfile, Headscale config, backup script, .env.example) are scanned for the values of known
 * secrets and for secret-named assignments ({@code PASSWORD=xyz}, {@code password: xyz}) whose
 * value is not a reference ({@code ${X}}, {@code $X}, Caddy's {@code {env.X}} / {@code {$X}}, LiteLLM's
 * {@code os.environ/X}).
 * It takes the texts rather than rendering them so the gate does not depend on the renderers.
 * Findings name file:line and never print a secret.
 */
public final class RenderedFilesSecretsRule implements GateRule {
    public static final String ID = "secrets.rendered-files";

    /** {@code KEY=value}, {@code - KEY=value}, {@code export KEY=value}, {@code key: value}, quoted keys. */
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "^\\s*(?:-\\s+)?(?:export\\s+)?[\"']?([A-Za-z_][A-Za-z0-9_.-]*)[\"']?\\s*[:=]\\s*(.*?)\\s*$");
    private static final Pattern TRAILING_COMMENT = Pattern.compile("\\s+#.*$");

    private final Map<String, String> textsByName;
    private final Map<String, String> secretValuesByName;

    /**
     * @param textsByName        file name (as committed, e.g. compose/docker-compose.yml) to its text
     * @param secretValuesByName variable name to the value the environment uses, e.g. POSTGRES_PASSWORD to the
     *                           generated test password; only names are ever printed
     */
    public RenderedFilesSecretsRule(Map<String, String> textsByName, Map<String, String> secretValuesByName) {
        this.textsByName = new LinkedHashMap<>(textsByName);
        this.secretValuesByName = new LinkedHashMap<>(secretValuesByName);
        this.secretValuesByName.values().removeIf(String::isBlank);
    }

    /** Unnamed texts ("text 1", "text 2"…) and unnamed secret values, when a caller has nothing better. */
    public RenderedFilesSecretsRule(List<String> texts, Collection<String> secretValues) {
        this(numbered("text ", texts), numbered("known secret ", List.copyOf(secretValues)));
    }

    private static Map<String, String> numbered(String prefix, List<String> values) {
        Map<String, String> named = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            named.put(prefix + (i + 1), values.get(i));
        }
        return named;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "no rendered file contains a secret value or a literal secret assignment";
    }

    @Override
    public List<Finding> evaluate(Stack stack) {
        List<Finding> findings = new ArrayList<>();
        if (textsByName.isEmpty()) {
            findings.add(Finding.skipped(ID, "rendered files", "no rendered files were given to scan"));
        }
        textsByName.forEach((name, text) -> findings.addAll(scan(name, text)));
        return findings;
    }

    private List<Finding> scan(String file, String text) {
        List<Finding> failures = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String where = file + ":" + (i + 1);
            String line = lines[i];
            String leaked = leakedSecret(line);
            if (leaked != null) {
                failures.add(Finding.fail(ID, file, where + " contains the value of " + leaked));
                continue;
            }
            Matcher m = ASSIGNMENT.matcher(line);
            if (m.matches() && SecretNames.isSecret(m.group(1))) {
                String value = unquote(TRAILING_COMMENT.matcher(m.group(2)).replaceFirst(""));
                if (!isReference(value)) {
                    failures.add(Finding.fail(ID, file, where + ": " + m.group(1) + " is the literal '"
                            + SecretNames.masked(value) + "'; render a reference such as ${" + m.group(1) + "}"));
                }
            }
        }
        if (!failures.isEmpty()) {
            return failures;
        }
        return List.of(Finding.pass(ID, file, file + ": " + lines.length + " lines, no secret value or literal secret"));
    }

    private String leakedSecret(String line) {
        for (Map.Entry<String, String> secret : secretValuesByName.entrySet()) {
            if (line.contains(secret.getValue())) {
                return secret.getKey();
            }
        }
        return null;
    }

    /** Empty, a variable or a block scalar whose content is on the next lines: none of these is a literal secret. */
    private static boolean isReference(String value) {
        return value.isEmpty() || value.startsWith("$") || value.contains("${") || value.contains("{env.")
                || value.contains("{$") || value.startsWith("os.environ/") || value.equals("|") || value.equals(">");
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
