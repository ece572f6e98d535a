package mock

import (
	"net/http"
	"time"
)

// Limits bound what one client can hold of a mock server, so that slow or idle clients cannot keep connections
// (and their goroutines) forever: a connection is closed when its request headers take longer than
// ReadHeaderTimeout, its whole request (headers and body) longer than ReadTimeout, writing its response longer than
// WriteTimeout, or when it stays idle between requests longer than IdleTimeout. Request headers larger than
// MaxHeaderBytes are answered 431. (Request bodies are capped separately, at 16 MiB: 413.)
type Limits struct {
	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration
	WriteTimeout      time.Duration
	IdleTimeout       time.Duration
	MaxHeaderBytes    int
}

// DefaultLimits are the limits of `opgen mock` and NewServer: generous for any test client, short enough that a
// slow-loris client is dropped within seconds.
var DefaultLimits = Limits{
	ReadHeaderTimeout: 5 * time.Second,
	ReadTimeout:       30 * time.Second,
	WriteTimeout:      30 * time.Second,
	IdleTimeout:       60 * time.Second,
	MaxHeaderBytes:    64 << 10,
}

// Apply sets the limits on srv.
func (l Limits) Apply(srv *http.Server) {
	srv.ReadHeaderTimeout = l.ReadHeaderTimeout
	srv.ReadTimeout = l.ReadTimeout
	srv.WriteTimeout = l.WriteTimeout
	srv.IdleTimeout = l.IdleTimeout
	srv.MaxHeaderBytes = l.MaxHeaderBytes
}

// NewHTTPServer returns a server of h with DefaultLimits, as `opgen mock` runs it.
func NewHTTPServer(h http.Handler) *http.Server {
	srv := &http.Server{Handler: h}
	DefaultLimits.Apply(srv)
	return srv
}
