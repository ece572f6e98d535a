package sdktest

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/opgen-sdk/opgen/generated/openpayco"
	"github.com/opgen-sdk/opgen/generated/openpaymx"
	"github.com/opgen-sdk/opgen/generated/openpaype"
	"github.com/opgen-sdk/opgen/generated/sky"
	"github.com/opgen-sdk/opgen/mock"
)

// One Openpay transaction model (issue 15 point 6): charges, refunds, payouts, transfers and fees embed one
// TransactionFields struct per SDK, and so does what a webhook notification carries, so reconciliation is written
// once per SDK, over *TransactionFields, and reads the same in Mexico, Peru, Colombia and Sky.

// ledgerEntry is what reconciliation takes from any transaction.
type ledgerEntry struct {
	ID, Type, Status, Amount, OrderID string
}

// The four reconcile functions, one per SDK, have the same body: only the package differs.

func reconcileMX(t *openpaymx.TransactionFields) ledgerEntry {
	order, _ := t.OrderID.Get()
	return ledgerEntry{t.ID.Value, string(t.TransactionType.Value), string(t.Status.Value), t.Amount.Value.String(), order}
}

func reconcilePE(t *openpaype.TransactionFields) ledgerEntry {
	order, _ := t.OrderID.Get()
	return ledgerEntry{t.ID.Value, string(t.TransactionType.Value), string(t.Status.Value), t.Amount.Value.String(), order}
}

func reconcileCO(t *openpayco.TransactionFields) ledgerEntry {
	order, _ := t.OrderID.Get()
	return ledgerEntry{t.ID.Value, string(t.TransactionType.Value), string(t.Status.Value), t.Amount.Value.String(), order}
}

func reconcileSky(t *sky.TransactionFields) ledgerEntry {
	order, _ := t.OrderID.Get()
	return ledgerEntry{t.ID, string(t.TransactionType), string(t.Status), t.Amount.String(), order}
}

// via decodes a document sample into T and hands its embedded TransactionFields to reconcile.
func via[T, B any](base func(*T) *B, reconcile func(*B) ledgerEntry) func([]byte) (ledgerEntry, error) {
	return func(b []byte) (ledgerEntry, error) {
		v := new(T)
		if err := json.Unmarshal(b, v); err != nil {
			return ledgerEntry{}, err
		}
		return reconcile(base(v)), nil
	}
}

// transactionSamples returns, per schema name, the JSON of the schema's own example and of every example the spec
// gives for a 2xx response of that schema (or of a list of it): the documents' own samples.
func transactionSamples(t *testing.T, doc *openapi3.T, names []string) map[string][][]byte {
	out := map[string][][]byte{}
	add := func(name string, v any) {
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				if b, err := json.Marshal(e); err == nil {
					out[name] = append(out[name], b)
				}
			}
		case map[string]any:
			if b, err := json.Marshal(x); err == nil {
				out[name] = append(out[name], b)
			}
		}
	}
	for _, name := range names {
		if sr := doc.Components.Schemas[name]; sr != nil && sr.Value != nil && sr.Value.Example != nil {
			add(name, sr.Value.Example)
		}
	}
	for _, path := range doc.Paths.InMatchingOrder() {
		for _, op := range doc.Paths.Value(path).Operations() {
			for code, r := range op.Responses.Map() {
				if !strings.HasPrefix(code, "2") || r.Value == nil {
					continue
				}
				mt := r.Value.Content.Get("application/json")
				if mt == nil || mt.Schema == nil {
					continue
				}
				ref := mt.Schema.Ref
				if ref == "" && mt.Schema.Value != nil && mt.Schema.Value.Items != nil {
					ref = mt.Schema.Value.Items.Ref
				}
				name := ref[strings.LastIndex(ref, "/")+1:]
				if !slices.Contains(names, name) {
					continue
				}
				if mt.Example != nil {
					add(name, mt.Example)
				}
				for _, ex := range mt.Examples {
					if ex != nil && ex.Value != nil {
						add(name, ex.Value.Value)
					}
				}
			}
		}
	}
	return out
}

