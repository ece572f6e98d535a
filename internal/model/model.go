// Package model is the generator's intermediate representation: plain data in which every Go name is already
// decided. It imports neither kin-openapi nor jennifer; build fills it, emit prints it.
package model

// Package is everything one generated Go package holds.
type Package struct {
	Name       string // Go package name
	ImportPath string // may be empty
	SpecPath   string // as given by the user; printed in headers
	Title      string
	Version    string
	Doc        []string

	Types  []*Type // sorted by Name
	Client *Client // nil when the spec has no operations and no servers

	// RuntimeFiles are the support sources copied from templates/ (file name -> source with package clause
	// already rewritten).
	RuntimeFiles map[string][]byte

	// Notes is the report: every operation and schema, and what became of it.
	Notes []Note
	// Webhooks, when the spec lists webhook event types, drives ParseEvent.
	Webhooks *Webhooks
}

// Webhooks describes the API's webhook events.
type Webhooks struct {
	EventType *Type  // the enum of event types
	Payload   *Type  // the event payload struct (may be nil)
	TypeField *Field // the payload field holding the event type
}

// TypeKind says what Go declaration a Type becomes.
type TypeKind int

const (
	// KindStruct is a struct of Fields (and maybe Extra for additionalProperties).
	KindStruct TypeKind = iota + 1
	// KindEnum is a named string or integer type with constants.
	KindEnum
	// KindNamed is `type X <Underlying>` (maps, slices, primitives).
	KindNamed
	// KindAlias is `type X = <Underlying>`.
	KindAlias
	// KindUnion is a struct with one pointer per variant and custom JSON methods.
	KindUnion
)

// Type is one named Go type.
type Type struct {
	Name    string
	Kind    TypeKind
	Doc     []string
	Pointer string // provenance: "#/components/schemas/Charge"

	Fields []*Field // KindStruct
	// Extra, when set, holds additionalProperties beside declared fields: the struct gets a map field of this name
	// and custom MarshalJSON/UnmarshalJSON.
	Extra *Field
	// Rest, when set, makes a decoded struct keep what the object it came from carried beyond its declared fields,
	// so that encoding it again gives back that object (docs/TYPES.md): members the spec does not declare and
	// nulls its fields cannot hold. Types only a request body holds have none: a caller builds them.
	Rest       *Rest
	Enum       *Enum    // KindEnum
	Underlying *TypeRef // KindNamed, KindAlias
	Union      *Union   // KindUnion

	// Tagged lists the fields holding a union that a sibling field's value selects (Union.Sibling): the struct
	// decodes them after its other fields, by that value.
	Tagged []*SiblingTagged

	// MaskedFormat, when set, gives the struct a fmt.Formatter that prints its Sensitive fields masked, so a
	// %v or %+v of a request in a user's log line never shows a card number or a password.
	MaskedFormat bool
	// LogMasked, when set, gives the type a slog.LogValuer that logs it through its masked fmt form: it holds a
	// sensitive field directly or through a nested struct, slice, map, union or Nullable. slog's JSON handler
	// would otherwise encode the card number a Format hides.
	LogMasked bool
	// Validates, when set, gives the type an opgValidate method that checks the spec's number limits (Field.Check)
	// of its fields, nested ones included, before a request carrying it is sent. Only types a request body can
	// hold get one.
	Validates bool

	// ErrorMethod, when set, is the field whose value Error() returns (the type is an API error body);
	// ErrorCodeField optionally precedes it ("1001: message").
	ErrorMethod    *Field
	ErrorCodeField *Field
	// RequestIDField, when set, is the body field holding the provider's request id (Openpay's request_id):
	// APIError.RequestID takes it when no response header carries one.
	RequestIDField *Field
	IsError        bool
}

// Rest names what a struct keeping its decoded extras declares.
type Rest struct {
	// Field is the unexported field holding them (the runtime's *opgRest).
	Field string
	// Accessor is the exported method returning the undeclared members ("UnknownFields"); "" when the struct has
	// an Extra map, which holds them typed.
	Accessor string
	// Codec, when set, gives the struct a generated decoder (opgDecodeJSON) instead of encoding/json's reflection;
	// the config's json_codecs: false leaves it unset everywhere.
	Codec bool
}

