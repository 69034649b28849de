#!/bin/bash
# Headscale as a test environment's Seko-VPN runs it: the shipped config.yaml, plus what only the test
# has, passed as HEADSCALE_* variables by the compose override. Before serving:
#  - a test CA and a certificate for the control server's name, made once into /etc/vpai-tailnet (a volume
#    the nodes mount to trust it): singa's real certificate comes from a TLS front the test does not have;
#  - the nodes' tailnet addresses pinned in Headscale's database (a harness step writes the pins and
#    restarts this container): Headscale hands out addresses in join order, the architecture fixes them.
set -euo pipefail
tls=/etc/vpai-tailnet
name="${VPAI_CONTROL_NAME:?the control server name}"
if [ ! -s "$tls/ca.crt" ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -subj "/CN=VPAI test tailnet CA" -keyout "$tls/ca.key" -out "$tls/ca.crt" 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$name" \
    -keyout "$tls/server.key" -out "$tls/server.csr" 2>/dev/null
  printf 'subjectAltName=DNS:%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' "$name" > "$tls/server.ext"
  openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" -CAcreateserial -days 2 \
    -extfile "$tls/server.ext" -out "$tls/server.crt" 2>/dev/null
  rm -f "$tls/ca.key" "$tls/server.csr" "$tls/server.ext"
  chmod 644 "$tls/ca.crt" "$tls/server.crt"
fi
pins=/var/lib/headscale/address-pins
if [ -s "$pins" ] && [ -s /var/lib/headscale/db.sqlite ]; then
  # Lines "hostname address"; applied while Headscale is not running.
  while read -r host address; do
    sqlite3 /var/lib/headscale/db.sqlite "UPDATE nodes SET ipv4 = '$address' WHERE hostname = '$host';"
  done < "$pins"
fi
exec headscale "$@"