// webhook wraps a transaction sample as the platform's notification {type, event_date, transaction}.
func webhook(t *testing.T, tx []byte) []byte {
	t.Helper()
	b, err := json.Marshal(map[string]any{"type": "charge.succeeded", "event_date": "2024-05-26T13:56:21-05:00", "transaction": json.RawMessage(tx)})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestOneOpenpayTransactionModel(t *testing.T) {
	type sdk struct {
		spec string
		// kinds maps a response schema to its decoder; each must have document samples.
		kinds map[string]func([]byte) (ledgerEntry, error)
		// refund reads the refund transaction a refunded charge carries, when there is one.
		refund func([]byte) (ledgerEntry, bool, error)
		// event parses a webhook notification and reconciles its transaction.
		event func([]byte) (ledgerEntry, error)
		// fromMock, for an SDK whose documents show no transaction sample (Colombia: the Node client README),
		// gets the samples from opgen mock, which builds them from the schema.
		fromMock func(t *testing.T) map[string][][]byte
	}
	sdks := map[string]sdk{
		"openpaymx": {
			spec: "../specs/openpay-mx.yaml",
			kinds: map[string]func([]byte) (ledgerEntry, error){
				"Charge":   via(func(v *openpaymx.Charge) *openpaymx.TransactionFields { return &v.TransactionFields }, reconcileMX),
				"Payout":   via(func(v *openpaymx.Payout) *openpaymx.TransactionFields { return &v.TransactionFields }, reconcileMX),
				"Transfer": via(func(v *openpaymx.Transfer) *openpaymx.TransactionFields { return &v.TransactionFields }, reconcileMX),
				"Fee":      via(func(v *openpaymx.Fee) *openpaymx.TransactionFields { return &v.TransactionFields }, reconcileMX),
			},
			refund: func(b []byte) (ledgerEntry, bool, error) {
				var c openpaymx.Charge
				if err := json.Unmarshal(b, &c); err != nil || c.Refund == nil {
					return ledgerEntry{}, false, err
				}
				return reconcileMX(&c.Refund.TransactionFields), true, nil
			},
			event: func(b []byte) (ledgerEntry, error) {
				ev, err := openpaymx.ParseEvent(b)
				if err != nil {
					return ledgerEntry{}, err
				}
				return reconcileMX(&ev.Transaction.TransactionFields), nil
			},
		},
		"openpaype": {
			spec: "../specs/openpay-pe.yaml",
			kinds: map[string]func([]byte) (ledgerEntry, error){
				"Charge": via(func(v *openpaype.Charge) *openpaype.TransactionFields { return &v.TransactionFields }, reconcilePE),
			},
			refund: func(b []byte) (ledgerEntry, bool, error) {
				var c openpaype.Charge
				if err := json.Unmarshal(b, &c); err != nil || c.Refund == nil {
					return ledgerEntry{}, false, err
				}
				return reconcilePE(&c.Refund.TransactionFields), true, nil
			},
			event: func(b []byte) (ledgerEntry, error) {
				ev, err := openpaype.ParseEvent(b)
				if err != nil {
					return ledgerEntry{}, err
				}
				return reconcilePE(&ev.Transaction.TransactionFields), nil
			},
		},
		"openpayco": {
			spec: "../specs/openpay-co.yaml",
			fromMock: func(t *testing.T) map[string][][]byte {
				srv := mock.NewServer(t, "../specs/openpay-co.yaml", mock.WithSeed(7))
				defer srv.Close()
				c, err := openpayco.NewClient(openpayco.WithBaseURL(srv.URL+"/v1/m1234567890"),
					openpayco.WithMerchantID("m1234567890"), openpayco.WithPrivateKey("sk_test_key"))
				if err != nil {
					t.Fatal(err)
				}
				ch, err := c.Charges.Get(context.Background(), "tr_1")
				if err != nil {
					t.Fatal(err)
				}
				b, err := json.Marshal(ch)
				if err != nil {
					t.Fatal(err)
				}
				return map[string][][]byte{"Charge": {b}}
			},
			kinds: map[string]func([]byte) (ledgerEntry, error){
				"Charge": via(func(v *openpayco.Charge) *openpayco.TransactionFields { return &v.TransactionFields }, reconcileCO),
			},
			refund: func(b []byte) (ledgerEntry, bool, error) {
				var c openpayco.Charge
				if err := json.Unmarshal(b, &c); err != nil || c.Refund == nil {
					return ledgerEntry{}, false, err
				}
				return reconcileCO(&c.Refund.TransactionFields), true, nil
			},
			event: func(b []byte) (ledgerEntry, error) {
				ev, err := openpayco.ParseEvent(b)
				if err != nil {
					return ledgerEntry{}, err
				}
				return reconcileCO(&ev.Transaction.TransactionFields), nil
			},
		},
		"sky": {
			spec: "../specs/sky.yaml",
			kinds: map[string]func([]byte) (ledgerEntry, error){
				"Transaction": via(func(v *sky.Transaction) *sky.TransactionFields { return &v.TransactionFields }, reconcileSky),
			},
			refund: func(b []byte) (ledgerEntry, bool, error) {
				var c sky.Transaction
				if err := json.Unmarshal(b, &c); err != nil || c.Refund == nil {
					return ledgerEntry{}, false, err
				}
				return reconcileSky(&c.Refund.TransactionFields), true, nil
			},
			event: func(b []byte) (ledgerEntry, error) {
				ev, err := sky.ParseEvent(b)
				if err != nil {
					return ledgerEntry{}, err
				}
				return reconcileSky(&ev.Transaction.TransactionFields), nil
			},
		},
	}
	for _, name := range []string{"openpaymx", "openpaype", "openpayco", "sky"} {
		s := sdks[name]
		t.Run(name, func(t *testing.T) {
			var kinds []string
			for k := range s.kinds {
				kinds = append(kinds, k)
			}
			sort.Strings(kinds)
			samples := transactionSamples(t, loadSpec(t, s.spec), kinds)
			if s.fromMock != nil {
				samples = s.fromMock(t)
			}
			refunds, events := 0, 0
			for _, kind := range kinds {
				if len(samples[kind]) == 0 {
					t.Errorf("the spec has no %s sample", kind)
				}
				for _, b := range samples[kind] {
					e, err := s.kinds[kind](b)
					if err != nil {
						t.Fatalf("%s sample: %v\n%s", kind, err, b)
					}
					checkEntry(t, kind, e, b, s.fromMock != nil)
					if r, ok, err := s.refund(b); err != nil {
						t.Fatalf("refund of %s: %v", kind, err)
					} else if ok {
						refunds++
						checkEntry(t, "refund", r, b, s.fromMock != nil)
					}
					if kind == "Charge" || kind == "Transaction" {
						// The same sample, delivered by a webhook, reconciles to the same entry.
						w, err := s.event(webhook(t, b))
						if err != nil {
							t.Fatalf("webhook: %v", err)
						}
						if w != e {
							t.Errorf("webhook transaction reconciles to %+v, the sample to %+v", w, e)
						}
						events++
					}
				}
			}
			if refunds == 0 || events == 0 {
				t.Errorf("%d refunded charges and %d webhook transactions reconciled; the documents have both", refunds, events)
			}
		})
	}
}

// checkEntry: every document sample (and every transaction the mock makes) carries an id, an amount, a status and its transaction type, and the
// type matches the schema it was returned as.
func checkEntry(t *testing.T, kind string, e ledgerEntry, b []byte, synthesized bool) {
	t.Helper()
	if e.ID == "" || e.Amount == "" || e.Amount == "0" || e.Status == "" || e.Type == "" {
		t.Errorf("%s: reconciled %+v from %s", kind, e, b)
	}
	if synthesized {
		return // the mock's transaction_type is any string the schema allows
	}
	want := map[string]string{"Charge": "charge", "Payout": "payout", "Transfer": "transfer", "Fee": "fee", "refund": "refund"}[kind]
	if kind == "Transaction" {
		want = "charge"
	}
	if e.Type != want && !(kind == "Fee" && e.Type == "refund") && !(kind == "Transaction" && e.Type == "refund") {
		t.Errorf("%s: transaction_type %q, want %q (%s)", kind, e.Type, want, b)
	}
}

// TestTransactionTypesEmbedOneStruct: in every Openpay SDK each transaction type embeds the SDK's
// TransactionFields (not a copy of its fields), and the four TransactionFields declare the platform's common
// transaction members.
func TestTransactionTypesEmbedOneStruct(t *testing.T) {
	cases := map[string][]any{
		"openpaymx": {openpaymx.TransactionFields{}, openpaymx.Charge{}, openpaymx.Payout{}, openpaymx.Transfer{}, openpaymx.Fee{}, openpaymx.Transaction{}},
		"openpaype": {openpaype.TransactionFields{}, openpaype.Charge{}, openpaype.Refund{}},
		"openpayco": {openpayco.TransactionFields{}, openpayco.Charge{}, openpayco.Refund{}},
		"sky":       {sky.TransactionFields{}, sky.Transaction{}},
	}
	common := []string{"amount", "authorization", "creation_date", "currency", "description", "error_message", "id",
		"method", "operation_date", "operation_type", "order_id", "status", "transaction_type"}
	for name, types := range cases {
		base := reflect.TypeOf(types[0])
		var members []string
		for i := range base.NumField() {
			tag, _, _ := strings.Cut(base.Field(i).Tag.Get("json"), ",")
			members = append(members, tag)
		}
		for _, m := range common {
			if !slices.Contains(members, m) {
				t.Errorf("%s.TransactionFields lacks %q", name, m)
			}
		}
		for _, v := range types[1:] {
			rt := reflect.TypeOf(v)
			f, ok := rt.FieldByName("TransactionFields")
			if !ok || !f.Anonymous || f.Type != base {
				t.Errorf("%s.%s does not embed TransactionFields", name, rt.Name())
			}
			for i := range rt.NumField() {
				tag, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
				if slices.Contains(common, tag) {
					t.Errorf("%s.%s copies the shared field %q instead of taking it from TransactionFields", name, rt.Name(), tag)
				}
			}
		}
	}
}
