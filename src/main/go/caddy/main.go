// Builds Caddy at the model's pin (caddy:2.10.2-alpine) with the OVH DNS module the shipped Caddyfile's
// acme_dns needs: the program xcaddy would generate, as a module of our own so go.sum pins every hash.
// xcaddy cannot: its `go get` asks the checksum database for caddy-dns/ovh, which the proxy does not
// serve (404), so it works only with verification off. See .ci/provision.
package main

import (
	caddycmd "github.com/caddyserver/caddy/v2/cmd"

	_ "github.com/caddy-dns/ovh"
	_ "github.com/caddyserver/caddy/v2/modules/standard"
)

func main() {
	caddycmd.Main()
}
