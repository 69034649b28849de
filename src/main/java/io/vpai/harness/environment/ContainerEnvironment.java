package io.vpai.harness.environment;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ephemeral stack in Docker, started from the rendered compose file plus an override that carries
 * exactly what this record says: image substitutions, TLS mode, health-check interval, fixture networks.
 *
 * @param images one entry per model service, in the model's service order
 */
public record ContainerEnvironment(
        String name,
        String description,
        TlsMode tls,
        Duration healthInterval,
        Map<String, ImageSource> images,
        Fixtures fixtures) implements Environment {

    public ContainerEnvironment {
        Required.nonNull("name description tls fixtures", name, description, tls, fixtures);
        if (healthInterval == null || healthInterval.isNegative() || healthInterval.isZero()) {
            throw EnvironmentException.of("healthInterval", "must be a positive duration, was " + healthInterval);
        }
        images = Collections.unmodifiableMap(new LinkedHashMap<>(images));
    }

    @Override
    public Target target() {
        return Target.CONTAINERS;
    }

    /** A container environment is thrown away after the run: destructive specs may always run. */
    @Override
    public boolean destructiveAllowed() {
        return true;
    }

    public ImageSource image(String service) {
        ImageSource source = images.get(service);
        if (source == null) {
            throw EnvironmentException.of("images." + service, "environment '" + name + "' has no image for service '"
                    + service + "'");
        }
        return source;
    }

    public Fidelity fidelity(String service) {
        return image(service).fidelity();
    }

    /** Services that run as stand-ins here, in model order: specs needing them real are skipped, never passed. */
    public List<String> standIns() {
        return images.entrySet().stream().filter(e -> e.getValue().fidelity() == Fidelity.STAND_IN)
                .map(Map.Entry::getKey).toList();
    }

    public ContainerEnvironment withImage(String service, ImageSource source) {
        image(service);
        Map<String, ImageSource> changed = new LinkedHashMap<>(images);
        changed.put(service, source);
        return new ContainerEnvironment(name, description, tls, healthInterval, changed, fixtures);
    }

    public ContainerEnvironment withTls(TlsMode value) {
        return new ContainerEnvironment(name, description, value, healthInterval, images, fixtures);
    }

    public ContainerEnvironment withHealthInterval(Duration value) {
        return new ContainerEnvironment(name, description, tls, value, images, fixtures);
    }

    public ContainerEnvironment withFixtures(Fixtures value) {
        return new ContainerEnvironment(name, description, tls, healthInterval, images, value);
    }
}