// JSONFields returns the fields t's JSON object holds by name: its own, then those of the structs it embeds
// (x-opgen-embed) that it does not declare again, as encoding/json sees them.
func (t *Type) JSONFields() []*Field {
	var out []*Field
	seen := map[string]bool{}
	var walk func(t *Type, depth int)
	walk = func(t *Type, depth int) {
		if t == nil || depth > 16 {
			return
		}
		var embedded []*Type
		for _, f := range t.Fields {
			switch {
			case f.Promoted:
				if f.Type != nil && f.Type.Decl != nil {
					embedded = append(embedded, f.Type.Decl)
				}
			case !seen[f.JSONName]:
				seen[f.JSONName] = true
				out = append(out, f)
			}
		}
		for _, e := range embedded {
			walk(e, depth+1)
		}
	}
	walk(t, 0)
	return out
}

// Field is one struct field.
type Field struct {
	Name      string // Go name
	JSONName  string
	Type      *TypeRef // final Go type, pointer/Opt/Nullable already applied
	Required  bool
	Nullable  bool
	Omit      OmitKind
	Doc       []string
	Sensitive bool
	// ReadOnly fields are never sent (Body.ReadOnly lists their paths); WriteOnly ones are never required on decode:
	// a required writeOnly property is optional in Go and documented as required in requests.
	ReadOnly  bool
	WriteOnly bool
	// Const, for a required field whose type is a one-value enum (a `const`), is the constant the encoder fills in
	// when the caller leaves the field at its zero value.
	Const *EnumValue
	// Format is the property schema's format ("uri", "date-time"...), for the readers of a type's shape
	// (pagination inference tells a next-page URL from a cursor by it).
	Format string
	// Embedded fields are written without a name (Go embedding): the request body inside a parameters struct.
	Embedded bool
	// Promoted, on an Embedded field, says the embedded struct's fields are members of this object's own JSON
	// (an allOf member marked x-opgen-embed), as encoding/json flattens an untagged embedded struct.
	Promoted bool
	// Check, when set, is what the SDK verifies of a number field before sending it.
	Check *NumberCheck
	// WireForms are the alternative JSON forms the decoder also accepts for this field (x-opgen-also-accept:
	// "string", "number", "any-case"), turned into the canonical value; the encoder sends only the canonical form.
	// WireEnum is the enum's values, for "any-case".
	WireForms []string
	WireEnum  []string
}

// NumberCheck is the spec's limits on a number (minimum, maximum, exclusive bounds, multipleOf) and the minor units
// of its currency, checked exactly on the number's decimal text, never through float64.
type NumberCheck struct {
	Min, Max                   string // decimal text; "" = no bound
	ExclusiveMin, ExclusiveMax bool
	MultipleOf                 string // decimal text; "" = none
	MinorUnits                 *MinorUnits
}

// MinorUnits ties an amount to the currency named by a sibling field (x-opgen-minor-units): the amount may carry
// at most the currency's number of decimals (ISO 4217, or the spec's own table).
type MinorUnits struct {
	Currency *Field         // the sibling field holding the currency code
	Default  string         // the currency when that field is unset ("" = unchecked)
	Digits   map[string]int // the spec's own table; the runtime's ISO 4217 table otherwise
}

// OmitKind is the JSON tag's omission option.
type OmitKind int

const (
	// OmitNone always sends the field.
	OmitNone OmitKind = iota
	// OmitEmpty is `,omitempty` (pointers).
	OmitEmpty
	// OmitZero is `,omitzero` (slices, maps, Nullable, structs).
	OmitZero
)

// RefKind says what Go type expression a TypeRef is.
type RefKind int

const (
	// RefBuiltin is a predeclared type: string, bool, int64, float64, any, []byte...
	RefBuiltin RefKind = iota + 1
	// RefNamed is a type declared in this package (Name) or imported (ImportPath + Name).
	RefNamed
	// RefSlice is []Elem.
	RefSlice
	// RefMap is map[string]Elem.
	RefMap
	// RefPointer is *Elem.
	RefPointer
	// RefNullable is Nullable[Elem] from the runtime support.
	RefNullable
	// RefOptional is Opt[Elem] from the runtime support: an optional, non-nullable scalar (string, number, bool,
	// enum, Decimal, Date, time.Time). Read as a value (x.Value), absence detectable (x.IsSet()), sent only when
	// set; objects and unions stay pointers, slices and maps stay as they are.
	RefOptional
)

// TypeRef is a Go type expression.
type TypeRef struct {
	Kind       RefKind
	Name       string // RefBuiltin: "string"; RefNamed: type name
	ImportPath string // RefNamed from another package ("time", "encoding/json")
	Elem       *TypeRef
	// Struct, for a RefNamed in this package, is the declared type (nil for runtime and imported types).
	Decl *Type
}

