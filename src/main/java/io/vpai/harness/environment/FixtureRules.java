package io.vpai.harness.environment;

import io.vpai.harness.model.Access;
import io.vpai.harness.model.Cidr;
import io.vpai.harness.model.Ipv4;
import io.vpai.harness.model.ModelException;
import io.vpai.harness.model.Network;
import io.vpai.harness.model.Route;
import io.vpai.harness.model.Stack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A container environment's fixture networks, as bound from the file, checked against each other and the model:
 * safe private ranges that overlap nothing, and member addresses that fit. Each problem names the key's line.
 */
final class FixtureRules {
    private FixtureRules() {
    }

    static Fixtures fixtures(EnvironmentSchema.FixturesBlock block, Stack model, KeyLines lines) {
        FixtureNetwork tailnet = network("fixtures." + Fixtures.TAILNET, block.tailnet(), model, lines);
        FixtureNetwork internet = network("fixtures." + Fixtures.INTERNET, block.internet(), model, lines);
        if (internet.subnet().overlaps(tailnet.subnet())) {
            throw lines.valueError("fixtures.internet.subnet", internet.subnet() + " overlaps the tailnet fixture "
                    + tailnet.subnet());
        }
        // Split DNS answers VPN clients with the VPS's tailnet address; Caddy must be there or every name misses.
        Set<String> vpsAddresses = proxyTailnetAddresses(model);
        if (vpsAddresses.size() == 1 && !vpsAddresses.contains(tailnet.proxy())) {
            throw lines.valueError("fixtures.tailnet.proxy", tailnet.proxy() + " is not the VPS's tailnet address "
                    + vpsAddresses.iterator().next() + " that the model's split DNS answers for the proxied names");
        }
        return new Fixtures(tailnet, internet);
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

    private static Set<String> proxyTailnetAddresses(Stack model) {
        Set<String> proxied = model.proxy().routes().stream().map(Route::host).collect(Collectors.toSet());
        return model.dns().tailnetRecords().stream()
                .filter(r -> r.access() == Access.VPN_ONLY && proxied.contains(r.name()))
                .map(r -> r.address()).collect(Collectors.toCollection(TreeSet::new));
    }
}
