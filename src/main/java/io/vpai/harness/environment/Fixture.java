package io.vpai.harness.environment;


import java.util.ArrayList;
import java.util.List;

/**
 * The containers the harness adds around the production stack, standing for what production gets from
 * outside: a VPN client and the MagicDNS resolver on the tailnet, a public client and the public
 * authoritative DNS on the internet. They are compose services of the override file.
 * The backup chain adds three: Hetzner Object Storage (S3Proxy, a real S3 server) on the internet, Uptime
 * Kuma (a stand-in that records push requests) on the tailnet, and the host that runs the backup cron.
 */
public enum Fixture {
    TAILNET_RESOLVER("fixture-dns-tailnet"),
    PUBLIC_RESOLVER("fixture-dns-public"),
    VPN_CLIENT("fixture-vpn-client"),
    INTERNET_CLIENT("fixture-internet-client"),
    /** Hetzner Object Storage: S3Proxy with real S3 signatures, on the internet fixture (Hetzner is on the internet). */
    S3("fixture-s3"),
    /** Uptime Kuma on Seko-VPN, reached over the VPN: a stand-in recording {@code /api/push/} requests. */
    UPTIME_KUMA("fixture-uptime-kuma"),
    /**
     * The VPS host running the backup cron (and, in tests, the restic job): restic, pg_dump, redis-cli and
     * curl. Production's host owns every bridge's gateway and reaches containers by address; a container
     * must join the stores' network (backend) to do the same, plus the internet (S3) and the tailnet (Kuma).
     */
    BACKUP_RUNNER("fixture-backup-runner");

    /** The fixture networks' names in the override file. */
    public static final String TAILNET = "tailnet";
    public static final String INTERNET = "internet";

    private final String service;

    Fixture(String service) {
        this.service = service;
    }

    public String service() {
        return service;
    }

    /**
     * Where the backup fixtures sit: fixed host numbers inside the environment's own fixture subnets
     * (198.51.100.30 / .31 and 100.64.0.30 / .31 in the offline environment), so scripts address them
     * without a lookup and every environment gets addresses inside networks the harness created.
     */
    public record BackupPlacement(String s3, String uptimeKuma, String runnerInternet, String runnerTailnet) {
        public static final int S3_PORT = 8080;
        public static final int UPTIME_KUMA_PORT = 3001;
        /** Compose variables the S3 fixture's credentials come from: random per run (TestSecrets), never in a file. */
        public static final String S3_ACCESS_KEY_VARIABLE = "FIXTURE_S3_ACCESS_KEY";
        public static final String S3_SECRET_KEY_VARIABLE = "FIXTURE_S3_SECRET_KEY";
        static final int S3_HOST = 30;
        static final int UPTIME_KUMA_HOST = 30;
        static final int RUNNER_HOST = 31;

        public static BackupPlacement of(Fixtures fixtures) {
            return new BackupPlacement(
                    place(fixtures.internet(), Fixtures.INTERNET, S3_HOST, "S3"),
                    place(fixtures.tailnet(), Fixtures.TAILNET, UPTIME_KUMA_HOST, "Uptime Kuma"),
                    place(fixtures.internet(), Fixtures.INTERNET, RUNNER_HOST, "backup runner"),
                    place(fixtures.tailnet(), Fixtures.TAILNET, RUNNER_HOST, "backup runner"));
        }

        public String s3Endpoint() {
            return "http://" + s3 + ":" + S3_PORT;
        }

        public String uptimeKumaBase() {
            return "http://" + uptimeKuma + ":" + UPTIME_KUMA_PORT;
        }

        private static String place(FixtureNetwork network, String name, int host, String role) {
            String address = network.subnet().host(host);
            List<String> taken = new ArrayList<>(network.members());
            taken.add(network.gateway());
            // A /26 or larger keeps .30 and .31 clear of the broadcast address.
            if (network.subnet().prefixLength() > 26 || taken.contains(address)) {
                throw new IllegalStateException("fixture network " + name + " " + network.subnet() + " has no free host ." + host
                        + " for the " + role + " fixture (taken: " + taken + ")");
            }
            return address;
        }
    }
}
