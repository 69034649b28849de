#!/bin/bash
# Starts tailscaled and stays in the foreground with it. Joining the tailnet is the harness's step
# (`tailscale up` with a pre-auth key), so a key never sits in the container's environment.
# --no-logs-no-support: no log upload to Tailscale's servers; nothing of the mesh leaves the harness.
# VPAI_DNS_RELAY=1 (the VPN client): a relay on this node's own addresses, port 53, to MagicDNS at
# 100.100.100.100, so the test JVM's dnsjava asks MagicDNS from inside this node's namespace.
set -euo pipefail
# VPAI_EGRESS_ONLY: the only networks this node may send to (the harness's), every other destination refused
# by the kernel, whatever tailscaled or a DNS answer names. VPAI_TAILNET: the tailnet, only through the tunnel;
# off the tailnet (a node Headscale deleted) its addresses hit a blackhole, never this container's default route.
if [ -n "${VPAI_EGRESS_ONLY:-}" ]; then
  iptables -N VPAI_EGRESS
  for net in 127.0.0.0/8 $VPAI_EGRESS_ONLY; do iptables -A VPAI_EGRESS -d "$net" -j RETURN; done
  if [ -n "${VPAI_TAILNET:-}" ]; then
    iptables -A VPAI_EGRESS -d "$VPAI_TAILNET" -o tailscale0 -j RETURN
    ip route add blackhole "$VPAI_TAILNET"
  fi
  iptables -A VPAI_EGRESS -j REJECT
  iptables -A OUTPUT -j VPAI_EGRESS
  iptables -A FORWARD -j VPAI_EGRESS
fi
if [ "${VPAI_DNS_RELAY:-0}" = 1 ]; then
  socat -T5 UDP4-RECVFROM:53,fork UDP4-SENDTO:100.100.100.100:53 &
  socat TCP4-LISTEN:53,fork,reuseaddr TCP4:100.100.100.100:53 &
fi
exec tailscaled --state=/var/lib/tailscale/tailscaled.state --socket=/var/run/tailscale/tailscaled.sock \
  --tun=tailscale0 --no-logs-no-support
