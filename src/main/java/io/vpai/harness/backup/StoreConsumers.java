package io.vpai.harness.backup;

import io.vpai.harness.engine.ContainerState;
import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.model.Dependency;
import io.vpai.harness.model.Service;
import io.vpai.harness.stack.RunningStack;
import io.vpai.harness.wait.Poll;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The applications that keep connections to the stores (n8n and LiteLLM on PostgreSQL and Redis), real
 * ones only: a stand-in holds no connection and no data. The runbook stops them before the stores are
 * wiped or loaded, so nothing migrates an empty database or writes into a half-loaded one, and starts
 * them once the data is back. Waits are per service, so a stopped consumer never reads as a failure.
 */
public final class StoreConsumers {
    private StoreConsumers() {
    }

    /** Real services that depend directly on one of {@code stores}, in model order. */
    public static List<String> of(RunningStack stack, List<String> stores) {
        List<String> out = new ArrayList<>();
        for (Service service : stack.model().services()) {
            boolean consumer = service.dependsOn().stream().map(Dependency::service).anyMatch(stores::contains);
            if (consumer && !stores.contains(service.name()) && stack.fidelity(service.name()) == Fidelity.REAL) {
                out.add(service.name());
            }
        }
        return out;
    }

    /** Stops them in one {@code docker stop}, which stops its containers concurrently. */
    public static void stop(RunningStack stack, List<String> services) {
        if (services.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(List.of("stop", "-t", "20"));
        for (String service : services) {
            stack.forgetSidecar(service);
            args.add(stack.container(service));
        }
        HostDocker.require("stop " + services, args.toArray(String[]::new));
    }

    public static void start(RunningStack stack, List<String> services, Duration deadline) {
        for (String service : services) {
            HostDocker.require("start " + service, "start", stack.container(service));
        }
        await(stack, services, deadline);
    }

    /** Starts whichever of {@code services} is not running (after a drill stopped half-way) and waits for them. */
    public static void ensureRunning(RunningStack stack, List<String> services, Duration deadline) {
        Map<String, ContainerState> states = stack.states();
        List<String> stopped = services.stream().filter(s -> {
            ContainerState state = states.getOrDefault(s, ContainerState.ABSENT);
            return state == ContainerState.EXITED || state == ContainerState.CREATED;
        }).toList();
        start(stack, stopped, deadline);
    }

    /** Waits until each of {@code services} is healthy (or running, without a health check). */
    public static void await(RunningStack stack, List<String> services, Duration deadline) {
        Poll.of(services + " ready on " + stack.name(), stack::states)
                .describedAs(states -> services.stream().map(s -> s + " (" + states.get(s) + ")")
                        .collect(Collectors.joining(", ")))
                .until(states -> services.stream().allMatch(s -> states.getOrDefault(s, ContainerState.ABSENT)
                        .ready(stack.model().service(s).flatMap(Service::healthCheck).isPresent())), deadline);
    }
}
