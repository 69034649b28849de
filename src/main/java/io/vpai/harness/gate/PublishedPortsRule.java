package io.vpai.harness.gate;

import io.vpai.harness.baseline.ArchitectureBaseline;
import io.vpai.harness.check.Finding;
import io.vpai.harness.model.PublishedPort;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The VPS's only way in is Caddy on 80 and 443: a port published by any other service bypasses the
 * vpn_only ACL entirely, since Docker's DNAT sits in front of the host firewall. Applies to the
 * compose stack of the VPS; Seko-VPN's containers are another host with their own front door.
 */
public final class PublishedPortsRule implements GateRule {
    public static final String ID = "ports.published-only-by-proxy";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "only the proxy publishes ports on the VPS, and only " + allowed() + " (tcp/udp)";
    }

    @Override
    public List<Finding> evaluate(Stack stack) {
        String proxy = stack.proxy().service();
        List<Finding> findings = new ArrayList<>();
        for (Service service : stack.services()) {
            boolean isProxy = service.name().equals(proxy);
            for (PublishedPort port : service.published()) {
                findings.add(judge(service, port, isProxy, proxy));
            }
            if (service.published().isEmpty() && !isProxy) {
                findings.add(Finding.pass(ID, service.name(), "service '" + service.name() + "' publishes no port"));
            }
        }
        if (stack.service(proxy).map(s -> s.published().isEmpty()).orElse(true)) {
            findings.add(Finding.fail(ID, proxy, "the proxy '" + proxy + "' publishes no port: nothing can reach the stack"));
        } else {
            missing(stack.service(proxy).get(), findings);
        }
        return findings;
    }

    /** Each port the baseline publishes must be published (by its number on the host): a missing 443 is an outage. */
    private static void missing(Service proxy, List<Finding> findings) {
        for (int port : new TreeSet<>(ArchitectureBaseline.PROXY_PUBLISHED_PORTS)) {
            if (proxy.published().stream().noneMatch(p -> p.hostPort() == port)) {
                findings.add(Finding.fail(ID, proxy.name() + ":" + port, proxy.name() + " does not publish " + port
                        + " in the model; " + ArchitectureBaseline.says("section 1") + " publishes " + allowed()));
            }
        }
    }

    private static Finding judge(Service service, PublishedPort port, boolean isProxy, String proxy) {
        String what = "service '" + service.name() + "' publishes " + describe(port);
        if (!isProxy) {
            return Finding.fail(ID, service.name(), what + " in the model; only " + proxy + " may publish, and only "
                    + allowed() + " (" + ArchitectureBaseline.says("section 1") + ")");
        }
        if (!ArchitectureBaseline.PROXY_PUBLISHED_PORTS.contains(port.hostPort())
                || !ArchitectureBaseline.PROXY_PUBLISHED_PORTS.contains(port.containerPort())) {
            return Finding.fail(ID, service.name(), what + " in the model; " + ArchitectureBaseline.says("section 1")
                    + " publishes only " + allowed());
        }
        return Finding.pass(ID, service.name(), what);
    }

    private static String describe(PublishedPort port) {
        String mapping = port.hostPort() == port.containerPort()
                ? String.valueOf(port.hostPort())
                : port.hostPort() + "->" + port.containerPort();
        return mapping + "/" + port.protocol();
    }

    private static String allowed() {
        return String.join("/", new TreeSet<>(ArchitectureBaseline.PROXY_PUBLISHED_PORTS).stream().map(String::valueOf).toList());
    }
}
