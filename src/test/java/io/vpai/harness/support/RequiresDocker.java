package io.vpai.harness.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A spec that needs a Docker engine — unless the target is a real host over SSH. Without one it is skipped with the reason on a developer machine;
 * under CI (CI=true) it runs anyway and fails, because a conformance run that skipped is not a pass.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith({RequiresDocker.Condition.class, SharedTarget.class})
public @interface RequiresDocker {
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String env = SharedTarget.environmentName();
            if (env.equals("preprod") || env.equals("production")) {
                return ConditionEvaluationResult.enabled("the target is a host over SSH: no local Docker needed");
            }
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                return ConditionEvaluationResult.enabled("CI: Docker specs always run");
            }
            return DockerClientFactory.instance().isDockerAvailable()
                    ? ConditionEvaluationResult.enabled("Docker is available")
                    : ConditionEvaluationResult.disabled("no Docker engine reachable (start dockerd, see README)");
        }
    }
}
