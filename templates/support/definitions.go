package support

import (
	"net/http"
	"net/url"
)

// apiDefinition describes the API; the generated code declares one.
type apiDefinition struct {
	Name            string // package name, e.g. "openpaymx": prefix of error messages
	Title, Version  string // info.title and info.version; default User-Agent "<Name>/<Version> (opgen)"
	Environments    []environmentDef
	ServerVariables opgVariables // opgServerVars, the union of all servers' variables; nil when none has one
	SecuritySchemes opgSecurity  // nil when the spec declares no security scheme
	SensitiveFields []string     // property names redacted in logs and errors, besides the built-in ones
	// RequestSecrets is opgRequestSecrets when a request body can hold a property redacted by its name (or
	// free-form JSON); nil when none can, and the request body is then not searched for values to scrub.
	RequestSecrets    func(r *opgRedactor, contentType string, body []byte) []string
	RequestIDHeaders  []string // response headers holding the request id; X-Request-Id is always checked
	RequireCredential bool     // newClientCore fails when no credential option was given
	// DriftTypes is what the drift check needs to know of the generated types that reflection cannot tell (see
	// opgDriftInfo); nil when no response is JSON.
	DriftTypes opgDriftTypes
}

// environmentDef is one entry of the top-level servers list; the first is
// the default. URL may hold {variables}.
type environmentDef struct {
	Name string
	URL  string
	// Defaults are this server's own variable defaults, where they differ
	// from serverVariableDef.Default.
	Defaults map[string]string
}

// operationDef describes one operation; the generated code declares one per
// operation.
type operationDef struct {
	ID                string     // "Charges.Create"
	Method            string     // "POST"
	PathTemplate      string     // "/customers/{customer_id}/cards": logged, never the filled path
	Security          [][]string // alternatives (OR) of scheme-name sets (AND); empty = no auth
	Idempotent        bool       // x-opgen-idempotent: POST/PATCH retryable without a key
	IdempotencyHeader string     // header carrying the idempotency key, "" if none
	// Servers are operation- or path-level servers by environment name; the
	// key "" applies to every environment. nil: the client's base URL.
	Servers map[string]string
	// DecodeError returns the typed error body of a non-2xx response, or nil
	// when body does not decode into it. May be nil.
	DecodeError func(status int, body []byte) error
	// API is the API the operation belongs to; it names the API in errors
	// built before a call (missingParam).
	API *apiDefinition
}

// opgSecurity is the API's security schemes (opgSchemes); apiDefinition
// holds it as an interface so that the client core does not name the
// credential code.
type opgSecurity interface {
	setup(c *clientCore, cfg *opgConfig, keys *opgKeys, cerr func(field, reason string) error) error
	apply(c *clientCore, op *operationDef, h http.Header, q url.Values, cookies *[]*http.Cookie) error
}

// opgVariables is the API's server variables (opgServerVars); apiDefinition
// holds it as an interface so that the client core does not name this code.
type opgVariables interface {
	setup(c *clientCore, cfg *opgConfig, envURL string, envDefaults map[string]string, cerr func(field, reason string) error) error
	expand(c *clientCore, tmpl string) (out, missing string)
	missing(name string) (field, reason string)
}
