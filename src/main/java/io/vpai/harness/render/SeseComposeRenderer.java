package io.vpai.harness.render;

import io.vpai.harness.model.Attachment;
import io.vpai.harness.model.Dependency;
import io.vpai.harness.model.Network;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;
import io.vpai.harness.model.Value;
import io.vpai.harness.model.Volume;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Sese-AI stack as a Compose file that docker-compose 1.29.2 and Compose v2 both accept: no
 * {@code version:} (1.29 reads a version-less file as the Compose Specification, v2 ignores the key
 * anyway) and no {@code name:} (1.29 rejects it; the project name comes from {@code -p}). No
 * {@code container_name} either, so two projects — production and a test run — can coexist.
 */
public final class SeseComposeRenderer implements Renderer {
    public static final String PATH = "sese-ai/docker-compose.yml";

    @Override
    public List<RenderedFile> render(Stack stack) {
        return List.of(ComposeSyntax.file(PATH, SeseComposeRenderer.class, document(stack)));
    }

    static Map<String, Object> document(Stack stack) {
        Map<String, Object> services = new LinkedHashMap<>();
        for (Service service : stack.services()) {
            services.put(service.name(), service(stack, service));
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("services", services);
        root.put("networks", networks(stack));
        Map<String, Object> volumes = namedVolumes(stack.services().stream().flatMap(s -> s.volumes().stream()).toList());
        if (!volumes.isEmpty()) {
            root.put("volumes", volumes);
        }
        return root;
    }

    private static Map<String, Object> service(Stack stack, Service service) {
        Map<String, Object> out = ComposeSyntax.service(service.image().reference(), service.command());
        if (!service.environment().isEmpty()) {
            Map<String, Object> environment = new LinkedHashMap<>();
            for (Map.Entry<String, Value> entry : service.environment().entrySet()) {
                environment.put(entry.getKey(), ComposeSyntax.environmentValue(entry.getValue()));
            }
            out.put("environment", environment);
        }
        if (!service.volumes().isEmpty()) {
            out.put("volumes", service.volumes().stream().map(Volume::compose).toList());
        }
        if (service.networks().isEmpty()) {
            // Joins none of the stack's networks but still needs the registries (DIUN): Docker's default bridge.
            out.put("network_mode", "bridge");
        } else {
            Map<String, Object> networks = new LinkedHashMap<>();
            for (Attachment attachment : service.networks()) {
                stack.requireNetwork(attachment.network());
                networks.put(attachment.network(), Map.of("ipv4_address", attachment.address()));
            }
            out.put("networks", networks);
        }
        if (!service.published().isEmpty()) {
            out.put("ports", service.published().stream().map(ComposeSyntax::port).toList());
        }
        service.healthCheck().ifPresent(check -> out.put("healthcheck", ComposeSyntax.healthcheck(check)));
        if (!service.dependsOn().isEmpty()) {
            Map<String, Object> dependsOn = new LinkedHashMap<>();
            for (Dependency dependency : service.dependsOn()) {
                stack.requireService(dependency.service());
                dependsOn.put(dependency.service(), Map.of("condition", dependency.condition().compose()));
            }
            out.put("depends_on", dependsOn);
        }
        return out;
    }

    private static Map<String, Object> networks(Stack stack) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Network network : stack.networks()) {
            Map<String, Object> definition = new LinkedHashMap<>();
            definition.put("driver", "bridge");
            if (network.internal()) {
                definition.put("internal", true);
            }
            definition.put("ipam", Map.of("config", List.of(Map.of("subnet", network.subnet().toString()))));
            out.put(network.name(), definition);
        }
        return out;
    }

    /** Top-level declarations for every named (non-bind) volume, in order of first use. */
    static Map<String, Object> namedVolumes(List<Volume> volumes) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Volume volume : volumes) {
            if (!volume.isBind()) {
                out.putIfAbsent(volume.source(), Map.of());
            }
        }
        return out;
    }
}
