package support

import (
	"slices"
	"sort"
	"strconv"
	"strings"
)

// This file is the server-variable code: a package whose servers have no
// {variables} has no opgServerVars value in its apiDef, and the generator
// drops all of it.

// opgServerVars are the server variables of all servers.
type opgServerVars []serverVariableDef

// serverVariableDef is a server variable. Option is the generated option
// that sets it ("WithMerchantID"), named in errors when it is missing.
type serverVariableDef struct {
	Name     string
	Default  string
	Required bool
	Enum     []string
	Option   string
}

// setup gives every variable its value, the one set by its option or else
// the chosen server's default, and checks the set values (known variables,
// enum values) and that a variable the chosen server needs is set.
func (vars opgServerVars) setup(c *clientCore, cfg *opgConfig, envURL string, envDefaults map[string]string, cerr func(field, reason string) error) error {
	known := map[string]*serverVariableDef{}
	for i := range vars {
		v := &vars[i]
		known[v.Name] = v
		c.vars[v.Name] = v.Default
		if d, ok := envDefaults[v.Name]; ok {
			c.vars[v.Name] = d // the chosen server's own default
		}
	}
	setVars := make([]string, 0, len(cfg.vars))
	for name := range cfg.vars {
		setVars = append(setVars, name)
	}
	sort.Strings(setVars)
	for _, name := range setVars {
		value, opt := cfg.vars[name], cfg.varOptions[name]
		v := known[name]
		if v == nil {
			return cerr(opt, "unknown server variable "+strconv.Quote(name))
		}
		if len(v.Enum) > 0 && !slices.Contains(v.Enum, value) {
			return cerr(opt, "server variable "+strconv.Quote(name)+" must be one of "+strings.Join(v.Enum, ", "))
		}
		c.vars[name], c.varSet[name] = value, true
	}
	if cfg.baseURL == "" {
		for _, v := range vars {
			// Required where the chosen server uses it, unless that server gives it a default of its own.
			_, own := envDefaults[v.Name]
			if v.Required && !c.varSet[v.Name] && !own && strings.Contains(envURL, "{"+v.Name+"}") {
				return &ValidationError{api: c.def.Name, Field: v.Option, Reason: vars.reason(v.Name), text: vars.reason(v.Name)}
			}
		}
	}
	return nil
}

// missing is the field and the reason of the error for a variable that has
// no value: the option that sets it, when there is one.
func (vars opgServerVars) missing(name string) (field, reason string) {
	field = "server variable " + strconv.Quote(name)
	for _, v := range vars {
		if v.Name == name && v.Option != "" {
			field = v.Option
		}
	}
	return field, vars.reason(name)
}

func (vars opgServerVars) reason(name string) string {
	r := "server variable " + strconv.Quote(name) + " is required"
	for _, v := range vars {
		if v.Name == name && v.Option != "" {
			r += ": use " + v.Option
		}
	}
	return r
}

// expand fills the {variables} of a server URL template with the client's
// values. missing names a variable that has no value.
func (vars opgServerVars) expand(c *clientCore, tmpl string) (out, missing string) {
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			return b.String(), ""
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			b.WriteString(tmpl)
			return b.String(), ""
		}
		name := tmpl[i+1 : i+j]
		v, ok := c.vars[name]
		if !ok || v == "" {
			return "", name
		}
		b.WriteString(tmpl[:i])
		b.WriteString(v)
		tmpl = tmpl[i+j+1:]
	}
}
