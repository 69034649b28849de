package io.vpai.harness.gate;

import io.vpai.harness.check.Finding;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A literal in the model is a literal in the committed compose file. Secret-looking settings must
 * be variable references (rendered as {@code ${NAME}}) supplied by the operator's .env. Command
 * arguments are checked too, since the seed's Redis takes its password on the command line.
 */
public final class NoLiteralSecretsRule implements GateRule {
    public static final String ID = "secrets.no-literal";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "no secret-named environment value or command argument is a literal";
    }

    @Override
    public List<Finding> evaluate(Stack stack) {
        List<Finding> findings = new ArrayList<>();
        for (Service service : stack.services()) {
            findings.addAll(judge(service));
        }
        return findings;
    }

    private static List<Finding> judge(Service service) {
        List<Finding> failures = new ArrayList<>();
        int secrets = 0;
        for (Map.Entry<String, Value> entry : service.environment().entrySet()) {
            if (!SecretNames.isSecret(entry.getKey())) {
                continue;
            }
            secrets++;
            if (entry.getValue() instanceof Value.Literal literal) {
                failures.add(Finding.fail(ID, service.name(), "service '" + service.name() + "': " + entry.getKey()
                        + " is the literal '" + SecretNames.masked(literal.text())
                        + "'; use a secret variable so the compose file carries only ${...}"));
            }
        }
        failures.addAll(commandSecrets(service));
        if (!failures.isEmpty()) {
            return failures;
        }
        return List.of(Finding.pass(ID, service.name(), "service '" + service.name() + "': " + secrets
                + " secret setting(s), all variable references"));
    }

    /** {@code --requirepass xyz} or {@code --password=xyz}: the value must be a ${VARIABLE}. */
    private static List<Finding> commandSecrets(Service service) {
        List<Finding> findings = new ArrayList<>();
        List<String> args = service.command();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-")) {
                continue;
            }
            String flag = arg.replaceFirst("^-+", "");
            String value;
            int eq = flag.indexOf('=');
            if (eq >= 0) {
                value = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
                value = args.get(i + 1);
            } else {
                continue;
            }
            boolean secretFlag = SecretNames.isSecret(flag) || flag.toLowerCase().contains("pass");
            if (secretFlag && !value.isEmpty() && !value.contains("${")) {
                findings.add(Finding.fail(ID, service.name(), "service '" + service.name() + "': command argument "
                        + arg.replaceFirst("=.*", "") + " is the literal '" + SecretNames.masked(value)
                        + "'; pass ${VARIABLE} instead"));
            }
        }
        return findings;
    }
}
