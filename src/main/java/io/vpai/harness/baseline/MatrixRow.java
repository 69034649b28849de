package io.vpai.harness.baseline;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One row of the architecture's Service Matrix (section 3): the service under the model's name, the
 * networks marked X, its ports and its Subdomain cell as the document writes it (backticks dropped).
 */
public record MatrixRow(String service, String displayName, Set<String> networks, List<Integer> ports,
                        String subdomain) {
    public MatrixRow {
        if (service == null || service.isBlank() || displayName == null || subdomain == null) {
            throw new IllegalArgumentException("matrix row needs a service, a display name and a subdomain cell");
        }
        // Sorted so messages and comparisons read the same every run.
        networks = Set.copyOf(new TreeSet<>(networks));
        ports = List.copyOf(ports);
    }

    public static MatrixRow of(String service, String displayName, List<String> networks, List<Integer> ports,
                               String subdomain) {
        return new MatrixRow(service, displayName, Set.copyOf(networks), ports, subdomain);
    }

    /** The networks in name order: "frontend, monitoring", or "no network". */
    public String networksText() {
        return networks.isEmpty() ? "no network" : String.join(", ", new TreeSet<>(networks));
    }

    /** What the Subdomain cell says: a name the proxy serves, an internal service, or nothing at all. */
    public String subdomainKind() {
        if (subdomain.equals("—")) {
            return "none";
        }
        return subdomain.startsWith("—") ? "internal" : "served";
    }
}
