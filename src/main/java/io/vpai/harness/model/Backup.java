package io.vpai.harness.model;

import java.util.List;
import java.util.Optional;

/**
 * The nightly backup chain of the seed's section 5: a cron-driven pre-backup script on the VPS that
 * dumps every store, then a restic job that pushes the dump directory to the backups bucket.
 */
public record Backup(PreBackup preBackup, Restic restic, List<Bucket> buckets) {

    public Backup {
        buckets = List.copyOf(buckets);
    }

    public Optional<Bucket> bucket(Bucket.Purpose purpose) {
        return buckets.stream().filter(b -> b.purpose() == purpose).findFirst();
    }

    /** One S3 bucket and what it is for. */
    public record Bucket(String name, Purpose purpose, String format, boolean browsable) {
        public enum Purpose { DISASTER_RECOVERY, SHARED_SEED }

        public Bucket {
            Names.require("bucket", name);
        }
    }

    /** The 02:55 job: ordered steps, each writing under {@code dumpDirectory}. */
    public record PreBackup(String schedule, String scriptPath, String dumpDirectory, List<Step> steps) {
        public PreBackup {
            Names.nonBlank("pre-backup schedule", schedule);
            steps = List.copyOf(steps);
        }

        /** The services whose data the steps capture: what the backup-coverage rule checks. */
        public List<String> coveredServices() {
            return steps.stream().map(Step::service).filter(s -> !s.isEmpty()).distinct().toList();
        }
    }

    /** A pre-backup step; {@link #service()} names the service it captures, or "" for none. */
    public sealed interface Step {
        String service();

        String describe();

        record PgDump(String service, String database) implements Step {
            public String describe() {
                return "pg_dump " + database;
            }
        }

        record RedisSave(String service) implements Step {
            public String describe() {
                return "redis-cli BGSAVE";
            }
        }

        record QdrantSnapshot(String service) implements Step {
            public String describe() {
                return "qdrant snapshot";
            }
        }

        record N8nWorkflowExport(String service) implements Step {
            public String describe() {
                return "n8n export:workflow";
            }
        }

        record SeedCopy(String bucket) implements Step {
            public String service() {
                return "";
            }

            public String describe() {
                return "copy latest seed-data to " + bucket;
            }
        }

        record Heartbeat(String urlVariable) implements Step {
            public String service() {
                return "";
            }

            public String describe() {
                return "heartbeat to Uptime Kuma";
            }
        }
    }

    /** Grandfather-father-son retention, restic's {@code forget --keep-*} flags. */
    public record Retention(int daily, int weekly, int monthly, int yearly) {
        public Retention {
            if (daily < 0 || weekly < 0 || monthly < 0 || yearly < 0) {
                throw new ModelException("retention counts must not be negative");
            }
        }

        public List<String> resticFlags() {
            return List.of("--keep-daily", String.valueOf(daily), "--keep-weekly", String.valueOf(weekly),
                    "--keep-monthly", String.valueOf(monthly), "--keep-yearly", String.valueOf(yearly));
        }

        /** As a reader says it: "7 daily, 4 weekly, 6 monthly, 2 yearly". */
        public String describe() {
            return daily + " daily, " + weekly + " weekly, " + monthly + " monthly, " + yearly + " yearly";
        }
    }

    /** The 03:00 job (Zerobyte on Seko-VPN): restic over the dump directory into the backups bucket. */
    public record Restic(String schedule, String runnerHost, String bucket, Retention retention) {
        public Restic {
            Names.nonBlank("restic schedule", schedule);
        }
    }
}
