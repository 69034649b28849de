package io.vpai.harness.backup;

import io.vpai.harness.engine.ShellResult;
import io.vpai.harness.model.HealthCheck;
import io.vpai.harness.model.Service;
import io.vpai.harness.stack.RunningStack;
import io.vpai.harness.wait.Poll;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Waits for stores the drill just started by running their own health command (the model's, the one Docker
 * runs) inside each container until it passes. Docker reports that check only at its next tick, up to one
 * health interval after the store answers, and the drill's next step needs a store that answers, not Docker's
 * status. Whatever the specs after the drill need is awaited on Docker's own status once the drill has
 * finished breaking things ({@link Faults#awaitStackReady}, {@link RestoreProcedure#startConsumers}).
 */
final class StoreReadiness {
    /** A single check's bound: one that hangs is cut off and run again, as Docker would at its own timeout. */
    private static final Duration CHECK = Duration.ofSeconds(10);

    private StoreReadiness() {
    }

    /**
     * Until each of {@code services} passes its own health check; one without a check (or whose check reads a
     * Compose variable the container cannot expand) is awaited on Docker's status instead.
     */
    static void await(RunningStack stack, List<String> services, Duration deadline) {
        for (String service : services) {
            Optional<String> command = ownCheck(stack, service);
            if (command.isEmpty()) {
                StoreConsumers.await(stack, List.of(service), deadline);
                continue;
            }
            Poll.of(service + " passes its own health check (" + command.get() + ")",
                            () -> stack.exec(service, command.get(), CHECK))
                    .describedAs(result -> "exit " + result.exitCode() + ": " + result.tail(2))
                    .until(ShellResult::ok, deadline);
        }
    }

    /** The model's health command, unless Compose would have interpolated something into it first. */
    static Optional<String> ownCheck(RunningStack stack, String service) {
        return stack.model().service(service).flatMap(Service::healthCheck).map(HealthCheck::command)
                .filter(command -> !command.contains("${"));
    }
}
