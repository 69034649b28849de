#!/usr/bin/env bash
# Generated from the model — do not edit (BackupScriptRenderer).
# Regenerate with: mvn -q compile exec:java -Dexec.args=render
#
# The restic job (0 3 * * * on seko-vpn, run there by Zerobyte) as the model declares it:
# back up the dump directory into bucket vpai-backups, then apply the retention and prune.
# Nothing here is literal: RESTIC_REPOSITORY (s3:<endpoint>/vpai-backups) and RESTIC_PASSWORD come from
# the environment, and restic reads the S3 credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.
set -euo pipefail

: "${RESTIC_REPOSITORY:?RESTIC_REPOSITORY must be set (s3:<endpoint>/vpai-backups)}"
: "${RESTIC_PASSWORD:?RESTIC_PASSWORD must be set}"
BACKUP_DIR="${BACKUP_DIR:-/opt/vpai/backups}"
export RESTIC_REPOSITORY RESTIC_PASSWORD

restic backup "$BACKUP_DIR"
restic forget --prune --keep-daily 7 --keep-weekly 4 --keep-monthly 6 --keep-yearly 2