// Enum is the value set of an enum type.
type Enum struct {
	Base   string // "string" or "int64"
	Values []*EnumValue
	// WebhookEvents marks the enum listing webhook event types.
	WebhookEvents bool
	// Groups are named subsets of the values (x-opgen-enum-groups): each gives the type an Is<Name>() method.
	Groups []*EnumGroup
}

// EnumGroup is a named subset of an enum's values, e.g. the error codes that mean a card was declined.
type EnumGroup struct {
	Method string // Go method name: "IsDeclined"
	Key    string // the group's name in the spec
	Values []*EnumValue
}

// EnumValue is one constant.
type EnumValue struct {
	Name  string // Go constant name, type-prefixed
	Value string // string value, or the integer's decimal text
	Doc   []string
}

// Union is a oneOf/anyOf.
type Union struct {
	Variants []*Variant
	// Discriminator is the JSON property that selects the variant ("" = decide by structure).
	Discriminator string
	OneOf         bool
	// Unknown, when set, names the json.RawMessage field that keeps, as received, a payload whose discriminator
	// value the spec does not list (a variant the API added since). Set only when every variant's values are
	// explicit (a mapping or a const), so that an unlisted value really is a new variant.
	Unknown string
	// Shared lists the discriminator values that several variants declare (two const "message" variants told
	// apart by another property): such a value cannot pick a variant, so the payload's shape decides.
	Shared []string
	// Null, when set, names the bool field that holds a JSON null: the schema allows null (a null branch,
	// nullable, a type list with "null") or a branch does. A null payload sets it and nothing else, and it encodes
	// as null, so the union round-trips null wherever it appears (a response body, an element, another union).
	Null string
	// Sibling, when set, is the JSON property of the enclosing object whose value selects the variant
	// (x-opgen-sibling-discriminator: an event's "type" deciding what its "data" is); each variant's SiblingValues
	// list the values naming it. The enclosing struct decodes the union through opgDecodeTagged; a value no
	// variant lists keeps the payload in Unknown.
	Sibling string
	// JSONString, when set, lets the payload arrive as a JSON string holding the encoded value
	// (x-opgen-json-string): it is decoded from the string's contents. It is always sent as the value itself.
	JSONString bool
}

// SiblingTagged is a struct field holding a union whose variant a sibling field's value selects.
type SiblingTagged struct {
	Field *Field // the union field
	Tag   *Field // the sibling holding the value: a string, a string enum, or Opt of one
}

// Variant is one union member.
type Variant struct {
	Name string   // Go field name in the union struct
	Type *TypeRef // never a pointer; the union field is *Type or, for slices/maps, the type itself
	// DiscriminatorValues select this variant; the encoder fills the first in when the caller leaves the property
	// unset. TagStrict says they are the spec's own (a mapping or a const), so that any other value is refused on
	// encode; an implicit value (the schema's name) is only filled in.
	DiscriminatorValues []string
	TagStrict           bool
	// SiblingValues are the values of the enclosing object's Union.Sibling property that select this variant.
	SiblingValues []string
	// JSONKind is what the payload must look like: "object", "array", "string", "number", "integer", "boolean".
	JSONKind string
	// Required lists the JSON properties an object variant requires; Known lists all it declares.
	Required []string
	Known    []string
	// Fixed lists, as property/value pairs, the properties an object variant fixes to one string (a const or a
	// one-value enum: stripe's "object": "card"): a payload with another value there is not this variant.
	Fixed [][2]string
	// Enum lists a scalar variant's values (as enumText writes them): a oneOf payload the enum lists goes to this
	// variant rather than to a plain one of the same JSON type, and one it does not list to the plain one.
	Enum []string
}

// Client is the generated client surface.
type Client struct {
	Name              string // "Client"
	Doc               []string
	EnvType           string // "Environment" (runtime type)
	Environments      []*Environment
	ServerVariables   []*ServerVariable
	Schemes           []*SecurityScheme
	Root              *Service     // the client itself; Services hang below it
	Operations        []*Operation // every operation, sorted by ID
	SensitiveFields   []string
	RequestIDHeaders  []string
	RequireCredential bool
}

// Environment is one entry of `servers`.
type Environment struct {
	ConstName string // "Sandbox"
	Value     string // "sandbox"
	URL       string
	Doc       []string
	// Defaults are this server's own defaults of its variables, where they differ from the variable's default
	// (the first server's): two servers may give one variable different defaults.
	Defaults map[string]string
}

