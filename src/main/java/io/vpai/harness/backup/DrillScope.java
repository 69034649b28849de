package io.vpai.harness.backup;

import io.vpai.harness.environment.Fidelity;
import io.vpai.harness.model.Backup.Step;
import io.vpai.harness.target.Target;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which backed-up stores the drill exercises for real in this environment, and why the others are left
 * out: a stand-in's data is not seeded, dumped or restored.
 */
public record DrillScope(Target target, DrillSettings settings) {

    public boolean postgresReal() {
        return real(settings.postgresService());
    }

    public boolean redisReal() {
        return real(settings.redisService());
    }

    public boolean real(String service) {
        return target.fidelity(service) == Fidelity.REAL;
    }

    /** The n8n service whose workflows pre-backup.sh exports, where it is real here. */
    public Optional<String> realN8n() {
        return settings.n8nService().filter(this::real);
    }

    /** Every service a pre-backup step dumps, in step order. */
    public List<String> backedUpServices() {
        return target.model().backup().preBackup().steps().stream().map(Step::service).filter(s -> !s.isEmpty())
                .distinct().toList();
    }

    /** The data stores the drill wipes and restores: PostgreSQL and Redis, where real. */
    public List<String> realStores() {
        List<String> out = new ArrayList<>();
        if (postgresReal()) {
            out.add(settings.postgresService());
        }
        if (redisReal()) {
            out.add(settings.redisService());
        }
        return out;
    }

    /** Backed-up services that are stand-ins here, each with the reason the report prints. */
    public Map<String, String> skippedStores() {
        Map<String, String> out = new LinkedHashMap<>();
        backedUpServices().stream().filter(s -> target.fidelity(s) == Fidelity.STAND_IN)
                .forEach(s -> out.put(s, standInReason(s)));
        return out;
    }

    public String standInReason(String service) {
        return service + " is a stand-in in environment " + target.name()
                + ": its data is not seeded, dumped (SKIP_STEPS) or restored";
    }
}
