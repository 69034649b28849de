package io.vpai.harness.environment;

import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.Ipv4;
import io.vpai.harness.model.ModelException;
import io.vpai.harness.model.Network;
import io.vpai.harness.model.Stack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A container environment's fixture networks, as bound from the file, checked against each other and the model:
 * safe private ranges that overlap nothing, and member addresses that fit. Each problem names the key's line.
 */
final class FixtureRules {
    private FixtureRules() {
    }

    static Fixtures fixtures(EnvironmentSchema.FixturesBlock block, Stack model, KeyLines lines) {
        FixtureNetwork internet = network("fixtures." + Fixtures.INTERNET, block.internet(), model, lines);
        // The mesh's own addresses sit at fixed hosts of the internet fixture; a subnet too small says so here.
        try {
            return Fixtures.of(model, internet);
        } catch (IllegalStateException e) {
            throw lines.valueError("fixtures.internet.subnet", e.getMessage());
        }
    }

    private static FixtureNetwork network(String path, EnvironmentSchema.FixtureNetworkBlock net, Stack model,
                                          KeyLines lines) {
        Cidr subnet = subnet(path + ".subnet", net.subnet(), model, lines);
        Map<String, String> members = new LinkedHashMap<>();
        members.put("gateway", net.gateway());
        members.put("proxy", net.proxy());
        members.put("client", net.client());
        members.put("resolver", net.resolver());
        Map<String, String> seen = new LinkedHashMap<>();
        members.forEach((role, address) -> {
            address(path, role, address, subnet, lines);
            String clash = seen.entrySet().stream().filter(e -> e.getValue().equals(address))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            if (clash != null) {
                throw lines.valueError(path + "." + role, address + " is already the " + clash
                        + (clash.equals("gateway") ? " (the host's side of the bridge); pick another address"
                                : "; each member needs its own address"));
            }
            seen.put(role, address);
        });
        return new FixtureNetwork(subnet, net.gateway(), net.proxy(), net.client(), net.resolver());
    }

    private static Cidr subnet(String path, String text, Stack model, KeyLines lines) {
        Cidr subnet;
        try {
            subnet = Cidr.parse(text);
        } catch (ModelException | NumberFormatException e) {
            // The model's message already quotes the value: "'10.0.0.0/33': prefix length must be 0..32".
            throw lines.valueError(path, EnvironmentException.oneLine(String.valueOf(e.getMessage())));
        }
        if (!text.equals(subnet.toString())) {
            throw lines.valueError(path, EnvironmentException.quote(text) + " is not a CIDR prefix (write " + subnet + ")");
        }
        String unsafe = FixtureSafety.problem(subnet);
        if (unsafe != null) {
            throw lines.valueError(path, unsafe);
        }
        if (subnet.prefixLength() > 29) {
            throw lines.valueError(path, subnet + " is too small for a gateway and three members (at most /29)");
        }
        for (Network network : model.networks()) {
            if (network.subnet().overlaps(subnet)) {
                throw lines.valueError(path, subnet + " overlaps the model's " + network.name() + " network "
                        + network.subnet());
            }
        }
        return subnet;
    }

    private static void address(String path, String role, String address, Cidr subnet, KeyLines lines) {
        String key = path + "." + role;
        if (!HostNames.isIpv4(address)) {
            throw lines.valueError(key, EnvironmentException.quote(address) + " is not an IPv4 address");
        }
        if (!subnet.contains(address)) {
            throw lines.valueError(key, address + " is outside " + path + ".subnet " + subnet);
        }
        int value = Ipv4.parse(address).bits();
        int broadcast = subnet.base() | (int) (0xffffffffL >>> subnet.prefixLength());
        if (value == subnet.base()) {
            throw lines.valueError(key, address + " is the network address of " + subnet);
        }
        if (value == broadcast) {
            throw lines.valueError(key, address + " is the broadcast address of " + subnet);
        }
    }
}
