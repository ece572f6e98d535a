package sdktest

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/opgen-sdk/opgen/generated/culqi"
	"github.com/opgen-sdk/opgen/generated/openpayco"
	"github.com/opgen-sdk/opgen/generated/openpaymx"
	"github.com/opgen-sdk/opgen/generated/openpaype"
	"github.com/opgen-sdk/opgen/generated/sky"
	"github.com/opgen-sdk/opgen/mock"
)

const merchant = "m123"

var openpayVars = map[string]string{"merchant_id": merchant}

// sdks are the five generated SDKs, each tested against the mock of its own spec.
var sdks = []sdkCase{
	{
		name: "openpaymx", spec: "openpay-mx.yaml", vars: openpayVars,
		newClient: func(base string, hc *http.Client) (any, error) {
			return openpaymx.NewClient(openpaymx.WithBaseURL(base), openpaymx.WithMerchantID(merchant),
				openpaymx.WithPrivateKey("sk_test_mock"), openpaymx.WithHTTPClient(hc), openpaymx.WithMaxRetries(0))
		},
		requestBaseURL: func(u string) any { return openpaymx.WithRequestBaseURL(u) },
		apiError: func(err error) (int, any, bool) {
			var ae *openpaymx.APIError
			if !errors.As(err, &ae) {
				return 0, nil, false
			}
			var te *openpaymx.Error
			if errors.As(err, &te) {
				return ae.StatusCode, te, true
			}
			return ae.StatusCode, nil, true
		},
	},
	{
		name: "openpaype", spec: "openpay-pe.yaml", vars: openpayVars,
		newClient: func(base string, hc *http.Client) (any, error) {
			return openpaype.NewClient(openpaype.WithBaseURL(base), openpaype.WithMerchantID(merchant),
				openpaype.WithPrivateKey("sk_test_mock"), openpaype.WithHTTPClient(hc), openpaype.WithMaxRetries(0))
		},
		requestBaseURL: func(u string) any { return openpaype.WithRequestBaseURL(u) },
		apiError: func(err error) (int, any, bool) {
			var ae *openpaype.APIError
			if !errors.As(err, &ae) {
				return 0, nil, false
			}
			var te *openpaype.Error
			if errors.As(err, &te) {
				return ae.StatusCode, te, true
			}
			return ae.StatusCode, nil, true
		},
	},
	{
		name: "openpayco", spec: "openpay-co.yaml", vars: openpayVars,
		newClient: func(base string, hc *http.Client) (any, error) {
			return openpayco.NewClient(openpayco.WithBaseURL(base), openpayco.WithMerchantID(merchant),
				openpayco.WithPrivateKey("sk_test_mock"), openpayco.WithHTTPClient(hc), openpayco.WithMaxRetries(0))
		},
		requestBaseURL: func(u string) any { return openpayco.WithRequestBaseURL(u) },
		apiError: func(err error) (int, any, bool) {
			var ae *openpayco.APIError
			if !errors.As(err, &ae) {
				return 0, nil, false
			}
			var te *openpayco.Error
			if errors.As(err, &te) {
				return ae.StatusCode, te, true
			}
			return ae.StatusCode, nil, true
		},
	},
	{
		name: "culqi", spec: "culqi.yaml",
		newClient: func(base string, hc *http.Client) (any, error) {
			return culqi.NewClient(culqi.WithBaseURL(base), culqi.WithSecretKey("sk_test_mock"),
				culqi.WithPublicKey("pk_test_mock"), culqi.WithHTTPClient(hc), culqi.WithMaxRetries(0))
		},
		requestBaseURL: func(u string) any { return culqi.WithRequestBaseURL(u) },
		apiError: func(err error) (int, any, bool) {
			var ae *culqi.APIError
			if !errors.As(err, &ae) {
				return 0, nil, false
			}
			var te *culqi.Error
			if errors.As(err, &te) {
				return ae.StatusCode, te, true
			}
			return ae.StatusCode, nil, true
		},
	},
	{
		name: "sky", spec: "sky.yaml", vars: openpayVars,
		newClient: func(base string, hc *http.Client) (any, error) {
			return sky.NewClient(sky.WithBaseURL(base), sky.WithMerchantID(merchant),
				sky.WithPrivateKey("sk_test_mock"), sky.WithHTTPClient(hc), sky.WithMaxRetries(0))
		},
		requestBaseURL: func(u string) any { return sky.WithRequestBaseURL(u) },
		apiError: func(err error) (int, any, bool) {
			var ae *sky.APIError
			if !errors.As(err, &ae) {
				return 0, nil, false
			}
			var te *sky.Error
			if errors.As(err, &te) {
				return ae.StatusCode, te, true
			}
			return ae.StatusCode, nil, true
		},
	},
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// TestEveryOperation calls every method of every service of each SDK (found by reflection, so new operations
// are covered without touching the test) against the mock of the SDK's own spec, with the spec's request
// examples as bodies, and checks that each returns a typed, non-nil result and no error.
func TestEveryOperation(t *testing.T) {
	for _, c := range sdks {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ctx := testContext(t)
			doc := loadSpec(t, c.specPath())
			srv, h, base := startMock(t, c)
			client, err := c.newClient(base, srv.Client())
			if err != nil {
				t.Fatalf("NewClient: %v", err)
			}
			methods := specMethods(t, c.dir(), doc)
			all := calls(t, client, methods, h, doc)
			if len(all) < len(h.Operations()) {
				t.Fatalf("%d methods for %d operations", len(all), len(h.Operations()))
			}
			nCalls := 0
			for _, cl := range all {
				var opts []reflect.Value
				if u, ok := ownServerBase(srv.URL, cl.m); ok {
					opts = append(opts, reflect.ValueOf(c.requestBaseURL(u)))
				}
				if err := cl.invoke(ctx, opts); err != nil {
					t.Errorf("%s (%s %s): %v", cl.label, cl.m.verb, cl.m.path, err)
				}
				nCalls++
				// Every other documented request example of the operation, too.
				if exs := requestExamples(cl.m.op); len(exs) > 1 && !cl.m.paginate {
					for _, ex := range exs[1:] {
						cl.body = &ex
						if err := cl.invoke(ctx, opts); err != nil {
							t.Errorf("%s (%s %s) with the %s: %v", cl.label, cl.m.verb, cl.m.path, ex.name, err)
						}
						nCalls++
					}
				}
			}
			t.Logf("%s: %d methods, %d calls for %d operations", c.name, len(all), nCalls, len(h.Operations()))
		})
	}
}

