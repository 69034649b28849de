package io.vpai.harness.gate;

import io.vpai.harness.check.Finding;
import io.vpai.harness.model.Image;
import io.vpai.harness.model.Service;
import io.vpai.harness.model.Stack;

import java.util.ArrayList;
import java.util.List;

/**
 * A floating tag makes the deployed stack differ from the tested one the next time a host pulls:
 * every image the infrastructure runs — VPS services, Seko-VPN services, Headscale — is pinned.
 */
public final class ImagesPinnedRule implements GateRule {
    public static final String ID = "images.pinned";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "every image (VPS services, Seko-VPN services, Headscale) is pinned to a version tag, never latest";
    }

    @Override
    public List<Finding> evaluate(Stack stack) {
        List<Finding> findings = new ArrayList<>();
        for (Service service : stack.services()) {
            findings.add(judge("service", service.name(), service.image()));
        }
        for (Stack.SekoService service : stack.seko()) {
            findings.add(judge("Seko-VPN service", service.name(), service.image()));
        }
        findings.add(judge("tailnet control plane", "headscale", stack.tailnet().headscaleImage()));
        return findings;
    }

    private static Finding judge(String kind, String name, Image image) {
        String what = kind + " '" + name + "' runs " + image.reference();
        if (!image.pinned()) {
            return Finding.fail(ID, name, what + ": tag '" + image.tag() + "' floats; pin a version");
        }
        return Finding.pass(ID, name, what);
    }
}
