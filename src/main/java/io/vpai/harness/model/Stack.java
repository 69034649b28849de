package io.vpai.harness.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/** The whole infrastructure, declared once. Build it with {@link VpaiStack#model()}; validate with {@link ModelValidator}. */
public record Stack(
        List<Host> hosts,
        Tailnet tailnet,
        Dns dns,
        List<Network> networks,
        List<Service> services,
        Proxy proxy,
        Backup backup,
        Workstation workstation,
        List<SekoService> seko,
        List<Waiver> waivers) {

    /** A container on Seko-VPN, as far as the seed describes it. */
    public record SekoService(String name, Image image, List<String> command, List<Integer> ports,
                              List<PublishedPort> published, List<Volume> volumes, String purpose) {
        public SekoService {
            Names.require("seko service", name);
            command = List.copyOf(command);
            ports = List.copyOf(ports);
            published = List.copyOf(published);
            volumes = List.copyOf(volumes);
        }
    }

    public Stack {
        hosts = List.copyOf(hosts);
        networks = List.copyOf(networks);
        services = List.copyOf(services);
        seko = List.copyOf(seko);
        waivers = List.copyOf(waivers);
    }

    public Optional<Service> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Services that depend on {@code service} directly or transitively, in model order. */
    public List<String> dependentsOf(String service) {
        Set<String> found = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(service));
        while (!todo.isEmpty()) {
            String current = todo.pop();
            for (Service candidate : services) {
                boolean waits = candidate.dependsOn().stream().map(Dependency::service).anyMatch(current::equals);
                if (waits && found.add(candidate.name())) {
                    todo.push(candidate.name());
                }
            }
        }
        return services.stream().map(Service::name).filter(found::contains).toList();
    }

    public Service requireService(String name) {
        return service(name).orElseThrow(() -> new ModelException("no service named '" + name + "'"));
    }

    public Optional<Network> network(String name) {
        return networks.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    public Network requireNetwork(String name) {
        return network(name).orElseThrow(() -> new ModelException("no network named '" + name + "'"));
    }

    public Optional<Host> host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    /** Services sharing at least one network with {@code service}: who it can reach, by Docker's rules. */
    public boolean shareNetwork(Service a, Service b) {
        return a.networkNames().stream().anyMatch(b::isOn);
    }

    public Stack withServices(List<Service> value) {
        return new Stack(hosts, tailnet, dns, networks, value, proxy, backup, workstation, seko, waivers);
    }

    /** A copy with one service changed: the usual way to build a broken model in a test. */
    public Stack withService(String name, UnaryOperator<Service> change) {
        requireService(name);
        List<Service> changed = new ArrayList<>();
        for (Service s : services) {
            changed.add(s.name().equals(name) ? change.apply(s) : s);
        }
        return withServices(changed);
    }

    public Stack withNetworks(List<Network> value) {
        return new Stack(hosts, tailnet, dns, value, services, proxy, backup, workstation, seko, waivers);
    }

    public Stack withDns(Dns value) {
        return new Stack(hosts, tailnet, value, networks, services, proxy, backup, workstation, seko, waivers);
    }

    public Stack withTailnet(Tailnet value) {
        return new Stack(hosts, value, dns, networks, services, proxy, backup, workstation, seko, waivers);
    }

    public Stack withProxy(Proxy value) {
        return new Stack(hosts, tailnet, dns, networks, services, value, backup, workstation, seko, waivers);
    }

    public Stack withBackup(Backup value) {
        return new Stack(hosts, tailnet, dns, networks, services, proxy, value, workstation, seko, waivers);
    }

    public Stack withWaivers(List<Waiver> value) {
        return new Stack(hosts, tailnet, dns, networks, services, proxy, backup, workstation, seko, value);
    }
}
