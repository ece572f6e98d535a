package reliability

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/opgen-sdk/opgen/generated/culqi"
	"github.com/opgen-sdk/opgen/generated/openpayco"
	"github.com/opgen-sdk/opgen/generated/openpaymx"
	"github.com/opgen-sdk/opgen/generated/openpaype"
	"github.com/opgen-sdk/opgen/generated/sky"
)

// webhookSDK adapts one generated package's webhook API.
type webhookSDK struct {
	name string
	// known is an event type the spec lists.
	known string
	// body is a notification of type typ, in the provider's shape, with fields the spec does not declare.
	body func(typ string) string
	// parse is ParseEvent: the event type, whether the package knows it.
	parse func(body []byte) (typ string, known bool, err error)
	// testRequest is NewTestWebhookRequest for an event of type typ.
	testRequest func(typ, user, pass string) (*http.Request, error)
	verify      func(r *http.Request, user, pass string) error
}

var webhookSDKs = []webhookSDK{
	{"openpaymx", "charge.succeeded", openpayBody,
		func(b []byte) (string, bool, error) {
			ev, err := openpaymx.ParseEvent(b)
			if err != nil {
				return "", false, err
			}
			return string(ev.Type.Value), ev.Type.Value.Valid(), nil
		},
		func(typ, u, p string) (*http.Request, error) {
			return openpaymx.NewTestWebhookRequest(&openpaymx.WebhookEvent{Type: openpaymx.Some(openpaymx.WebhookEventType(typ))}, u, p)
		},
		openpaymx.VerifyWebhook},
	{"openpaype", "charge.succeeded", openpayBody,
		func(b []byte) (string, bool, error) {
			ev, err := openpaype.ParseEvent(b)
			if err != nil {
				return "", false, err
			}
			return string(ev.Type.Value), ev.Type.Value.Valid(), nil
		},
		func(typ, u, p string) (*http.Request, error) {
			return openpaype.NewTestWebhookRequest(&openpaype.WebhookEvent{Type: openpaype.Some(openpaype.WebhookEventType(typ))}, u, p)
		},
		openpaype.VerifyWebhook},
	{"openpayco", "charge.succeeded", openpayBody,
		func(b []byte) (string, bool, error) {
			ev, err := openpayco.ParseEvent(b)
			if err != nil {
				return "", false, err
			}
			return string(ev.Type), ev.Type.Valid(), nil
		},
		func(typ, u, p string) (*http.Request, error) {
			return openpayco.NewTestWebhookRequest(&openpayco.WebhookEvent{Type: openpayco.WebhookEventType(typ)}, u, p)
		},
		openpayco.VerifyWebhook},
	{"sky", "charge.succeeded", openpayBody,
		func(b []byte) (string, bool, error) {
			ev, err := sky.ParseEvent(b)
			if err != nil {
				return "", false, err
			}
			return string(ev.Type), ev.Type.Valid(), nil
		},
		func(typ, u, p string) (*http.Request, error) {
			return sky.NewTestWebhookRequest(&sky.WebhookEvent{Type: sky.WebhookEventType(typ)}, u, p)
		},
		sky.VerifyWebhook},
	{"culqi", string(culqi.EventTypeChargeCreationSucceeded), culqiBody,
		func(b []byte) (string, bool, error) {
			ev, err := culqi.ParseEvent(b)
			if err != nil {
				return "", false, err
			}
			return string(ev.Type), ev.Type.Valid(), nil
		},
		func(typ, u, p string) (*http.Request, error) {
			return culqi.NewTestWebhookRequest(&culqi.Event{Object: culqi.EventObjectEvent, Type: culqi.EventType(typ),
				Data: culqi.EventData{Unknown: json.RawMessage(`{"id":"chr_test_1","object":"charge","amount":1050}`)}}, u, p)
		},
		culqi.VerifyWebhook},
}

