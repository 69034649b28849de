package io.vpai.harness.render;

import io.vpai.harness.model.Stack;
import io.vpai.harness.model.Volume;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Seko-VPN host's containers (Headscale, Zerobyte, Uptime Kuma). The model gives them no
 * networks, so they share the project's default network, as Compose does on its own.
 */
public final class SekoComposeRenderer implements Renderer {
    public static final String PATH = "seko-vpn/docker-compose.yml";

    @Override
    public List<RenderedFile> render(Stack stack) {
        Map<String, Object> services = new LinkedHashMap<>();
        for (Stack.SekoService service : stack.seko()) {
            Map<String, Object> out = ComposeSyntax.service(service.image().reference(), service.command());
            if (!service.volumes().isEmpty()) {
                out.put("volumes", service.volumes().stream().map(Volume::compose).toList());
            }
            if (!service.published().isEmpty()) {
                out.put("ports", service.published().stream().map(ComposeSyntax::port).toList());
            }
            services.put(service.name(), out);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("services", services);
        Map<String, Object> volumes = SeseComposeRenderer.namedVolumes(
                stack.seko().stream().flatMap(s -> s.volumes().stream()).toList());
        if (!volumes.isEmpty()) {
            root.put("volumes", volumes);
        }
        return List.of(ComposeSyntax.file(PATH, SekoComposeRenderer.class, root));
    }
}