// TestInvalidRequests sends, through each SDK's client, a request whose body lacks a required field (the
// transport removes it after the SDK built it), and one without credentials: the SDK must return *APIError
// with the API's typed error body, naming the field.
func TestInvalidRequests(t *testing.T) {
	for _, c := range sdks {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ctx := testContext(t)
			doc := loadSpec(t, c.specPath())
			srv, h, base := startMock(t, c)
			methods := specMethods(t, c.dir(), doc)

			// The first method (by name) whose JSON body has a required top-level property.
			probe, _ := c.newClient(base, srv.Client())
			var target call
			var field string
			for _, cl := range calls(t, probe, methods, h, doc) {
				if cl.m.paginate {
					continue
				}
				if f := requiredBodyField(cl.m.op); f != "" && cl.sample.Body != nil {
					target, field = cl, f
					break
				}
			}
			if field == "" {
				t.Fatalf("%s has no operation with a required body field to test", c.name)
			}

			hc := &http.Client{Transport: rewrite{edit: func(m map[string]any) { delete(m, field) }}}
			client, err := c.newClient(base, hc)
			if err != nil {
				t.Fatal(err)
			}
			cl := rebind(t, client, target)
			var opts []reflect.Value
			if u, ok := ownServerBase(srv.URL, cl.m); ok {
				opts = append(opts, reflect.ValueOf(c.requestBaseURL(u)))
			}
			err = cl.invoke(ctx, opts)
			status, typed, ok := c.apiError(err)
			switch {
			case !ok:
				t.Fatalf("%s without %q: got %v, want *%s.APIError", cl.label, field, err, c.name)
			case status != http.StatusBadRequest && status != http.StatusUnprocessableEntity:
				t.Errorf("%s without %q: status %d, want 400 or 422", cl.label, field, status)
			case typed == nil:
				t.Fatalf("%s without %q: the error body did not decode into %s.Error: %v", cl.label, field, c.name, err)
			}
			if fields := typedFields(t, typed); !mentions(fields, field) {
				t.Errorf("%s without %q: the error body does not name the field: %v", cl.label, field, fields)
			}
			t.Logf("%s without %q: %v", cl.label, field, err)

			// No credentials: 401 in the API's error shape.
			hc = &http.Client{Transport: rewrite{dropHeader: "Authorization"}}
			client, _ = c.newClient(base, hc)
			cl = rebind(t, client, target)
			err = cl.invoke(ctx, opts)
			status, typed, ok = c.apiError(err)
			if !ok || status != http.StatusUnauthorized || typed == nil {
				t.Errorf("%s without credentials: got %v (status %d, typed %v), want a 401 *APIError with a typed body", cl.label, err, status, typed)
			}
		})
	}
}

