package support

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// This file is the credential code: a package whose spec declares no security
// scheme has no opgSchemes value in its apiDef, and the generator drops all of
// it.

// opgSchemes are the security schemes by name.
type opgSchemes map[string]securitySchemeDef

type securityKind int

const (
	securityBasic securityKind = iota + 1
	securityBearer
	securityAPIKeyHeader
	securityAPIKeyQuery
	securityAPIKeyCookie
)

// securitySchemeDef is a security scheme. ParamName is the header, query or
// cookie name of an apiKey scheme. UsernameOnly: the basic-auth secret is the
// user name, with an empty password. Option is the generated option that
// sets the credential ("WithPrivateKey"), named in errors.
type securitySchemeDef struct {
	Kind         securityKind
	ParamName    string
	UsernameOnly bool
	Option       string
}

// setup checks the credentials the options gave (each must name a scheme of
// the API; one is required when the spec says so), keeps them in keys with
// the values errors and logs must never show, and marks the query
// parameters that carry API keys as secret.
func (schemes opgSchemes) setup(c *clientCore, cfg *opgConfig, keys *opgKeys, cerr func(field, reason string) error) error {
	for scheme, cred := range cfg.creds {
		sd, ok := schemes[scheme]
		if !ok {
			return cerr(cfg.credOptions[scheme], "unknown security scheme "+strconv.Quote(scheme))
		}
		keys.creds[scheme] = cred
		if sd.Kind == securityBasic {
			if keys.authHeader == nil {
				keys.authHeader = map[string]string{}
			}
			keys.authHeader[scheme] = opgBasicHeader(sd, cred)
		}
		if sd.Kind == securityAPIKeyQuery {
			c.secretQuery[sd.ParamName] = true
		}
		keys.secrets = append(keys.secrets, opgCredentialSecrets(sd, cred)...)
	}
	for _, sd := range schemes {
		if sd.Kind == securityAPIKeyQuery && sd.ParamName != "" {
			c.secretQuery[sd.ParamName] = true
		}
	}
	if c.def.RequireCredential && len(keys.creds) == 0 && len(schemes) > 0 {
		var opts []string
		for name, sd := range schemes {
			opts = append(opts, opgSchemeOption(name, sd))
		}
		sort.Strings(opts)
		opts = slices.Compact(opts)
		return cerr("credential", "no credential given: use "+strings.Join(opts, " or "))
	}
	return nil
}

// apply applies the credentials of the first alternative of op.Security
// whose schemes all have one.
func (schemes opgSchemes) apply(c *clientCore, op *operationDef, h http.Header, q url.Values, cookies *[]*http.Cookie) error {
	if len(op.Security) == 0 {
		return nil
	}
	anonymous := false
	for _, alt := range op.Security {
		if len(alt) == 0 {
			anonymous = true
			continue
		}
		ok := true
		for _, s := range alt {
			if _, has := c.keys().creds[s]; !has {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		for _, s := range alt {
			cred, sd := c.keys().creds[s], schemes[s]
			switch sd.Kind {
			case securityBasic:
				v, ok := c.keys().authHeader[s]
				if !ok {
					v = opgBasicHeader(sd, cred)
				}
				h.Set("Authorization", v)
			case securityBearer:
				h.Set("Authorization", "Bearer "+opgFirst(cred.Token, cred.APIKey))
			case securityAPIKeyHeader:
				h.Set(sd.ParamName, opgFirst(cred.APIKey, cred.Token))
			case securityAPIKeyQuery:
				q.Set(sd.ParamName, opgFirst(cred.APIKey, cred.Token))
			case securityAPIKeyCookie:
				*cookies = append(*cookies, &http.Cookie{Name: sd.ParamName, Value: opgFirst(cred.APIKey, cred.Token)})
			}
		}
		return nil
	}
	if anonymous {
		return nil
	}
	var alts []string
	for _, alt := range op.Security {
		var names []string
		for _, s := range alt {
			names = append(names, opgSchemeOption(s, schemes[s]))
		}
		alts = append(alts, strings.Join(names, " and "))
	}
	text := "no credential for this operation: use " + strings.Join(alts, ", or ")
	return &ValidationError{api: c.def.Name, Operation: op.ID, Field: "credential", Reason: text, text: text}
}

func opgFirst(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// opgBasicHeader is the Authorization header of a basic-auth credential.
func opgBasicHeader(sd securitySchemeDef, cred credential) string {
	if sd.UsernameOnly {
		u := cred.Username
		if u == "" {
			u = opgFirst(cred.APIKey, cred.Token)
		}
		return "Basic " + opgBasic(u, "")
	}
	return "Basic " + opgBasic(cred.Username, cred.Password)
}

// opgBasic is the credentials of a basic Authorization header, as
// http.Request.SetBasicAuth writes them.
func opgBasic(user, pass string) string {
	return base64.StdEncoding.EncodeToString([]byte(user + ":" + pass))
}

func opgSchemeOption(name string, sd securitySchemeDef) string {
	if sd.Option != "" {
		return sd.Option
	}
	return "the credential option of scheme " + strconv.Quote(name)
}

// opgCredentialSecrets returns the values of a credential that must never
// appear in an error or a log line, even when a server echoes them: the
// secrets themselves and the basic-auth header value they produce.
func opgCredentialSecrets(sd securitySchemeDef, cred credential) []string {
	vals := []string{cred.Password, cred.Token, cred.APIKey}
	if sd.Kind == securityBasic {
		if sd.UsernameOnly {
			u := opgFirst(cred.Username, cred.APIKey, cred.Token)
			vals = append(vals, u, opgBasic(u, ""))
		} else {
			vals = append(vals, opgBasic(cred.Username, cred.Password))
		}
	}
	out := vals[:0]
	for _, v := range vals {
		if len(v) >= opgMinSecretLen {
			out = append(out, v)
		}
	}
	return out
}