// ServerVariable is a variable in a server URL.
type ServerVariable struct {
	Name       string // "merchant_id"
	OptionName string // "WithMerchantID"
	Default    string
	Required   bool
	Enum       []string
	// EnumType, when the variable has an enum, is the named string type of its values and EnumConsts its constants.
	EnumType   string
	EnumConsts []*EnumValue
	Doc        []string
}

// SecurityKind matches the runtime's securityKind constants.
type SecurityKind string

// The security scheme kinds: basic auth, a bearer token, an API key in a header, the query or a cookie.
const (
	SecurityBasic        SecurityKind = "securityBasic"
	SecurityBearer       SecurityKind = "securityBearer"
	SecurityAPIKeyHeader SecurityKind = "securityAPIKeyHeader"
	SecurityAPIKeyQuery  SecurityKind = "securityAPIKeyQuery"
	SecurityAPIKeyCookie SecurityKind = "securityAPIKeyCookie"
)

// SecurityScheme is one usable scheme and its client option.
type SecurityScheme struct {
	Name         string // the spec's scheme name
	OptionName   string // "WithPrivateKey"
	Kind         SecurityKind
	ParamName    string
	UsernameOnly bool
	Doc          []string
}

// Service is a group of operations: `client.Customers.Cards`.
type Service struct {
	TypeName   string // "CustomersCardsService"; "" for the root (the client)
	FieldName  string // "Cards" (field on the parent)
	Path       []string
	Doc        []string
	Children   []*Service
	Operations []*Operation
}

// Operation is one generated method.
type Operation struct {
	ID          string // "Customers.Cards.Create": logs and errors
	OperationID string // the spec's operationId
	VarName     string // "opCustomersCardsCreate": its runtime definition
	Method      string // Go method name
	HTTPMethod  string
	Path        string // template
	Doc         []string
	Pointer     string
	Deprecated  bool

	PathParams []*Param // positional arguments, in path order
	// Params holds query, header and cookie parameters; ParamsType is the struct generated for them.
	Params     []*Param
	ParamsType *Type

	Body *Body
	// AltBodies are the operation's other request media types, each a method of its own.
	AltBodies []*AltBody

	Responses []*Response // success responses, sorted by status
	// Result is how the method returns the success value.
	Result        *TypeRef // nil: the method returns only error
	ResultPointer bool     // return *Result
	// MultiResult, when several 2xx carry different types, is the generated struct with one field per status.
	MultiResult *Type

	Errors []*ErrorResponse
	// ErrorDecoder is the generated function decoding this operation's typed error bodies ("" = none).
	ErrorDecoder string

	Security          [][]string
	Idempotent        bool
	IdempotencyHeader string
	Servers           map[string]string

	Pagination *Pagination

	// HeadersType, when a success response declares headers, is the generated struct of them (a field per
	// header, ResponseHeaders in order), filled by WithResponseHeaders; a HEAD operation returns it.
	HeadersType     *Type
	ResponseHeaders []*ResponseHeader
}

// ParamIn is where a parameter travels.
type ParamIn string

// The parameter locations of OpenAPI's "in".
const (
	InPath   ParamIn = "path"
	InQuery  ParamIn = "query"
	InHeader ParamIn = "header"
	InCookie ParamIn = "cookie"
)

// Param is one parameter.
type Param struct {
	Name      string // wire name
	GoName    string // field name in the params struct, or argument name for path parameters
	In        ParamIn
	Type      *TypeRef
	Required  bool
	Style     string // "form", "simple", "deepObject", "spaceDelimited", "pipeDelimited"
	Explode   bool
	Doc       []string
	Sensitive bool
	// ObjectFields, for an object-valued query parameter (deepObject), lists its properties.
	ObjectFields []*Field
	// MinZero: an integer whose schema allows 0 as its minimum or default (a page numbered from 0).
	MinZero bool
	// Default is the schema's default of a scalar parameter, as text ("" = none).
	Default string
}

// BodyKind is the request body encoding.
type BodyKind string

// The request body encodings: JSON, form-urlencoded, multipart, plain text and raw bytes.
const (
	BodyJSON      BodyKind = "json"
	BodyForm      BodyKind = "form"
	BodyMultipart BodyKind = "multipart"
	BodyText      BodyKind = "text"
	BodyBinary    BodyKind = "binary"
)

