package sdktest

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/opgen-sdk/opgen/generated/culqi"
)

// Culqi Event.Data (issue 15 point 6): data decodes into the object its event type names, whether it arrives as
// an object or as a JSON string holding the object, as webhook deliveries have been seen to send it. The payloads
// are built from the spec's samples of each object (its response examples, else its field examples), as no
// document shows a webhook body.
func TestCulqiEventDataTyped(t *testing.T) {
	events := map[string]string{
		"token.creation.succeeded":        "Token",
		"charge.creation.succeeded":       "Charge",
		"charge.capture.succeeded":        "Charge",
		"charge.expired":                  "Charge",
		"refund.creation.succeeded":       "Refund",
		"customer.creation.succeeded":     "Customer",
		"card.creation.succeeded":         "Card",
		"card.updated.succeeded":          "Card",
		"plan.creation.succeeded":         "LegacyPlan",
		"subscription.creation.succeeded": "LegacySubscription",
		"order.status.changed":            "Order",
		"order.creation.succeeded":        "Order",
	}
	kinds := map[string]bool{}
	for _, k := range events {
		kinds[k] = true
	}
	var names []string
	for k := range kinds {
		names = append(names, k)
	}
	sort.Strings(names)
	doc := loadSpec(t, "../specs/culqi.yaml")
	samples := transactionSamples(t, doc, names)
	for _, name := range names {
		// Most objects have no response sample in the documents: build one from the schema's own field examples.
		if len(samples[name]) == 0 && doc.Components.Schemas[name] != nil {
			b, err := json.Marshal(exampleOf(doc.Components.Schemas[name].Value, 0))
			if err != nil {
				t.Fatal(err)
			}
			samples[name] = append(samples[name], b)
		}
	}
	var types []string
	for ev := range events {
		types = append(types, ev)
	}
	sort.Strings(types)
	for _, ev := range types {
		kind := events[ev]
		if len(samples[kind]) == 0 {
			t.Errorf("the spec has no %s sample", kind)
			continue
		}
		for _, sample := range samples[kind] {
			var want struct {
				ID string `json:"id"`
			}
			if err := json.Unmarshal(sample, &want); err != nil || want.ID == "" {
				t.Fatalf("%s sample without an id: %s", kind, sample)
			}
			asString, _ := json.Marshal(string(sample))
			for form, data := range map[string][]byte{"object": sample, "string": asString} {
				body, _ := json.Marshal(map[string]any{"object": "event", "id": "evt_test_J8a0b1c2d3e4f5g6", "type": ev,
					"creation_date": 1589341061000, "data": json.RawMessage(data)})
				e, err := culqi.ParseEvent(body)
				if err != nil {
					t.Errorf("%s (%s): %v", ev, form, err)
					continue
				}
				got, id := setVariant(e.Data)
				if got != kind || id != want.ID {
					t.Errorf("%s (%s): data decoded as %s %q, want %s %q", ev, form, got, id, kind, want.ID)
				}
				// Re-encoded, data is the object again, never the string.
				out, err := json.Marshal(e)
				if err != nil {
					t.Fatalf("%s: re-encoding: %v", ev, err)
				}
				var back struct {
					Data json.RawMessage `json:"data"`
				}
				if json.Unmarshal(out, &back) != nil || !strings.HasPrefix(string(back.Data), "{") {
					t.Errorf("%s (%s): re-encoded data %s", ev, form, back.Data)
				}
			}
		}
	}
	// Events whose payload no document describes (failures, deletions) keep data as received, in Unknown.
	for _, ev := range []string{"charge.creation.failed", "customer.delete.succeeded", "subscription.charge.succeeded"} {
		e, err := culqi.ParseEvent([]byte(`{"object":"event","type":"` + ev + `","data":"{\"id\":\"x\",\"deleted\":true}"}`))
		if err != nil {
			t.Fatalf("%s: %v", ev, err)
		}
		if got, _ := setVariant(e.Data); got != "Unknown" || string(e.Data.Unknown) != `{"id":"x","deleted":true}` {
			t.Errorf("%s: data %s %s, want it kept raw in Unknown", ev, got, e.Data.Unknown)
		}
	}
}

