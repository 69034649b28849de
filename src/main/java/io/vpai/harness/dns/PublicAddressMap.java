package io.vpai.harness.dns;

import io.vpai.harness.environment.Fixtures;
import io.vpai.harness.model.Host;
import io.vpai.harness.model.Stack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The only way a production public address from a DNS answer becomes something a test may connect
 * to. The public zone answers the VPS's real public IP (137.74.114.167 in the seed); that address is
 * data and must never be contacted. In a container environment the proxy's address on the internet
 * fixture is what stands for it (DESIGN.md: "the address that stands for the VPS public IP"), so this
 * map holds exactly one entry: the public address of the host the fixture reproduces — the host whose
 * tailnet address the fixture gives the proxy — to the proxy's internet fixture address. Any other
 * address (Seko-VPN's, an unknown one) has no stand-in and is refused.
 */
public final class PublicAddressMap {
    private final Map<String, String> standIns;

    private PublicAddressMap(Map<String, String> standIns) {
        this.standIns = Map.copyOf(standIns);
    }

    public static PublicAddressMap of(Stack model, Fixtures fixtures) {
        String proxyOnTailnet = fixtures.tailnet().proxy();
        Host reproduced = model.hosts().stream()
                .filter(h -> h.tailnetAddress().filter(proxyOnTailnet::equals).isPresent())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no host of the model has the tailnet address " + proxyOnTailnet
                        + " the fixture gives the proxy: the fixture stands for no host"));
        String production = reproduced.publicAddress().orElseThrow(() -> new IllegalStateException(
                "host '" + reproduced.name() + "' has no public address to stand in for"));
        if (fixtures.contains(production)) {
            throw new IllegalStateException("public address " + production + " of host '" + reproduced.name()
                    + "' lies inside a fixture network: production and fixture addresses must not mix");
        }
        Map<String, String> map = new LinkedHashMap<>();
        map.put(production, fixtures.internet().proxy());
        return new PublicAddressMap(map);
    }

    /** The fixture address standing for {@code productionAddress}; refused when nothing stands for it. */
    public String standInFor(String productionAddress) {
        return find(productionAddress).orElseThrow(() -> new IllegalArgumentException("no fixture address stands for "
                + productionAddress + " (known: " + standIns.keySet() + "): it is production data and is never contacted"));
    }

    public Optional<String> find(String productionAddress) {
        return Optional.ofNullable(standIns.get(productionAddress));
    }

    /** Production address to fixture address; exactly one entry in a container environment. */
    public Map<String, String> entries() {
        return standIns;
    }
}