// requiredBodyField is a required top-level property of the operation's JSON request body, "" if none.
func requiredBodyField(op *openapi3.Operation) string {
	if op.RequestBody == nil || op.RequestBody.Value == nil {
		return ""
	}
	mt := op.RequestBody.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
		return ""
	}
	sc := mt.Schema.Value
	if len(sc.OneOf) > 0 || len(sc.AnyOf) > 0 || len(sc.Required) == 0 {
		return ""
	}
	req := slices.Clone(sc.Required)
	slices.Sort(req)
	return req[0]
}

// rebind finds the same method on another client of the same SDK.
func rebind(t *testing.T, client any, c call) call {
	t.Helper()
	for _, s := range services(client) {
		if s.name == c.svc.name {
			c.svc = s
			c.fn = s.v.MethodByName(c.name)
			return c
		}
	}
	t.Fatalf("service %s not found on the new client", c.svc.name)
	return c
}

// TestStatefulOpenpayMX runs customers and their cards through create, get, list (offset paging), update and
// delete on a stateful mock, with the generated Openpay Mexico client.
func TestStatefulOpenpayMX(t *testing.T) {
	ctx := testContext(t)
	srv := mock.NewServer(t, "../specs/openpay-mx.yaml", mock.WithStateful(), mock.WithSeed(7))
	c, err := openpaymx.NewClient(openpaymx.WithBaseURL(mock.BaseURL(srv, openpayVars)),
		openpaymx.WithMerchantID(merchant), openpaymx.WithPrivateKey("sk_test_mock"), openpaymx.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	notFound := func(what string, err error) {
		t.Helper()
		var te *openpaymx.Error
		var ae *openpaymx.APIError
		if !errors.As(err, &ae) || ae.StatusCode != http.StatusNotFound || !errors.As(err, &te) {
			t.Fatalf("%s: got %v, want a 404 *APIError with an openpaymx.Error body", what, err)
		}
		if te.ErrorCode != openpaymx.ErrorCodeNotFound || te.HTTPCode != 404 {
			t.Errorf("%s: error body %+v, want error_code 1005 and http_code 404", what, te)
		}
	}

	ana, err := c.Customers.Create(ctx, &openpaymx.CustomerRequest{Name: "Ana", Email: "ana@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	if !ana.ID.IsSet() || ana.ID.Value == "" || !ana.Name.IsSet() || ana.Name.Value != "Ana" || ana.Email.Value != "ana@example.com" {
		t.Fatalf("created customer %+v: want a fresh id, name Ana and email ana@example.com", ana)
	}
	luis, err := c.Customers.Create(ctx, &openpaymx.CustomerRequest{Name: "Luis", Email: "luis@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	if luis.ID.Value == ana.ID.Value {
		t.Fatalf("two customers share the id %s", ana.ID.Value)
	}
	got, err := c.Customers.Get(ctx, ana.ID.Value)
	if err != nil || got.Name.Value != "Ana" {
		t.Fatalf("Get(%s) = %+v, %v; want Ana", ana.ID.Value, got, err)
	}

	list, err := c.Customers.List(ctx, nil)
	if err != nil || len(list) != 2 || list[0].ID.Value != ana.ID.Value || list[1].ID.Value != luis.ID.Value {
		t.Fatalf("List = %d customers, %v; want Ana then Luis", len(list), err)
	}
	page, err := c.Customers.List(ctx, &openpaymx.CustomersListParams{Offset: openpaymx.Some(int32(1)), Limit: openpaymx.Some(int32(1))})
	if err != nil || len(page) != 1 || page[0].ID.Value != luis.ID.Value {
		t.Fatalf("List(offset 1, limit 1) = %d customers, %v; want Luis", len(page), err)
	}
	var ids []string
	for cust, err := range c.Customers.ListAll(ctx, &openpaymx.CustomersListParams{Limit: openpaymx.Some(int32(1))}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, cust.ID.Value)
	}
	if !slices.Equal(ids, []string{ana.ID.Value, luis.ID.Value}) {
		t.Fatalf("ListAll(limit 1) = %v, want [%s %s]", ids, ana.ID.Value, luis.ID.Value)
	}

	upd, err := c.Customers.Update(ctx, ana.ID.Value, &openpaymx.CustomerUpdateRequest{Name: "Ana María", Email: "ana.maria@example.com"})
	if err != nil || upd.Name.Value != "Ana María" || upd.ID.Value != ana.ID.Value {
		t.Fatalf("Update = %+v, %v; want the renamed customer", upd, err)
	}
	if got, err := c.Customers.Get(ctx, ana.ID.Value); err != nil || got.Email.Value != "ana.maria@example.com" {
		t.Fatalf("Get after Update = %+v, %v; want the new email", got, err)
	}

	// Cards of a customer.
	card, err := c.Customers.Cards.Create(ctx, ana.ID.Value, &openpaymx.CreateCardRequest{CardRequest: &openpaymx.CardRequest{
		CardNumber: "4111111111111111", HolderName: "Ana María", ExpirationYear: "29", ExpirationMonth: "12", CVV2: "123"}})
	if err != nil {
		t.Fatal(err)
	}
	if !card.ID.IsSet() || card.HolderName.Value != "Ana María" || card.CardNumber.Value != "411111XXXXXX1111" {
		t.Fatalf("created card %+v: want an id, the holder name and the masked number", card)
	}
	if got, err := c.Customers.Cards.Get(ctx, ana.ID.Value, card.ID.Value); err != nil || got.ID.Value != card.ID.Value {
		t.Fatalf("Cards.Get = %+v, %v", got, err)
	}
	if cards, err := c.Customers.Cards.List(ctx, ana.ID.Value, nil); err != nil || len(cards) != 1 {
		t.Fatalf("Cards.List(Ana) = %d cards, %v; want 1", len(cards), err)
	}
	if cards, err := c.Customers.Cards.List(ctx, luis.ID.Value, nil); err != nil || len(cards) != 0 {
		t.Fatalf("Cards.List(Luis) = %d cards, %v; want none", len(cards), err)
	}
	_, err = c.Customers.Cards.Get(ctx, luis.ID.Value, card.ID.Value)
	notFound("Ana's card under Luis", err)
	_, err = c.Customers.Cards.Create(ctx, "cus_unknown", &openpaymx.CreateCardRequest{CardTokenRequest: &openpaymx.CardTokenRequest{
		TokenID: "tok123", DeviceSessionID: "dev123"}})
	notFound("card of an unknown customer", err)

	if err := c.Customers.Cards.Delete(ctx, ana.ID.Value, card.ID.Value); err != nil {
		t.Fatal(err)
	}
	_, err = c.Customers.Cards.Get(ctx, ana.ID.Value, card.ID.Value)
	notFound("deleted card", err)

	if err := c.Customers.Delete(ctx, ana.ID.Value); err != nil {
		t.Fatal(err)
	}
	_, err = c.Customers.Get(ctx, ana.ID.Value)
	notFound("deleted customer", err)
	err = c.Customers.Delete(ctx, ana.ID.Value)
	notFound("deleting twice", err)
	if list, err := c.Customers.List(ctx, nil); err != nil || len(list) != 1 {
		t.Fatalf("List after delete = %d customers, %v; want 1", len(list), err)
	}
}

// TestStatefulCulqi runs customers and cards through create, get, list (cursor paging), update and delete on a
// stateful mock, with the generated Culqi client.
func TestStatefulCulqi(t *testing.T) {
	ctx := testContext(t)
	srv := mock.NewServer(t, "../specs/culqi.yaml", mock.WithStateful())
	c, err := culqi.NewClient(culqi.WithBaseURL(mock.BaseURL(srv, nil)), culqi.WithSecretKey("sk_test_mock"),
		culqi.WithPublicKey("pk_test_mock"), culqi.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	notFound := func(what string, err error) {
		t.Helper()
		var te *culqi.Error
		var ae *culqi.APIError
		if !errors.As(err, &ae) || ae.StatusCode != http.StatusNotFound || !errors.As(err, &te) {
			t.Fatalf("%s: got %v, want a 404 *APIError with a culqi.Error body", what, err)
		}
		if te.MerchantMessage == "" {
			t.Errorf("%s: error body %+v has no merchant_message", what, te)
		}
	}

	names := []string{"Richard", "Monica", "Gilfoyle"}
	var ids []string
	for _, n := range names {
		cust, err := c.Customers.Create(ctx, &culqi.CustomerRequest{FirstName: n, LastName: "Hendricks",
			Email: strings.ToLower(n) + "@piedpiper.com", Address: "Av. Lima 213", AddressCity: "Lima", CountryCode: "PE",
			PhoneNumber: "999999987"})
		if err != nil {
			t.Fatal(err)
		}
		if cust.ID == "" || !cust.Email.IsSet() || cust.Email.Value != strings.ToLower(n)+"@piedpiper.com" {
			t.Fatalf("created customer %+v: want a fresh id and the email sent", cust)
		}
		ids = append(ids, cust.ID)
	}
	if got, err := c.Customers.Get(ctx, ids[1]); err != nil || got.ID != ids[1] || got.Email.Value != "monica@piedpiper.com" {
		t.Fatalf("Get(%s) = %+v, %v", ids[1], got, err)
	}

	first, err := c.Customers.List(ctx, &culqi.CustomersListParams{Limit: culqi.Some(int32(2))})
	if err != nil {
		t.Fatal(err)
	}
	after, ok := first.Paging.Cursors.After.Get()
	if len(first.Data) != 2 || first.Data[0].ID != ids[0] || !ok || after != ids[1] {
		t.Fatalf("List(limit 2) = %d customers, cursor after %q; want the first two and the cursor %s", len(first.Data), after, ids[1])
	}
	// The page's next URL is the mock's own, with the cursor: not the documented example's api.culqi.com URL.
	if next, ok := first.Paging.Next.Get(); !ok || !strings.HasPrefix(next, srv.URL+"/v2/customers?") || !strings.Contains(next, "after="+ids[1]) {
		t.Errorf("paging.next = %q, want the mock's URL of the page after %s", next, ids[1])
	}
	second, err := c.Customers.List(ctx, &culqi.CustomersListParams{Limit: culqi.Some(int32(2)), After: culqi.Some(after)})
	if err != nil {
		t.Fatal(err)
	}
	if len(second.Data) != 1 || second.Data[0].ID != ids[2] || !second.Paging.Cursors.After.IsNull() {
		t.Fatalf("List(after %s) = %d customers, paging %+v; want the last one and no next cursor", after, len(second.Data), second.Paging)
	}
	var seen []string
	for cust, err := range c.Customers.ListAll(ctx, &culqi.CustomersListParams{Limit: culqi.Some(int32(1))}) {
		if err != nil {
			t.Fatal(err)
		}
		seen = append(seen, cust.ID)
	}
	if !slices.Equal(seen, ids) {
		t.Fatalf("ListAll(limit 1) = %v, want %v", seen, ids)
	}

	upd, err := c.Customers.Update(ctx, ids[0], &culqi.CustomerUpdateRequest{Email: culqi.Some("richard@hooli.com")})
	if err != nil || upd.ID != ids[0] || upd.Email.Value != "richard@hooli.com" {
		t.Fatalf("Update = %+v, %v; want the new email", upd, err)
	}
	if got, err := c.Customers.Get(ctx, ids[0]); err != nil || got.Email.Value != "richard@hooli.com" {
		t.Fatalf("Get after Update = %+v, %v; want the new email", got, err)
	}

	card, err := c.Cards.Create(ctx, &culqi.CardRequest{CustomerID: ids[0], TokenID: "tkn_test_0CjjdWhFpEAZlxlz"})
	if err != nil {
		t.Fatal(err)
	}
	if card.ID == "" || !card.CustomerID.IsSet() || card.CustomerID.Value != ids[0] {
		t.Fatalf("created card %+v: want an id and customer %s", card, ids[0])
	}
	if got, err := c.Cards.Get(ctx, card.ID); err != nil || got.ID != card.ID {
		t.Fatalf("Cards.Get = %+v, %v", got, err)
	}
	cards, err := c.Cards.List(ctx, &culqi.CardsListParams{Limit: culqi.Some(int32(10))})
	if err != nil || len(cards.Data) != 1 || cards.Data[0].ID != card.ID {
		t.Fatalf("Cards.List = %+v, %v; want the one card", cards, err)
	}
	del, err := c.Cards.Delete(ctx, card.ID)
	if err != nil || !del.Deleted || del.ID != card.ID {
		t.Fatalf("Cards.Delete = %+v, %v; want deleted with the card's id", del, err)
	}
	_, err = c.Cards.Get(ctx, card.ID)
	notFound("deleted card", err)

	if _, err := c.Customers.Delete(ctx, ids[0]); err != nil {
		t.Fatal(err)
	}
	_, err = c.Customers.Get(ctx, ids[0])
	notFound("deleted customer", err)
}

// TestPreferCulqi asks the mock for a documented decline and for a rate limit through request headers.
func TestPreferCulqi(t *testing.T) {
	ctx := testContext(t)
	srv := mock.NewServer(t, "../specs/culqi.yaml")
	c, err := culqi.NewClient(culqi.WithBaseURL(mock.BaseURL(srv, nil)), culqi.WithSecretKey("sk_test_mock"),
		culqi.WithPublicKey("pk_test_mock"), culqi.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	charge := &culqi.ChargesCreateParams{ChargeRequest: culqi.ChargeRequest{Amount: 10000, CurrencyCode: culqi.CurrencyPEN,
		Email: "richard@piedpiper.com", SourceID: "tkn_test_0CjjdWhFpEAZlxlz"}}
	_, err = c.Charges.Create(ctx, charge, culqi.WithRequestHeader("Prefer", "code=402, example=card_declined"))
	var ae *culqi.APIError
	var te *culqi.Error
	if !errors.As(err, &ae) || ae.StatusCode != http.StatusPaymentRequired || !errors.As(err, &te) ||
		!te.Code.IsSet() || te.Code.Value != "card_declined" || te.Type != culqi.ErrorTypeCardError {
		t.Fatalf("Prefer code=402, example=card_declined: got %v, want the documented card_declined error", err)
	}
	var info culqi.ResponseInfo
	_, err = c.Customers.List(ctx, &culqi.CustomersListParams{Limit: culqi.Some(int32(1))},
		culqi.WithRequestHeader("Prefer", "code=429"), culqi.WithResponseInfo(&info))
	if !errors.As(err, &ae) || ae.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("Prefer code=429: got %v, want a 429", err)
	}
	if got := info.Header.Get("Retry-After"); got != "1" {
		t.Errorf("Prefer code=429: Retry-After %q, want 1", got)
	}
}

// TestPreferOpenpayMX reaches the declined, not-found, rate-limited and server-error paths of the Openpay
// Mexico client through the mock's Prefer header: each is an *APIError with Openpay's typed error body, a 5xx
// on a charge is ErrOutcomeUnknown, and the client honours the 429's Retry-After.
func TestPreferOpenpayMX(t *testing.T) {
	ctx := testContext(t)
	srv := mock.NewServer(t, "../specs/openpay-mx.yaml")
	c, err := openpaymx.NewClient(openpaymx.WithBaseURL(mock.BaseURL(srv, openpayVars)),
		openpaymx.WithMerchantID(merchant), openpaymx.WithPrivateKey("sk_test_mock"), openpaymx.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	typed := func(what string, err error, status int) *openpaymx.Error {
		t.Helper()
		var ae *openpaymx.APIError
		var te *openpaymx.Error
		if !errors.As(err, &ae) || ae.StatusCode != status || !errors.As(err, &te) {
			t.Fatalf("%s: got %v, want a %d *APIError with an openpaymx.Error body", what, err, status)
		}
		if te.HTTPCode != int32(status) || te.Description == "" || te.Category == "" {
			t.Errorf("%s: error body %+v, want http_code %d, a category and a description", what, te, status)
		}
		return te
	}
	prefer := func(v string) openpaymx.RequestOption { return openpaymx.WithRequestHeader("Prefer", v) }
	charge := &openpaymx.ChargeRequest{Card: &openpaymx.CardChargeRequest{
		Method:          openpaymx.CardChargeRequestMethodCard,
		SourceID:        openpaymx.Some("kqgykn96i7bcs1wwhvgw"),
		Amount:          openpaymx.MustParseDecimal("100.00"),
		Description:     "Cargo inicial a mi cuenta",
		DeviceSessionID: openpaymx.Some("kR1MiQhz2otdIuUlQkbEyitIqVMiI16f"),
	}}
	if _, err := c.Charges.Create(ctx, charge); err != nil {
		t.Fatalf("the charge itself is valid: %v", err)
	}

	// Declined: a code of those the spec's 402 response lists (1007, 3001-3005, 3009-3011).
	_, err = c.Charges.Create(ctx, charge, prefer("code=402"))
	te := typed("Prefer: code=402", err, http.StatusPaymentRequired)
	if code := int(te.ErrorCode); code != 1007 && (code < 3001 || code > 3011) {
		t.Errorf("Prefer: code=402: error_code %d, want one the 402 response documents", code)
	}

	// Not found.
	_, err = c.Customers.Get(ctx, "ag4nktpdzebjiye1tlze", prefer("code=404"))
	if te := typed("Prefer: code=404", err, http.StatusNotFound); te.ErrorCode != openpaymx.ErrorCodeNotFound {
		t.Errorf("Prefer: code=404: error_code %d, want 1005", te.ErrorCode)
	}

	// A 5xx on a charge: the charge may have gone through, and the error says so.
	_, err = c.Charges.Create(ctx, charge, prefer("code=503"))
	typed("Prefer: code=503", err, http.StatusServiceUnavailable)
	if !errors.Is(err, openpaymx.ErrOutcomeUnknown) {
		t.Errorf("a 503 on a charge: %v, want it to match ErrOutcomeUnknown", err)
	}
	_, err = c.Customers.List(ctx, nil, prefer("code=500"))
	typed("Prefer: code=500", err, http.StatusInternalServerError)

	// Rate limited: with one retry allowed, the client waits the Retry-After second and asks again.
	var info openpaymx.ResponseInfo
	start := time.Now()
	_, err = c.Customers.List(ctx, nil, prefer("code=429"), openpaymx.WithRequestMaxRetries(1), openpaymx.WithResponseInfo(&info))
	typed("Prefer: code=429", err, http.StatusTooManyRequests)
	if info.Attempts != 2 || info.Header.Get("Retry-After") != "1" {
		t.Errorf("Prefer: code=429 with one retry: %d attempts, Retry-After %q; want 2 attempts and 1", info.Attempts, info.Header.Get("Retry-After"))
	}
	if elapsed := time.Since(start); elapsed < 900*time.Millisecond {
		t.Errorf("Prefer: code=429: the retry came after %v, before the Retry-After second", elapsed)
	}

	// A Prefer the mock cannot honour is refused, never answered with the default.
	_, err = c.Customers.List(ctx, nil, prefer("code=abc"))
	if te := typed("Prefer: code=abc", err, http.StatusBadRequest); !strings.Contains(te.Description, "not an HTTP status") {
		t.Errorf("Prefer: code=abc: %q, want it to say the code is not an HTTP status", te.Description)
	}
}