// openpayBody is an Openpay (and Sky) notification.
func openpayBody(typ string) string {
	return `{"type":"` + typ + `","event_date":"2024-05-01T10:00:00-06:00","transaction":{"id":"tr_1","amount":10.5,"surprise":{"new":true}},"brand_new_field":[1,2]}`
}

// culqiBody is a Culqi event; data is an object here (it has also been seen as a JSON string, which decodes the
// same: sdktest/culqievent_test.go).
func culqiBody(typ string) string {
	return `{"object":"event","id":"evt_test_1","type":"` + typ + `","creation_date":1714557600000,"data":{"id":"chr_test_1","object":"charge","amount":1050,"surprise":{"new":true}},"brand_new_field":[1,2]}`
}

// TestParseEventKeepsUnknownTypes: an event type the spec does not list decodes, with Valid() false; a known one is
// valid; a body nested 10,000 levels deep is an error.
func TestParseEventKeepsUnknownTypes(t *testing.T) {
	for _, sdk := range webhookSDKs {
		t.Run(sdk.name, func(t *testing.T) {
			typ, known, err := sdk.parse([]byte(sdk.body("charge.teleported")))
			if err != nil || typ != "charge.teleported" || known {
				t.Errorf("unknown type: %q known=%v err=%v", typ, known, err)
			}
			typ, known, err = sdk.parse([]byte(sdk.body(sdk.known)))
			if err != nil || typ != sdk.known || !known {
				t.Errorf("known type: %q known=%v err=%v", typ, known, err)
			}
			for _, bad := range []string{strings.Repeat("[", 10000) + strings.Repeat("]", 10000), `{"type":`, ``} {
				if _, _, err := sdk.parse([]byte(bad)); err == nil {
					t.Errorf("ParseEvent(%.20q) succeeded", bad)
				}
			}
		})
	}
}

// TestVerifyWebhook: a handler built on VerifyWebhook and ParseEvent accepts the notification NewTestWebhookRequest
// builds with the right credentials, and answers 401 without parsing, or echoing, anything else.
func TestVerifyWebhook(t *testing.T) {
	const user, pass = "openpay-hook", "w3bh00k-PASSWORD"
	for _, sdk := range webhookSDKs {
		t.Run(sdk.name, func(t *testing.T) {
			var got []string
			handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if err := sdk.verify(r, user, pass); err != nil {
					http.Error(w, err.Error(), http.StatusUnauthorized)
					return
				}
				body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))
				if err != nil {
					http.Error(w, "too large", http.StatusRequestEntityTooLarge)
					return
				}
				typ, _, err := sdk.parse(body)
				if err != nil {
					http.Error(w, "bad body", http.StatusBadRequest)
					return
				}
				got = append(got, typ)
			})
			for _, tc := range []struct {
				user, pass string
				status     int
			}{
				{user, pass, 200}, {user, "wrong", 401}, {"someone", pass, 401}, {"", "", 401}, {user, pass + "x", 401}, {pass, user, 401},
			} {
				r, err := sdk.testRequest(sdk.known, tc.user, tc.pass)
				if err != nil {
					t.Fatal(err)
				}
				rec := httptest.NewRecorder()
				handler.ServeHTTP(rec, r)
				if rec.Code != tc.status {
					t.Errorf("credentials %q/%q: status %d, want %d", tc.user, tc.pass, rec.Code, tc.status)
				}
				if body := rec.Body.String(); tc.status == 401 && (strings.Contains(body, pass) || strings.Contains(body, "wrong") ||
					!strings.HasPrefix(body, sdk.name+": webhook: ")) {
					t.Errorf("401 body: %q", body)
				}
			}
			if len(got) != 1 || got[0] != sdk.known {
				t.Errorf("parsed events: %q", got)
			}
			if err := sdk.verify(httptest.NewRequest("POST", "/", nil), "", ""); err == nil {
				t.Error("an empty configured password verified")
			}
		})
	}
}
