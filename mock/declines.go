package mock

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// normName folds a name for comparison: card_declined, CardDeclined, card-declined and CARD_DECLINED are equal.
func normName(s string) string {
	return strings.ToLower(strings.NewReplacer("_", "", "-", "", " ", "", ".", "").Replace(s))
}

// namedCode answers Prefer: example=<name> when no documented example has that name but an error code does:
// a value of a code-like property of the operation's error schemas (Openpay's error_code, Culqi's decline_code)
// whose name (x-enum-varnames: 3001 is CardDeclined) or value is <name>. The error is that code, with the status
// asked for (code=), else the status of the response whose description names the code ("3001-3005"), else the
// status its x-enum-descriptions give ("Cards (402 Payment Required): ..."), else 400; its message is the code's
// x-enum-descriptions text. ok is false when no code has that name.
func (h *Handler) namedCode(rt *route, name string, status int) (*apiError, bool) {
	want := normName(name)
	if want == "" {
		return nil, false
	}
	var responses []*openapi3.Response
	var statuses []int
	if rt.op.Responses != nil {
		for _, code := range sortedKeys(rt.op.Responses.Map()) {
			rr := rt.op.Responses.Value(code)
			if rr == nil || rr.Value == nil {
				continue
			}
			n, err := strconv.Atoi(code)
			if err != nil && code != "default" && !strings.HasSuffix(strings.ToUpper(code), "XX") {
				continue
			}
			if err == nil && n < 400 {
				continue
			}
			responses = append(responses, rr.Value)
			statuses = append(statuses, n) // 0 for default and ranges
		}
	}
	if h.docError != nil {
		responses = append(responses, h.docError)
		statuses = append(statuses, 0)
	}
	for _, resp := range responses {
		mt := jsonMedia(resp.Content)
		if mt == nil || mt.Schema == nil {
			continue
		}
		sc := flatten(mt.Schema)
		if sc == nil {
			continue
		}
		for _, prop := range sortedKeys(sc.Properties) {
			p := enumOf(sc.Properties[prop])
			if p == nil || len(p.Enum) == 0 {
				continue
			}
			if k := classify(prop, p); k == kindParam || k == kindStatus || k == kindRequestID {
				continue
			}
			names := enumVarNamesOf(p)
			for _, v := range p.Enum {
				text := jsonScalar(v)
				if normName(text) != want && normName(names[text]) != want {
					continue
				}
				desc := enumDescriptionsOf(p)[text]
				st := status
				if st == 0 {
					st = codeStatus(prop, text, desc, responses, statuses)
				}
				msg := desc
				if i := strings.Index(msg, "): "); i >= 0 {
					msg = msg[i+3:]
				}
				if msg == "" {
					msg = fmt.Sprintf("simulated %s (Prefer: example=%s)", text, name)
				}
				return &apiError{status: st, simulated: true, message: msg, forced: map[string]any{prop: v}}, true
			}
		}
	}
	return nil, false
}

var statusInTextRe = regexp.MustCompile(`\b([45]\d\d)\b`)

// enumOf is a property's schema with its enum: a property written `allOf: [$ref: DeclineCode]` (to give it a
// description of its own) takes the member's.
func enumOf(ref *openapi3.SchemaRef) *openapi3.Schema {
	sc := flatten(ref)
	if sc == nil || len(sc.Enum) > 0 || ref.Value == nil {
		return sc
	}
	for _, m := range ref.Value.AllOf {
		if m != nil && m.Value != nil && len(m.Value.Enum) > 0 {
			out := *m.Value
			if out.Description == "" {
				out.Description = sc.Description
			}
			return &out
		}
	}
	return sc
}

// codeStatus is the status an error code is answered with: that of the response whose description names it,
// else the first 4xx/5xx its own description gives, else that of the first response whose documented error
// example carries the code's property (Culqi's decline_code is in its 402 example), else 400.
func codeStatus(prop, code, desc string, responses []*openapi3.Response, statuses []int) int {
	for i, resp := range responses {
		if statuses[i] == 0 || resp.Description == nil {
			continue
		}
		for _, v := range describedValues(strings.ToLower(*resp.Description), []any{code}) {
			if jsonScalar(v) == code {
				return statuses[i]
			}
		}
		if named := describedValues(strings.ToLower(*resp.Description), rangeEnds(*resp.Description, code)); len(named) > 0 {
			return statuses[i]
		}
	}
	if m := statusInTextRe.FindStringSubmatch(desc); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	for i, resp := range responses {
		mt := jsonMedia(resp.Content)
		if statuses[i] == 0 || mt == nil {
			continue
		}
		for _, v := range exampleValues(mt) {
			if m, ok := v.(map[string]any); ok && m[prop] != nil {
				return statuses[i]
			}
		}
	}
	return http.StatusBadRequest
}

// rangeEnds is the enum describedValues needs to find code inside a range of the description: the range's two
// ends and code itself, when code is a number between them.
func rangeEnds(desc, code string) []any {
	n, err := strconv.Atoi(code)
	if err != nil {
		return nil
	}
	for _, m := range rangeRe.FindAllStringSubmatch(desc, -1) {
		lo, _ := strconv.Atoi(m[1])
		hi, _ := strconv.Atoi(m[2])
		if n > lo && n < hi {
			return []any{m[1], m[2], code}
		}
	}
	return nil
}
