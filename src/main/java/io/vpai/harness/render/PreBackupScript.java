package io.vpai.harness.render;

import java.util.List;

/** The text of pre-backup.sh for a {@link PreBackupPlan}: fixed helpers, one function per step kind used, then the steps. */
final class PreBackupScript {
    private PreBackupScript() {
    }

    static String text(PreBackupPlan plan) {
        StringBuilder out = new StringBuilder("#!/usr/bin/env bash\n")
                .append(Generated.header("#", BackupScriptRenderer.class))
                .append("#\n")
                .append("# Nightly pre-backup (cron: ").append(plan.preBackup().schedule()).append("). Steps, in order:\n");
        int n = 1;
        for (PreBackupPlan.Planned step : plan.steps()) {
            out.append("#   ").append(n++).append(". [").append(step.key()).append("] ").append(step.description())
                    .append(step.file().map(f -> " -> " + f).orElse("")).append('\n');
        }
        out.append("""
                #
                # Every endpoint comes from the environment; unset or empty means production's default below.
                # A dump is written to a temporary file and moved over the previous one only when complete. The
                # first step that fails stops the script with a non-zero status: no later step runs, so the
                # heartbeat is only sent when everything before it succeeded. SKIP_STEPS="key ..." skips steps on
                # purpose (a stand-in in a test environment); each skip is logged, and an unknown key is an error.
                set -euo pipefail
                # ERR traps fire inside functions too, so the failing step is named in the log.
                set -o errtrace

                """);
        for (ScriptVariable variable : plan.variables()) {
            out.append("# ").append(variable.description())
                    .append(variable.required() ? " (required)" : "").append('\n')
                    .append(variable.assignment()).append('\n');
        }
        out.append(exports(plan));
        out.append("\nKNOWN_STEPS=(").append(String.join(" ", PreBackupPlan.keysInOrder(plan.preBackup().steps()))).append(")\n");
        out.append(HELPERS);
        out.append(PreBackupFunctions.forPlan(plan));
        out.append("""

                check_skip_steps
                mkdir -p -- "$BACKUP_DIR"
                """);
        out.append("log \"start: ").append(plan.steps().size()).append(" steps, dumps in $BACKUP_DIR\"\n");
        for (PreBackupPlan.Planned step : plan.steps()) {
            out.append("run_step ").append(step.key()).append(' ').append(shellQuoted(step.description())).append(' ')
                    .append(step.call()).append('\n');
        }
        out.append("""
                log "done: ${#PRODUCED[@]} files written, ${#SKIPPED[@]} steps skipped${SKIPPED[*]:+ (${SKIPPED[*]})}"
                """);
        return out.toString();
    }

    /** libpq and redis-cli read these from the environment, which keeps passwords off command lines. */
    private static String exports(PreBackupPlan plan) {
        StringBuilder out = new StringBuilder();
        List<String> names = plan.variables().stream().map(ScriptVariable::name)
                .filter(List.of("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD")::contains)
                .toList();
        if (!names.isEmpty()) {
            out.append("export ").append(String.join(" ", names)).append('\n');
            // libpq's own bound on opening a connection.
            out.append("export PGCONNECT_TIMEOUT=\"$CONNECT_TIMEOUT\"\n");
        }
        if (plan.variables().stream().anyMatch(v -> v.name().equals("REDISCLI_AUTH"))) {
            // An empty REDISCLI_AUTH would make redis-cli send AUTH "" to a server without a password.
            out.append("if [[ -n \"$REDISCLI_AUTH\" ]]; then export REDISCLI_AUTH; else unset REDISCLI_AUTH; fi\n");
        }
        return out.toString();
    }

    /** Single-quoted for bash, whatever the text holds. */
    static String shellQuoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static final String HELPERS = """

            PRODUCED=()
            SKIPPED=()
            TMP_FILES=()
            CURRENT_STEP="setup"
            read -r -a SKIP_KEYS <<<"$SKIP_STEPS"

            log() { printf '%s pre-backup: %s\\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2; }
            trap 'log "FAILED: $CURRENT_STEP (status $?)"' ERR
            # Unfinished temporary files go, whatever happened; finished dumps were already moved into place.
            cleanup() { local f; for f in "${TMP_FILES[@]}"; do rm -f -- "$f"; done; }
            trap cleanup EXIT

            require() {
                if [[ -z "${!1:-}" ]]; then
                    log "$1 is not set: $CURRENT_STEP needs it"
                    return 1
                fi
            }

            check_skip_steps() {
                local key known
                for key in "${SKIP_KEYS[@]}"; do
                    for known in "${KNOWN_STEPS[@]}"; do
                        [[ "$key" == "$known" ]] && continue 2
                    done
                    log "SKIP_STEPS: unknown step '$key' (known: ${KNOWN_STEPS[*]})"
                    return 2
                done
            }

            skipped() {
                local key
                for key in "${SKIP_KEYS[@]}"; do
                    [[ "$key" == "$1" ]] && return 0
                done
                return 1
            }

            # new_tmp NAME: a temporary file beside the final one (same filesystem, so mv replaces it atomically).
            new_tmp() {
                TMP="$(mktemp "$BACKUP_DIR/.$1.XXXXXX")"
                TMP_FILES+=("$TMP")
            }

            # publish TMP NAME: the finished dump replaces the previous one.
            publish() {
                mv -f -- "$1" "$BACKUP_DIR/$2"
                PRODUCED+=("$2")
                log "wrote $BACKUP_DIR/$2 ($(wc -c <"$BACKUP_DIR/$2") bytes)"
            }

            # curl_config_value TEXT: TEXT quoted for a curl config file read with -K -, so secrets stay off argv.
            curl_config_value() {
                local text="${1//\\\\/\\\\\\\\}"
                printf '"%s"' "${text//\\"/\\\\\\"}"
            }

            # run_step KEY DESCRIPTION COMMAND...: runs the step unless SKIP_STEPS names KEY.
            run_step() {
                local key="$1" description="$2"
                shift 2
                if skipped "$key"; then
                    log "SKIPPED: $description (SKIP_STEPS has $key)"
                    SKIPPED+=("$key")
                    return 0
                fi
                CURRENT_STEP="$description"
                log "start: $description"
                "$@"
                log "ok: $description"
                CURRENT_STEP="between steps"
            }
            """;
}