// Body is a request body.
type Body struct {
	Kind        BodyKind
	ContentType string
	Type        *TypeRef // the Go type of the argument (without pointer for slices/maps/readers)
	Pointer     bool     // argument is *Type
	Required    bool
	ArgName     string // "params" or "body"
	Doc         []string
	// MultipartFields for multipart bodies: which struct fields are files.
	Parts []*Part
	// ReadOnly lists the paths (property names; "*" for every array element or map value) of the readOnly
	// properties the body type can hold: the runtime removes them before sending.
	ReadOnly [][]string
	// Nullable: the spec allows a JSON null body; the argument is Nullable[Type], so unset, null and a value
	// are each sent as such.
	Nullable bool
	// FormStyles, for form bodies, are the properties whose encoding the spec gives (an encoding object, or a
	// Swagger 2.0 collectionFormat).
	FormStyles []*FormStyle
	// Base64: a BodyBinary []byte the spec says travels base64-encoded (format base64, contentEncoding base64).
	Base64 bool
	// Folded is the field of the operation's parameters struct that holds the body, when the body travels in
	// it (Create(ctx, params) instead of Create(ctx, body, params)); "" when the body is an argument.
	Folded string
	// FoldedEmbedded: the folded body is an embedded struct value (the method sends its address); otherwise the
	// field has the argument's own type.
	FoldedEmbedded bool
}

// FormStyle is the encoding of one property of a form body.
type FormStyle struct {
	Name    string // wire name
	Style   string
	Explode bool
}

// Part is one multipart field.
type Part struct {
	Field  *Field
	IsFile bool
	// Repeated: an array, sent as one part per element.
	Repeated bool
	// JSON: an object (or an array of objects), sent as one JSON part.
	JSON bool
	// ContentType is the part's Content-Type from the encoding object ("" = the default for its kind).
	ContentType string
}

// AltBody is another media type an operation accepts, generated as a method of its own.
type AltBody struct {
	Method string // "UpdateMergePatch"
	Body   *Body
}

// Response is one success response.
type Response struct {
	Status     int    // 200; 0 for "2XX"/default
	StatusText string // "200", "2XX"
	Type       *TypeRef
	Kind       BodyKind // json, text, binary, or "" when there is no body
	Field      string   // the MultiResult field name
	// Nullable says the schema allows a JSON null body: the call returns nil (a pointer result) or the Nullable
	// result's null, never an empty value that reads like an answer.
	Nullable bool
	// Base64: a BodyBinary body the spec says travels base64-encoded, decoded into a []byte.
	Base64 bool
	// Headers are the response headers the spec declares for this status.
	Headers []*ResponseHeader
}

// ResponseHeader is a declared response header.
type ResponseHeader struct {
	Name   string   // wire name, canonical form
	GoName string   // field of the result's headers struct
	Type   *TypeRef // the Go type of the field (a pointer unless Required)
	// Parse is how the runtime reads it: "string", "int", "int32", "int64", "float64", "bool", "time" (RFC 3339,
	// else an HTTP date), "retry-after" (seconds or an HTTP date, as a time.Duration), "strings" (a
	// comma-separated list).
	Parse    string
	Required bool
	Doc      []string
}

// ErrorResponse is one documented error response.
type ErrorResponse struct {
	Status int // 0 for default / ranges
	Range  int // 4 for 4XX, 5 for 5XX, 0 otherwise
	Type   *TypeRef
}

// Pagination is an auto-paging method.
type Pagination struct {
	Method      string // "ListAll"
	Style       string // offset, page, cursor, token
	OffsetParam *Param
	LimitParam  *Param
	PageParam   *Param
	CursorParam *Param
	ItemsPath   []string  // JSON path to the items in the response struct, as Go field names
	ItemsKinds  []RefKind // the kind of each step's field type (RefPointer, RefNullable, or anything else = value)
	NextPath    []string  // Go field path to the next cursor
	NextKinds   []RefKind
	Item        *TypeRef
	// FirstPage is the first page number of the page style (1, or 0 when the parameter allows 0).
	FirstPage int
	// LimitDefault is the limit parameter's default, sent when the caller leaves a required limit at 0.
	LimitDefault int
	// HasMorePath leads to a has_more boolean: false ends the iteration.
	HasMorePath  []string
	HasMoreKinds []RefKind
	// ItemIDField, with has_more and no next cursor, is the item's id field: the next page starts after the last
	// item's id.
	ItemIDField string
	ItemIDKind  RefKind
}

// Note records what became of one construct of the spec, for the generation report.
type Note struct {
	Kind    string // "operation", "schema", "parameter", "body", "response", "security", "server"
	Name    string
	Pointer string // JSON pointer into the spec
	Status  string // "exact", "downgraded", "skipped"
	GoName  string
	Reason  string
}
