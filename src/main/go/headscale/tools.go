//go:build tools

// Package tools pins Headscale for the harness: `go build` here builds the exact release the model
// names (headscale/headscale:0.26.0) from the Go module proxy. `go install …@v0.26.0` would do, but
// the proxy refuses Headscale's version list, which `go install` reads; a module of our own does not.
package tools

import _ "github.com/juanfont/headscale/cmd/headscale"
