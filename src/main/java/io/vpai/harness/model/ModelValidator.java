package io.vpai.harness.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Whole-model consistency: the checks a single record cannot make because they need the others
 * (references, addresses against subnets, the startup graph). Each problem is one line naming the
 * element and what is wrong.
 */
public final class ModelValidator {
    private ModelValidator() {
    }

    /** Throws a {@link ModelException} with the first problem; the usual entry point. */
    public static Stack validate(Stack stack) {
        List<String> problems = problems(stack);
        if (!problems.isEmpty()) {
            throw new ModelException(problems.get(0));
        }
        return stack;
    }

    public static List<String> problems(Stack stack) {
        List<String> problems = new ArrayList<>();
        duplicates(problems, "service", stack.services(), Service::name);
        duplicates(problems, "network", stack.networks(), Network::name);
        duplicates(problems, "host", stack.hosts(), Host::name);
        duplicates(problems, "route", stack.proxy().routes(), Route::id);
        duplicates(problems, "tailnet record", stack.dns().tailnetRecords(), DnsRecord::name);
        duplicates(problems, "public record", stack.dns().publicRecords(), DnsRecord::name);
        subnets(problems, stack);
        attachments(problems, stack);
        publishedPorts(problems, stack);
        dependencies(problems, stack);
        cycles(problems, stack);
        routes(problems, stack);
        tailnetAnswers(problems, stack);
        backupTargets(problems, stack);
        return problems;
    }

    private static <T> void duplicates(List<String> problems, String kind, List<T> items, Function<T, String> key) {
        Set<String> seen = new HashSet<>();
        for (T item : items) {
            String name = key.apply(item);
            if (!seen.add(name)) {
                problems.add(kind + " '" + name + "' is declared twice");
            }
        }
    }

    private static void subnets(List<String> problems, Stack stack) {
        List<Network> networks = stack.networks();
        for (int i = 0; i < networks.size(); i++) {
            for (int j = i + 1; j < networks.size(); j++) {
                Network a = networks.get(i);
                Network b = networks.get(j);
                if (a.subnet().overlaps(b.subnet())) {
                    problems.add("network '" + b.name() + "': subnet " + b.subnet() + " overlaps network '"
                            + a.name() + "' (" + a.subnet() + ")");
                }
            }
        }
    }

    private static void attachments(List<String> problems, Stack stack) {
        Map<String, String> owners = new HashMap<>();
        for (Service service : stack.services()) {
            Set<String> joined = new HashSet<>();
            for (Attachment attachment : service.networks()) {
                String where = "service '" + service.name() + "'";
                if (!joined.add(attachment.network())) {
                    problems.add(where + ": joins network '" + attachment.network() + "' twice");
                }
                Optional<Network> network = stack.network(attachment.network());
                if (network.isEmpty()) {
                    problems.add(where + ": network '" + attachment.network() + "' is not declared");
                    continue;
                }
                Cidr subnet = network.get().subnet();
                if (!subnet.contains(attachment.address())) {
                    problems.add(where + ": address " + attachment.address() + " is outside network '"
                            + attachment.network() + "' (" + subnet + ")");
                } else if (attachment.address().equals(network.get().gateway())
                        || attachment.address().equals(subnet.host(0))) {
                    problems.add(where + ": address " + attachment.address() + " is reserved on network '"
                            + attachment.network() + "' (network or gateway address)");
                }
                String previous = owners.putIfAbsent(attachment.address(), service.name());
                if (previous != null) {
                    problems.add(where + ": address " + attachment.address() + " is already used by service '"
                            + previous + "'");
                }
            }
        }
    }

    /** One host port per protocol: Docker would fail the second bind at bring-up, long after the gate. */
    private static void publishedPorts(List<String> problems, Stack stack) {
        Map<String, String> owners = new HashMap<>();
        for (Service service : stack.services()) {
            Set<String> own = new HashSet<>();
            for (PublishedPort port : service.published()) {
                String previous = owners.putIfAbsent(port.hostSide(), service.name());
                if (previous != null && own.add(port.hostSide())) {
                    problems.add("service '" + service.name() + "': published port " + port.hostSide()
                            + " is already published by service '" + previous + "'");
                }
            }
        }
    }

    private static void dependencies(List<String> problems, Stack stack) {
        for (Service service : stack.services()) {
            for (Dependency dependency : service.dependsOn()) {
                String where = "service '" + service.name() + "'";
                Optional<Service> target = stack.service(dependency.service());
                if (target.isEmpty()) {
                    problems.add(where + ": depends on unknown service '" + dependency.service() + "'");
                } else if (dependency.condition() == Dependency.Condition.HEALTHY
                        && target.get().healthCheck().isEmpty()) {
                    problems.add(where + ": waits for '" + dependency.service()
                            + "' to be healthy, but it has no health check");
                }
            }
        }
    }

    private static void cycles(List<String> problems, Stack stack) {
        DependsOnCycle.first(stack).ifPresent(
                cycle -> problems.add("startup order has a cycle: " + String.join(" -> ", cycle)));
    }

    private static void routes(List<String> problems, Stack stack) {
        Optional<Service> proxy = stack.service(stack.proxy().service());
        if (proxy.isEmpty()) {
            problems.add("proxy: service '" + stack.proxy().service() + "' is not declared");
            return;
        }
        for (Route route : stack.proxy().routes()) {
            if (route.service().isEmpty()) {
                continue;
            }
            String where = "route " + route.id();
            Optional<Service> upstream = stack.service(route.service().get());
            if (upstream.isEmpty()) {
                problems.add(where + ": upstream service '" + route.service().get() + "' is not declared");
            } else if (!stack.shareNetwork(proxy.get(), upstream.get())) {
                problems.add(where + ": " + proxy.get().name() + " cannot reach '" + upstream.get().name()
                        + "' (no shared network; " + proxy.get().name() + " is on " + proxy.get().networkNames()
                        + ", " + upstream.get().name() + " on " + upstream.get().networkNames() + ")");
            } else if (!upstream.get().ports().contains(route.port())) {
                problems.add(where + ": '" + upstream.get().name() + "' does not declare port " + route.port());
            }
        }
    }

    private static void tailnetAnswers(List<String> problems, Stack stack) {
        Cidr tailnet = stack.tailnet().prefix();
        for (DnsRecord record : stack.dns().vpnOnly()) {
            if (!tailnet.contains(record.address())) {
                problems.add("record " + record.name() + ": VPN-only name answers " + record.address()
                        + ", which is not a tailnet address (" + tailnet + ")");
            }
        }
    }

    private static void backupTargets(List<String> problems, Stack stack) {
        for (Backup.Step step : stack.backup().preBackup().steps()) {
            if (!step.service().isEmpty() && stack.service(step.service()).isEmpty()) {
                problems.add("backup step '" + step.describe() + "': service '" + step.service() + "' is not declared");
            }
        }
        Set<String> buckets = new HashSet<>();
        stack.backup().buckets().forEach(b -> buckets.add(b.name()));
        if (!buckets.contains(stack.backup().restic().bucket())) {
            problems.add("restic job: bucket '" + stack.backup().restic().bucket() + "' is not declared");
        }
        for (Backup.Step step : stack.backup().preBackup().steps()) {
            if (step instanceof Backup.Step.SeedCopy copy && !buckets.contains(copy.bucket())) {
                problems.add("backup step '" + step.describe() + "': bucket '" + copy.bucket() + "' is not declared");
            }
        }
    }
}
