package io.vpai.harness.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One container of the Sese-AI compose stack, as the seed's Service Matrix and startup graph
 * describe it. Copies are made with {@code withX}; a Service is never mutated.
 */
public record Service(
        String name,
        String displayName,
        Image image,
        List<Attachment> networks,
        List<Integer> ports,
        List<PublishedPort> published,
        Optional<HealthCheck> healthCheck,
        List<Dependency> dependsOn,
        List<Volume> volumes,
        Map<String, Value> environment,
        List<String> command,
        DataClass data,
        boolean needsEgress) {

    /** What losing this service's volumes would cost: the backup rule covers PERSISTENT ones. */
    public enum DataClass { NONE, PERSISTENT, REBUILDABLE }

    public Service {
        Names.require("service", name);
        Names.nonBlank("display name of service '" + name + "'", displayName);
        if (image == null) {
            throw new ModelException("service '" + name + "': image is missing");
        }
        networks = List.copyOf(networks);
        ports = List.copyOf(ports);
        published = List.copyOf(published);
        checkPorts(name, ports, published);
        dependsOn = List.copyOf(dependsOn);
        volumes = List.copyOf(volumes);
        environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        command = List.copyOf(command);
    }

    /** Range and uniqueness, each problem naming the service: {@code service 'caddy': port 80 is declared twice}. */
    private static void checkPorts(String name, List<Integer> ports, List<PublishedPort> published) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (Integer port : ports) {
            if (port == null) {
                throw new ModelException("service '" + name + "': a port is missing (null)");
            }
            owned(name, () -> Ports.check(port));
            if (!seen.add(port)) {
                throw new ModelException("service '" + name + "': port " + port + " is declared twice");
            }
        }
        java.util.Set<String> hostSides = new java.util.HashSet<>();
        for (PublishedPort port : published) {
            if (!hostSides.add(port.hostSide())) {
                throw new ModelException("service '" + name + "': published port " + port.hostSide() + " is declared twice");
            }
        }
    }

    /** Runs a record-level check, prefixing its message with the service that owns the value. */
    private static <T> T owned(String owner, java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (ModelException e) {
            throw new ModelException("service '" + owner + "'" + (e.getMessage().startsWith("network '")
                    ? " on " + e.getMessage() : ": " + e.getMessage()));
        }
    }

    public static Builder builder(String name, String displayName, String image) {
        return new Builder(name, displayName, Image.of(image));
    }

    public boolean isOn(String network) {
        return networks.stream().anyMatch(a -> a.network().equals(network));
    }

    public Optional<String> addressOn(String network) {
        return networks.stream().filter(a -> a.network().equals(network)).map(Attachment::address).findFirst();
    }

    public List<String> networkNames() {
        return networks.stream().map(Attachment::network).toList();
    }

    public Service withNetworks(List<Attachment> value) {
        return new Service(name, displayName, image, value, ports, published, healthCheck, dependsOn, volumes,
                environment, command, data, needsEgress);
    }

    public Service withAttachment(Attachment attachment) {
        List<Attachment> more = new ArrayList<>(networks);
        more.add(attachment);
        return withNetworks(more);
    }

    public Service withoutNetwork(String network) {
        return withNetworks(networks.stream().filter(a -> !a.network().equals(network)).toList());
    }

    public Service withImage(Image value) {
        return new Service(name, displayName, value, networks, ports, published, healthCheck, dependsOn, volumes,
                environment, command, data, needsEgress);
    }

    public Service withPublished(List<PublishedPort> value) {
        return new Service(name, displayName, image, networks, ports, value, healthCheck, dependsOn, volumes,
                environment, command, data, needsEgress);
    }

    public Service withHealthCheck(Optional<HealthCheck> value) {
        return new Service(name, displayName, image, networks, ports, published, value, dependsOn, volumes,
                environment, command, data, needsEgress);
    }

    public Service withDependsOn(List<Dependency> value) {
        return new Service(name, displayName, image, networks, ports, published, healthCheck, value, volumes,
                environment, command, data, needsEgress);
    }

    public Service withVolumes(List<Volume> value) {
        return new Service(name, displayName, image, networks, ports, published, healthCheck, dependsOn, value,
                environment, command, data, needsEgress);
    }

    public Service withEnvironment(Map<String, Value> value) {
        return new Service(name, displayName, image, networks, ports, published, healthCheck, dependsOn, volumes,
                value, command, data, needsEgress);
    }

    public Service withData(DataClass value) {
        return new Service(name, displayName, image, networks, ports, published, healthCheck, dependsOn, volumes,
                environment, command, value, needsEgress);
    }

    /** Fluent construction for the declaration in {@link VpaiStack}; validation happens in the record. */
    public static final class Builder {
        private final String name;
        private final String displayName;
        private final Image image;
        private final List<Attachment> networks = new ArrayList<>();
        private final List<Integer> ports = new ArrayList<>();
        private final List<PublishedPort> published = new ArrayList<>();
        private HealthCheck healthCheck;
        private final List<Dependency> dependsOn = new ArrayList<>();
        private final List<Volume> volumes = new ArrayList<>();
        private final Map<String, Value> environment = new LinkedHashMap<>();
        private final List<String> command = new ArrayList<>();
        private DataClass data = DataClass.NONE;
        private boolean needsEgress;

        private Builder(String name, String displayName, Image image) {
            this.name = name;
            this.displayName = displayName;
            this.image = image;
        }

        public Builder on(String network, String address) {
            networks.add(owned(name, () -> new Attachment(network, address)));
            return this;
        }

        public Builder ports(Integer... values) {
            ports.addAll(List.of(values));
            return this;
        }

        public Builder publish(PublishedPort port) {
            published.add(port);
            return this;
        }

        /** Published on the same port number of host and container; a bad number names this service. */
        public Builder publishTcp(int... values) {
            for (int port : values) {
                published.add(owned(name, () -> PublishedPort.tcp(port)));
            }
            return this;
        }

        public Builder publishUdp(int... values) {
            for (int port : values) {
                published.add(owned(name, () -> PublishedPort.udp(port)));
            }
            return this;
        }

        public Builder health(HealthCheck value) {
            healthCheck = value;
            return this;
        }

        public Builder after(Dependency dependency) {
            dependsOn.add(dependency);
            return this;
        }

        public Builder volume(Volume value) {
            volumes.add(value);
            return this;
        }

        public Builder env(String key, Value value) {
            environment.put(key, value);
            return this;
        }

        public Builder command(String... parts) {
            command.addAll(List.of(parts));
            return this;
        }

        public Builder data(DataClass value) {
            data = value;
            return this;
        }

        public Builder egress() {
            needsEgress = true;
            return this;
        }

        public Service build() {
            return new Service(name, displayName, image, networks, ports, published, Optional.ofNullable(healthCheck),
                    dependsOn, volumes, environment, command, data, needsEgress);
        }
    }
}
