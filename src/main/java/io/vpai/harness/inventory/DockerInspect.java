package io.vpai.harness.inventory;

import java.util.List;
import java.util.Map;

/**
 * The part of one {@code docker inspect} entry the harness reads, as Docker's Engine API documents it. Names
 * match Docker's keys case-insensitively ({@code id} reads {@code Id}, {@code ipamConfig} reads
 * {@code IPAMConfig}); anything else Docker prints is ignored. Absent objects are null, absent lists and maps
 * empty: {@link InspectedContainer#parse} reads them through the null-safe accessors below.
 */
record DockerInspect(String id, Config config, State state, HostConfig hostConfig, NetworkSettings networkSettings,
                     List<Mount> mounts) {
    record Config(String image, Map<String, String> labels, Healthcheck healthcheck) {
    }

    record Healthcheck(List<String> test, long interval) {
    }

    record State(String status, boolean running, Health health) {
    }

    record Health(String status, List<HealthLog> log) {
    }

    record HealthLog(String output) {
    }

    record HostConfig(RestartPolicy restartPolicy, Map<String, List<PortBinding>> portBindings) {
    }

    record RestartPolicy(String name) {
    }

    record PortBinding(String hostIp, String hostPort) {
    }

    record NetworkSettings(Map<String, Endpoint> networks) {
    }

    record Endpoint(IpamConfig ipamConfig) {
    }

    record IpamConfig(String ipv4Address) {
    }

    /** {@code RW} absent reads as writable, as Docker means it. */
    record Mount(String type, String source, String destination, Boolean rw) {
    }

    Config configOrEmpty() {
        return config != null ? config : new Config(null, null, null);
    }

    State stateOrEmpty() {
        return state != null ? state : new State(null, false, null);
    }

    HostConfig hostConfigOrEmpty() {
        return hostConfig != null ? hostConfig : new HostConfig(null, null);
    }

    Map<String, String> labels() {
        Map<String, String> labels = configOrEmpty().labels();
        return labels != null ? labels : Map.of();
    }

    Map<String, Endpoint> networks() {
        return networkSettings != null && networkSettings.networks() != null ? networkSettings.networks() : Map.of();
    }

    List<Mount> mountsOrEmpty() {
        return mounts != null ? mounts : List.of();
    }
}
