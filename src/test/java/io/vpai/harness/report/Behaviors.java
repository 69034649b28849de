package io.vpai.harness.report;

/**
 * The names of Allure's Behaviors tree (epic › feature › story), written once so two classes of one family cannot
 * spell their feature two ways. Every test class carries {@code @Epic} and {@code @Feature} from here
 * ({@code ReportConventionsTest} checks); conformance specs add a {@code @Story} for their part of the feature.
 */
public final class Behaviors {
    /** What the stack does, observed on a running target. */
    public static final String CONFORMANCE = "Conformance";
    /** What is checked before anything ships: the model, the rendered files, the tools that read them. */
    public static final String PRE_DEPLOY_GATE = "Pre-deploy gate";
    /** The harness's own machinery, tested without a stack. */
    public static final String HARNESS = "Harness";

    // Conformance features, one per spec family.
    public static final String NETWORK_ISOLATION = "Network isolation";
    public static final String VPN_ONLY_ACCESS = "VPN-only access";
    public static final String SPLIT_DNS = "Split DNS";
    public static final String MESH = "Headscale mesh";
    public static final String STARTUP_ORDER = "Startup order";
    public static final String BACKUP_RESTORE = "Backup restore";
    public static final String DATA_FLOWS = "Data flows";
    public static final String AUTHENTICATION = "Authentication";
    public static final String INVENTORY = "Inventory";
    public static final String TEST_ENVIRONMENT = "Test environment";
    public static final String PREPROD_SMOKE = "Preprod smoke";
    public static final String PRODUCTION_READ_ONLY = "Production read-only";

    // Pre-deploy gate features.
    public static final String GATE_RULES = "Gate rules";
    public static final String RENDERED_FILES = "Rendered files";
    public static final String RENDERING = "Rendering";
    public static final String SHIPPING = "Shipping";
    public static final String REAL_TOOLS = "Real tools";
    public static final String MODEL = "Model";
    public static final String ARCHITECTURE_BASELINE = "Architecture baseline";
    public static final String FINDINGS_AND_WAIVERS = "Findings and waivers";
    public static final String ENVIRONMENT_FILES = "Environment files";
    public static final String COMMAND_LINE = "Command line";

    // Harness features, one per concern.
    public static final String ACCESS_PROBES = "Access probes";
    public static final String BACKUP_DRILL = "Backup drill";
    public static final String BENCHMARKS = "Benchmarks";
    public static final String DNS_LOOKUPS = "DNS look-ups";
    public static final String OFFLINE_IMAGES = "Offline images";
    public static final String INVENTORY_READING = "Inventory reading";
    public static final String ISOLATION_MATRIX = "Isolation matrix";
    public static final String PROBES = "Probes";
    public static final String SSH = "SSH";
    public static final String CONTAINER_STACK = "Container stack";
    public static final String STARTUP_TIMELINE = "Startup timeline";
    public static final String SPEC_SUPPORT = "Spec support";
    public static final String NETWORK_SAFETY = "Network safety";
    public static final String WAITING = "Waiting";
    public static final String REPORTS = "Reports";

    private Behaviors() {
    }
}
