#!/bin/bash
# Starts tailscaled and stays in the foreground with it. Joining the tailnet is the harness's step
# (`tailscale up` with a pre-auth key), so a key never sits in the container's environment.
# --no-logs-no-support: no log upload to Tailscale's servers; nothing of the mesh leaves the harness.
set -euo pipefail
exec tailscaled --state=/var/lib/tailscale/tailscaled.state --socket=/var/run/tailscale/tailscaled.sock \
  --tun=tailscale0 --no-logs-no-support