// setVariant names the field of a union that is set, and the id of the object in it.
func setVariant(u any) (string, string) {
	v := reflect.ValueOf(u)
	for i := range v.NumField() {
		f := v.Field(i)
		if f.IsZero() {
			continue
		}
		if f.Kind() == reflect.Pointer {
			id := f.Elem().FieldByName("ID")
			if id.Kind() == reflect.Struct { // Opt[string]
				id = id.FieldByName("Value")
			}
			return v.Type().Field(i).Name, id.String()
		}
		return v.Type().Field(i).Name, ""
	}
	return "", ""
}

// exampleOf builds a value of schema s from its examples: the schema's example, else for an object each property's
// (nested objects two levels deep), else the first enum value, else a plain value of the type and format.
func exampleOf(s *openapi3.Schema, depth int) any {
	switch {
	case s == nil:
		return nil
	case s.Example != nil:
		return s.Example
	case len(s.Enum) > 0:
		return s.Enum[0]
	case len(s.AllOf) > 0:
		out := map[string]any{}
		for _, m := range s.AllOf {
			if o, ok := exampleOf(m.Value, depth).(map[string]any); ok {
				for k, v := range o {
					out[k] = v
				}
			}
		}
		return out
	case len(s.OneOf) > 0:
		return exampleOf(s.OneOf[0].Value, depth)
	case len(s.AnyOf) > 0:
		return exampleOf(s.AnyOf[0].Value, depth)
	}
	switch {
	case s.Type.Is("object") || len(s.Properties) > 0:
		out := map[string]any{}
		for k, p := range s.Properties {
			if p == nil || p.Value == nil {
				continue
			}
			v := p.Value
			if (v.Type.Is("object") || len(v.Properties) > 0 || len(v.AllOf)+len(v.OneOf)+len(v.AnyOf) > 0) && v.Example == nil && depth >= 2 {
				continue
			}
			if v.WriteOnly {
				continue
			}
			out[k] = exampleOf(v, depth+1)
		}
		return out
	case s.Type.Is("array"):
		if s.Items == nil || depth >= 2 {
			return []any{}
		}
		return []any{exampleOf(s.Items.Value, depth+1)}
	case s.Type.Is("integer"):
		return 1
	case s.Type.Is("number"):
		return 1.5
	case s.Type.Is("boolean"):
		return true
	case s.Format == "date-time":
		return "2024-05-26T13:56:21Z"
	case s.Format == "date":
		return "2024-05-26"
	}
	return "x"
}

// TestCulqiEventStrictDecoding: GET /v2/events/{id} with strict decoding accepts an event whose data is the
// string-encoded object its type names, and reports a member inside it that the object's schema does not declare.
func TestCulqiEventStrictDecoding(t *testing.T) {
	body := ""
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
	}))
	defer srv.Close()
	c, err := culqi.NewClient(culqi.WithBaseURL(srv.URL), culqi.WithSecretKey("sk_test_key"), culqi.WithStrictDecoding())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	body = `{"object":"event","id":"evt_test_J8a0b1c2d3e4f5g6","type":"refund.creation.succeeded","creation_date":1589341061000,` +
		`"data":"{\"object\":\"refund\",\"id\":\"ref_test_J8a0b1c2d3e4f5g6\",\"charge_id\":\"chr_test_J8a0b1c2d3e4f5g6\",\"amount\":500,\"reason\":\"Duplicado\",\"creation_date\":1589341061000}"}`
	ev, err := c.Events.Get(ctx, "evt_test_J8a0b1c2d3e4f5g6")
	if err != nil {
		t.Fatalf("strict decoding of a string-encoded refund event: %v", err)
	}
	if ev.Data.Refund == nil || ev.Data.Refund.Amount.Value != 500 {
		t.Errorf("data: %+v", ev.Data)
	}
	// A member the Refund schema does not declare, inside the string, is drift at its path.
	body = strings.Replace(body, `\"amount\":500`, `\"amount\":500,\"surprise\":1`, 1)
	_, err = c.Events.Get(ctx, "evt_test_J8a0b1c2d3e4f5g6")
	var de *culqi.DriftError
	if !errors.As(err, &de) || len(de.Drifts) != 1 || de.Drifts[0].Path != "$.data.surprise" || de.Drifts[0].Kind != culqi.DriftUnknownField {
		t.Errorf("want one unknown-field drift at $.data.surprise, got %v", err)
	}
}
