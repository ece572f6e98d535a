// Package pattern compiles the regular expressions of OpenAPI's "pattern" keyword. They are ECMA-262 regular
// expressions: look-arounds ((?!...), (?<=...)) and back-references (\1) are valid in a spec, and common in
// banking and payment specs, but Go's RE2 engine refuses them. Compile tries RE2 first (linear time, and what
// kin-openapi uses by default) and falls back to regexp2 in ECMAScript mode.
//
// Generated SDKs never evaluate patterns (they document them), so this engine is needed only by opgen's own
// spec validation and by the mock's request and response validation.
package pattern

import (
	"regexp"
	"sync"
	"time"

	"github.com/dlclark/regexp2/v2"
	"github.com/getkin/kin-openapi/openapi3"
)

// MatchTimeout bounds one match of a backtracking pattern: a pattern with catastrophic backtracking must not hang
// the mock. A match that runs out of time is not enforced (it matches).
const MatchTimeout = 100 * time.Millisecond

var cache sync.Map // expr -> compiled

type compiled struct {
	m   openapi3.RegexMatcher
	err error
}

// codepointRe finds \uXXXX escapes, which ECMA-262 allows and RE2 writes \x{XXXX} (as kin-openapi rewrites them).
var codepointRe = regexp.MustCompile(`\\u([0-9A-Fa-f]{4})`)

// Compile compiles an OpenAPI pattern: with RE2 when it can, else as an ECMAScript regular expression. It has the
// signature of kin-openapi's RegexCompilerFunc (openapi3.SetRegexCompiler, openapi3.SetSchemaRegexCompiler).
func Compile(expr string) (openapi3.RegexMatcher, error) {
	if c, ok := cache.Load(expr); ok {
		return c.(compiled).m, c.(compiled).err
	}
	var c compiled
	if re, err := regexp.Compile(codepointRe.ReplaceAllString(expr, `\x{$1}`)); err == nil {
		c.m = re
	} else if re2, err2 := regexp2.Compile(expr, regexp2.ECMAScript); err2 == nil {
		re2.MatchTimeout = MatchTimeout
		c.m = ecma{re2}
	} else {
		c.err = err2
	}
	cache.Store(expr, c)
	return c.m, c.err
}

// IsRE2 reports whether Go's regexp package compiles the pattern as written (\uXXXX escapes aside).
func IsRE2(expr string) bool {
	_, err := regexp.Compile(codepointRe.ReplaceAllString(expr, `\x{$1}`))
	return err == nil
}

type ecma struct{ re *regexp2.Regexp }

func (e ecma) MatchString(s string) bool {
	ok, err := e.re.MatchString(s)
	return ok || err != nil // a timeout: not enforced
}
