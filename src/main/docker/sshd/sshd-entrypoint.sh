#!/usr/bin/env bash
# Prepares sshd at container start:
#  - host keys: kept when mounted under /etc/ssh/, generated on first start otherwise (their
#    fingerprints are printed, and tests read them with `ssh-keygen -lf /etc/ssh/ssh_host_*.pub`);
#  - root's authorized keys: the AUTHORIZED_KEY variable (one or more lines) and/or a file
#    mounted at /root/.ssh/authorized_keys;
#  - the port: SSHD_PORT (default 22).
set -euo pipefail

if ! compgen -G '/etc/ssh/ssh_host_*_key' > /dev/null; then
  ssh-keygen -A
fi
for pub in /etc/ssh/ssh_host_*_key.pub; do ssh-keygen -lf "$pub"; done

mkdir -p /run/sshd /run/vpai-sshd /root/.ssh
chmod 700 /root/.ssh /run/vpai-sshd
printf '%s\n' "${AUTHORIZED_KEY:-}" > /run/vpai-sshd/authorized_keys
chmod 600 /run/vpai-sshd/authorized_keys
if [ -z "${AUTHORIZED_KEY:-}" ] && [ ! -s /root/.ssh/authorized_keys ]; then
  echo >&2 "sshd-entrypoint: no AUTHORIZED_KEY and no /root/.ssh/authorized_keys: nobody can log in"
fi

if [ "$(basename "${1:-}")" = sshd ]; then
  set -- "$@" -o "Port=${SSHD_PORT:-22}"
fi
exec "$@"
