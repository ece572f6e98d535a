package spec

import "strings"

// Kind names a class of spec problem. The acceptance policy (Policies) says, per kind, whether opgen generates
// despite it (a warning, listed in the report) or refuses the spec (an error).
type Kind string

// Problem kinds. The ones not listed in Policies are errors.
const (
	KindOther             Kind = "other"         // anything not classified below: an error
	KindInfoMissing       Kind = "info-missing"  // no info object
	KindInfoTitle         Kind = "info-title"    // info.title missing or empty
	KindInfoVersion       Kind = "info-version"  // info.version missing or empty
	KindPathsMissing      Kind = "paths-missing" // 3.0 document without paths
	KindResponseDesc      Kind = "response-description"
	KindNoResponses       Kind = "no-responses"          // 3.0 operation without responses
	KindRefSiblings       Kind = "unknown-keyword"       // keywords beside $ref or unknown to OpenAPI
	KindPathParamAbsent   Kind = "path-param-absent"     // declared in: path parameter the template lacks
	KindPathParamUndecl   Kind = "path-param-undeclared" // template variable without a parameter
	KindPathParamOptional Kind = "path-param-optional"   // path parameter without required: true
	KindSameTemplate      Kind = "same-template"         // /a/{x} and /a/{y}
	KindSecurityUndefined Kind = "security-undefined"    // requirement naming an undefined scheme
	KindArrayItems        Kind = "array-without-items"
	KindNewerKeyword      Kind = "version-keyword" // a 3.1 keyword in a 3.0 document, or a 3.0 form in 3.1
	KindRequiredDup       Kind = "required-duplicate"
	KindPattern           Kind = "pattern" // a pattern no engine here compiles
	KindDefault           Kind = "default-mismatch"
	KindServerVarDefault  Kind = "server-variable-default"
	KindOperationIDAlias  Kind = "operation-id-alias" // one operation reached from two paths
	KindOperationIDDup    Kind = "operation-id-duplicate"
	KindParamDup          Kind = "parameter-duplicate"
	KindComponentName     Kind = "component-name"
	KindEmpty             Kind = "empty-element"
	KindNullType          Kind = "unquoted-null-type"
	KindComponentsOnly    Kind = "components-only"
	KindTupleItems        Kind = "tuple-items"
	KindLoad              Kind = "load" // the document cannot be read, parsed or loaded at all
)

// Policy is what opgen does with one kind of problem by default, and why.
type Policy struct {
	Kind    Kind
	Warning bool   // generated despite it (and listed in the report); an error when false (or with -strict)
	Why     string // why the generated code is, or is not, still right
}

// Policies is the acceptance policy, one entry per kind, in the order docs/ACCEPTANCE.md lists them.
var Policies = []Policy{
	{KindInfoMissing, true, "info only feeds doc comments: nothing generated depends on it"},
	{KindInfoTitle, true, "the title only feeds the package doc comment"},
	{KindInfoVersion, true, "the version only feeds the package doc comment"},
	{KindPathsMissing, true, "a 3.0 document with components but no paths is a components file: a types-only package is generated"},
	{KindComponentsOnly, true, "a file holding only components (no openapi key), the kind other specs $ref, is read as OpenAPI 3.0: a types-only package"},
	{KindResponseDesc, true, "the description only feeds doc comments"},
	{KindNoResponses, true, "the operation is generated returning no body; any status >= 400 is an *APIError as usual"},
	{KindRefSiblings, true, "keywords opgen does not know (beside a $ref, or in a schema: $recursiveRef, a typo) are ignored, as OpenAPI says of $ref siblings; no generated code reads them"},
	{KindPathParamAbsent, true, "a parameter the path cannot carry is never sent: it is left out of the method"},
	{KindPathParamUndecl, true, "the template variable becomes a string argument (reported as downgraded)"},
	{KindPathParamOptional, true, "a path parameter is always required: the argument is required whatever the spec says"},
	{KindSameTemplate, true, "each path keeps its own method and template; the server decides which it routes, as it does for every client"},
	{KindSecurityUndefined, true, "a requirement naming no scheme cannot be met: it is ignored and the other requirements apply"},
	{KindArrayItems, true, "an array without items is a list of any JSON values: []json.RawMessage, each element kept as received"},
	{KindNewerKeyword, true, "a 3.1 keyword (const, examples, webhooks) in a 3.0 document, or a 3.0 form (boolean exclusiveMinimum) in 3.1, is honoured as written"},
	{KindRequiredDup, true, "a property listed twice in required is required once"},
	{KindPattern, true, "a pattern no engine here compiles is documented but not checked"},
	{KindDefault, true, "a default or example that does not match its schema is only documented: opgen never sends defaults"},
	{KindServerVarDefault, true, "a server variable without a default becomes a required client option"},
	{KindOperationIDAlias, true, "one operation reused by several paths (a path item $ref): each path gets its own method, the later ones numbered"},
	{KindNullType, true, "an unquoted null in a type list is YAML's null, which can only mean \"null\": read as \"null\""},
	{KindTupleItems, true, "items given as a list (JSON Schema draft 4 tuples) is read as prefixItems: the elements are kept as raw JSON, reported as downgraded"},
	{KindOperationIDDup, false, "two different operations with one operationId would get method names that depend on order: ambiguous"},
	{KindParamDup, false, "two parameters with the same name and location: which one the method sends would be a guess"},
	{KindComponentName, false, "a component name with other characters cannot be referenced reliably: $refs to it are ambiguous"},
	{KindEmpty, false, "an empty element (a null where an object belongs) leaves nothing to generate from"},
	{KindOther, false, "anything else kin-openapi reports: the generated code could be wrong"},
	{KindLoad, false, "a file that cannot be read, parsed or loaded gives nothing to generate from"},
}

// IsWarning says whether the default policy generates despite a problem of kind k.
func IsWarning(k Kind) bool {
	for _, p := range Policies {
		if p.Kind == k {
			return p.Warning
		}
	}
	return false
}

// classify finds the kind of a kin-openapi validation message.
func classify(msg string) Kind {
	switch {
	case strings.Contains(msg, "a short description of the response is required"):
		return KindResponseDesc
	case strings.Contains(msg, "value of version must be a non-empty string"):
		return KindInfoVersion
	case strings.Contains(msg, "value of title must be a non-empty string"):
		return KindInfoTitle
	case strings.Contains(msg, "extra sibling fields"):
		return KindRefSiblings
	case strings.Contains(msg, "is for OpenAPI >=3.1"), strings.Contains(msg, "is for OpenAPI <3.1"):
		return KindNewerKeyword
	case strings.Contains(msg, "in required") && strings.Contains(msg, "duplicate field"):
		return KindRequiredDup
	case strings.Contains(msg, "schema 'items' must be non-null"):
		return KindArrayItems
	case strings.Contains(msg, "must be required"):
		return KindPathParamOptional
	case strings.Contains(msg, "invalid default"), strings.Contains(msg, "invalid example"):
		return KindDefault
	case strings.Contains(msg, "error parsing regexp"), strings.Contains(msg, "cannot compile pattern"), strings.Contains(msg, "compile pattern"):
		return KindPattern
	}
	return KindOther
}
