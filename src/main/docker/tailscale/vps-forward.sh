#!/bin/bash
# The VPS node's forwarding: what reaches its tailnet address on 80 and 443 goes on as the VPS host's
# Docker sends it to Caddy. Usage: vps-forward published|direct <address>
#   published  DNAT to Docker's published ports at <address> (the host's side of a bridge), masqueraded:
#              Docker's userland proxy delivers it, so Caddy sees the frontend gateway (architecture 2.5);
#   direct     DNAT to Caddy's own <address>, source kept (kernel DNAT): Caddy sees the client's tailnet address.
# Rules live in chains of their own: Docker's embedded DNS keeps its rules in this namespace too.
set -euo pipefail
mode="${1:?published or direct}" address="${2:?the address to forward to}"
for chain in VPAI_PRE VPAI_POST; do iptables -t nat -N "$chain" 2>/dev/null || iptables -t nat -F "$chain"; done
iptables -t nat -C PREROUTING -j VPAI_PRE 2>/dev/null || iptables -t nat -A PREROUTING -j VPAI_PRE
iptables -t nat -C POSTROUTING -j VPAI_POST 2>/dev/null || iptables -t nat -A POSTROUTING -j VPAI_POST
for port in 80 443; do
  iptables -t nat -A VPAI_PRE -i tailscale0 -p tcp --dport "$port" -j DNAT --to-destination "$address:$port"
done
case "$mode" in
  published) iptables -t nat -A VPAI_POST ! -o tailscale0 -d "$address" -j MASQUERADE ;;
  direct) ;;
  *) echo "vps-forward: unknown mode '$mode' (published or direct)" >&2; exit 2 ;;
esac
