package mock

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// requirements are the security requirements of an operation: its own, else the document's.
func (h *Handler) requirements(op *openapi3.Operation) openapi3.SecurityRequirements {
	if op.Security != nil {
		return *op.Security
	}
	return h.doc.Security
}

// missingCredentials checks that the request carries the credentials one of the operation's security
// requirements asks for. Only presence is checked: the mock accepts any key. It returns "" when satisfied,
// else a message saying what to send.
func (h *Handler) missingCredentials(r *http.Request, op *openapi3.Operation) string {
	reqs := h.requirements(op)
	if len(reqs) == 0 {
		return ""
	}
	var wants []string
	for _, req := range reqs {
		if len(req) == 0 {
			return "" // {} in the list: anonymous access is allowed
		}
		ok := true
		var parts []string
		for _, name := range sortedKeys(req) {
			scheme := h.scheme(name)
			parts = append(parts, describeScheme(name, scheme))
			if !present(r, scheme) {
				ok = false
			}
		}
		if ok {
			return ""
		}
		wants = append(wants, strings.Join(parts, " and "))
	}
	sort.Strings(wants)
	return "missing credentials: send " + strings.Join(wants, ", or ") + " (the mock accepts any value)"
}

func (h *Handler) scheme(name string) *openapi3.SecurityScheme {
	if h.doc.Components == nil {
		return nil
	}
	if s := h.doc.Components.SecuritySchemes[name]; s != nil {
		return s.Value
	}
	return nil
}

// present reports whether the request carries a credential for the scheme. An unknown scheme, or one the mock
// cannot see over plain HTTP (mutualTLS), counts as present.
func present(r *http.Request, s *openapi3.SecurityScheme) bool {
	if s == nil {
		return true
	}
	auth := r.Header.Get("Authorization")
	switch strings.ToLower(s.Type) {
	case "http":
		scheme, cred, _ := strings.Cut(auth, " ")
		if !strings.EqualFold(scheme, s.Scheme) || strings.TrimSpace(cred) == "" {
			return false
		}
		if strings.EqualFold(s.Scheme, "basic") {
			dec, err := base64.StdEncoding.DecodeString(strings.TrimSpace(cred))
			if err != nil {
				return false
			}
			user, pass, _ := strings.Cut(string(dec), ":")
			return user != "" || pass != ""
		}
		return true
	case "apikey":
		switch strings.ToLower(s.In) {
		case "header":
			return r.Header.Get(s.Name) != ""
		case "query":
			return r.URL.Query().Get(s.Name) != ""
		case "cookie":
			c, err := r.Cookie(s.Name)
			return err == nil && c.Value != ""
		}
		return true
	case "oauth2", "openidconnect":
		scheme, cred, _ := strings.Cut(auth, " ")
		return strings.EqualFold(scheme, "bearer") && strings.TrimSpace(cred) != ""
	}
	return true
}

// describeScheme says how a credential travels: "privateKey (HTTP basic authentication)".
func describeScheme(name string, s *openapi3.SecurityScheme) string {
	if s == nil {
		return name
	}
	switch strings.ToLower(s.Type) {
	case "http":
		if strings.EqualFold(s.Scheme, "basic") {
			return name + " (HTTP basic authentication)"
		}
		return fmt.Sprintf("%s (Authorization: %s <token>)", name, titleCase(s.Scheme))
	case "apikey":
		return fmt.Sprintf("%s (%s %s)", name, s.In, s.Name)
	case "oauth2", "openidconnect":
		return name + " (Authorization: Bearer <token>)"
	}
	return name
}

func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + strings.ToLower(s[1:])
}

// authChallenge is the WWW-Authenticate header of a 401 for the operation's HTTP schemes.
func (h *Handler) authChallenge(op *openapi3.Operation) http.Header {
	seen := map[string]bool{}
	var out []string
	for _, req := range h.requirements(op) {
		for _, name := range sortedKeys(req) {
			s := h.scheme(name)
			if s == nil {
				continue
			}
			var c string
			switch strings.ToLower(s.Type) {
			case "http":
				c = titleCase(s.Scheme) + ` realm="opgen mock"`
			case "oauth2", "openidconnect":
				c = `Bearer realm="opgen mock"`
			}
			if c != "" && !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	return http.Header{"Www-Authenticate": out}
}
