package support

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
)

// ErrOutcomeUnknown is returned (wrapped) when a call that changes state
// (anything but GET, HEAD, OPTIONS and TRACE) failed, after its retries, in a
// way that may have reached the server: a timeout, a connection reset or closed
// after the request was written, a gateway error (5xx), or a success whose body
// was lost, too large or undecodable. The operation may or may not have taken effect (a charge
// may exist): look it up before trying again.
//
//	if errors.Is(err, ErrOutcomeUnknown) { /* reconcile */ }
var ErrOutcomeUnknown = errors.New("outcome unknown: the request may have reached the server")

// ErrResponseTooLarge is returned (wrapped) when a response body exceeds the
// limit set with WithMaxResponseBytes (16 MiB by default).
var ErrResponseTooLarge = errors.New("response body too large")

// opgMaxErrorBody caps APIError.Body.
const opgMaxErrorBody = 64 << 10

// APIError is the error returned for every non-2xx response (including a 3xx
// that was not followed). Use errors.As to get it, and errors.As on it (or on
// the returned error) to get the API's typed error body, when the response had
// one.
type APIError struct {
	StatusCode int    // HTTP status code
	Method     string // HTTP method
	URL        string // request URL without userinfo; API-key and sensitive query values redacted
	Operation  string // operation, e.g. "Charges.Create"
	RequestID  string // the provider's request id, from the response headers or, failing them, the error body
	Body       []byte // raw response body, at most 64 KiB
	Err        error  // the typed error body, nil when the body did not decode into it

	api            string
	location       string // a 3xx's Location, resolved and redacted: the redirect was not followed
	snippet        string // redacted, short form of Body for Error()
	errText        string // Err.Error(), masked and scrubbed when the error was built
	outcomeUnknown bool
}

// Error returns "<api>: <operation>: <method> <url>: <status>: <message>",
// with "redirect to <location> not followed" after the status of a 3xx, where
// message is the typed error's message or a short snippet of the body
// with card numbers masked and sensitive fields redacted.
func (e *APIError) Error() string {
	var b strings.Builder
	opgPrefix(&b, e.api, e.Operation)
	if e.Method != "" || e.URL != "" {
		b.WriteString(strings.TrimSpace(e.Method + " " + e.URL))
		b.WriteString(": ")
	}
	b.WriteString(strconv.Itoa(e.StatusCode))
	if t := http.StatusText(e.StatusCode); t != "" {
		b.WriteString(" " + t)
	}
	if e.location != "" {
		b.WriteString(": redirect to " + e.location + " not followed")
	}
	msg := e.snippet
	if e.Err != nil {
		msg = e.errText
		if msg == "" {
			msg = opgMaskCardNumbers(e.Err.Error())
		}
	}
	if msg != "" {
		b.WriteString(": ")
		b.WriteString(msg)
	}
	return b.String()
}

// GoString is the %#v form: the fields and the redacted message, without the
// raw body, which may hold card data a server echoed.
func (e *APIError) GoString() string {
	if e == nil {
		return "(*APIError)(nil)"
	}
	return "&APIError{StatusCode: " + strconv.Itoa(e.StatusCode) + ", Method: " + strconv.Quote(e.Method) +
		", URL: " + strconv.Quote(e.URL) + ", Operation: " + strconv.Quote(e.Operation) +
		", RequestID: " + strconv.Quote(e.RequestID) + ", Body: [" + strconv.Itoa(len(e.Body)) + " bytes]" +
		", Error: " + strconv.Quote(e.Error()) + "}"
}

// Unwrap returns the typed error body (nil when there is none), so errors.As
// reaches it.
func (e *APIError) Unwrap() error { return e.Err }

// Is reports whether target is ErrOutcomeUnknown and the call changes state
// and this attempt or an earlier one may have taken effect: a server error
// (5xx), or any error after an earlier attempt was lost or answered with one.
func (e *APIError) Is(target error) bool {
	return target == ErrOutcomeUnknown && e.outcomeUnknown
}

// ValidationError reports a call or client configuration rejected before
// anything was sent: a missing required parameter, an unusable option, no
// credential for the operation.
type ValidationError struct {
	Operation string // e.g. "Charges.Create"; "" for client configuration
	Field     string // the parameter, field or option concerned, if any
	Reason    string

	api  string
	text string // full message after the prefix, when it is not `field "x": reason`
}

// Error returns `<api>: <operation>: field "<field>": <reason>`.
func (e *ValidationError) Error() string {
	var b strings.Builder
	opgPrefix(&b, e.api, e.Operation)
	switch {
	case e.text != "":
		b.WriteString(e.text)
	case e.Field != "":
		b.WriteString("field " + strconv.Quote(e.Field) + ": " + e.Reason)
	default:
		b.WriteString(e.Reason)
	}
	return b.String()
}

// missingParam is the error generated code returns when required parameters
// are not set: `<api>: <operation>: required parameter "x" is missing`, or
// `required parameters "x", "y" are missing` (Field is then "x, y").
func missingParam(op *operationDef, names ...string) error {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = strconv.Quote(n)
	}
	text := "required parameter " + strings.Join(quoted, ", ") + " is missing"
	if len(names) > 1 {
		text = "required parameters " + strings.Join(quoted, ", ") + " are missing"
	}
	e := &ValidationError{Field: strings.Join(names, ", "), Reason: "required parameter is missing", text: text}
	if op != nil {
		e.Operation = op.ID
		if op.API != nil {
			e.api = op.API.Name
		}
	}
	return e
}

// opgCallError is a failure of a call (transport error, cancellation, decode
// error): it names the API and the operation and wraps its causes.
type opgCallError struct {
	api, op, msg string
	errs         []error
}

func (e *opgCallError) Error() string {
	var b strings.Builder
	opgPrefix(&b, e.api, e.op)
	b.WriteString(e.msg)
	return opgMaskCardNumbers(b.String())
}

func (e *opgCallError) Unwrap() []error { return e.errs }

// GoString is the %#v form: the (masked) message only.
func (e *opgCallError) GoString() string { return "&callError{" + strconv.Quote(e.Error()) + "}" }

func opgPrefix(b *strings.Builder, api, op string) {
	if api != "" {
		b.WriteString(api + ": ")
	}
	if op != "" {
		b.WriteString(op + ": ")
	}
}
