package mock

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
)

const payments = "testdata/payments.yaml"

func paymentsClient(t *testing.T, opts ...Option) client {
	t.Helper()
	srv := NewServer(t, payments, opts...)
	return client{t: t, base: BaseURL(srv, nil), key: true}
}

func str(m map[string]any, path string) string {
	var v any = m
	for _, k := range strings.Split(path, ".") {
		mm, ok := v.(map[string]any)
		if !ok {
			return "<none>"
		}
		if v, ok = mm[k]; !ok {
			return "<none>"
		}
	}
	if v == nil {
		return "<nil>"
	}
	return jsonScalar(v)
}

// TestChooseExample: the documented answer that fits the request (discriminator, same schema elsewhere, shape),
// and the primary success status of a create.
func TestChooseExample(t *testing.T) {
	for _, stateful := range []bool{false, true} {
		t.Run(fmt.Sprint("stateful=", stateful), func(t *testing.T) {
			var opts []Option
			if stateful {
				opts = append(opts, WithStateful())
			}
			c := paymentsClient(t, opts...)
			// A create answers 201, not the alternative 200 documented first.
			a := c.do("POST", "/payments", `{"kind":"card","amount":12,"token":"tok_9"}`)
			if a.status != 201 || str(a.obj(t), "status") != "succeeded" {
				t.Fatalf("plain card payment = %d %s; want 201 with the plain example (succeeded)", a.status, a.raw)
			}
			// The alternative 200, asked for, carries the value its description states (`review: true`).
			a = c.do("POST", "/payments", `{"kind":"card","amount":12,"token":"tok_9"}`, "Prefer", "code=200")
			if a.status != 200 || str(a.obj(t), "review") != "true" {
				t.Fatalf("Prefer: code=200 = %d %s; want 200 with review true", a.status, a.raw)
			}
			// The request looks like the secure example (a nested secure object): the secure answer.
			a = c.do("POST", "/payments", `{"kind":"card","amount":12,"token":"tok_9","secure":{"enabled":true,"return_url":"https://x.test/"}}`)
			if a.status != 201 || str(a.obj(t), "status") != "redirect_pending" {
				t.Fatalf("secure card payment = %d %s; want the secure example (redirect_pending)", a.status, a.raw)
			}
			// No example of this operation has kind wallet: the wallet example of the other operation whose answer
			// has the same schema.
			a = c.do("POST", "/payments", `{"kind":"wallet","amount":5.5}`)
			if m := a.obj(t); a.status != 201 || str(m, "kind") != "wallet" || str(m, "wallet_url") == "<none>" || (stateful && str(m, "amount") != "5.5") {
				t.Fatalf("wallet payment = %d %s; want the wallet example with the amount sent", a.status, a.raw)
			}
			// A singular media-type example counts too; a wallet payment there borrows the wallet example of the other
			// create, never the refunded payment the refund operation documents.
			if a := c.do("POST", "/quick-payments", `{"kind":"card","amount":1,"token":"t"}`); str(a.obj(t), "status") != "quick_pending" {
				t.Errorf("quick card payment = %s; want its own example", a.raw)
			}
			if a := c.do("POST", "/quick-payments", `{"kind":"wallet","amount":1}`); str(a.obj(t), "kind") != "wallet" || str(a.obj(t), "status") != "pending" {
				t.Errorf("quick wallet payment = %s; want the wallet example of the account's create", a.raw)
			}
			if a := c.do("POST", "/accounts/acc_2/payments", `{"kind":"card","amount":1,"token":"t"}`); str(a.obj(t), "status") == "refunded" {
				t.Errorf("account card payment = %s; want a create's card example, not the refund's", a.raw)
			}
			a = c.do("POST", "/payments", `{"kind":"wallet","amount":5.5}`)
			// The borrowed example's account_id named the other operation's account: not this payment's.
			if m := a.obj(t); str(m, "account_id") != "<nil>" {
				t.Errorf("wallet payment: account_id %s, want null (no account in this request)", str(m, "account_id"))
			}
			// A payment created under an account belongs to it.
			a = c.do("POST", "/accounts/acc_9/payments", `{"kind":"wallet","amount":5}`)
			if m := a.obj(t); str(m, "account_id") != "acc_9" {
				t.Errorf("payment of account acc_9 = %s; want account_id acc_9", a.raw)
			}
		})
	}
}

// TestPaymentFlow: create, capture, refund and cancel act on the stored payment.
func TestPaymentFlow(t *testing.T) {
	c := paymentsClient(t, WithStateful())
	a := c.do("POST", "/payments", `{"kind":"card","amount":100,"token":"tok_9","captured":false,"reference":"order-1"}`)
	p := a.obj(t)
	id := str(p, "id")
	if a.status != 201 || !strings.HasPrefix(id, "pay_") || id == "pay_AAAAAAAAAAAAAAAA" || str(p, "captured") != "false" {
		t.Fatalf("create = %d %s; want a fresh pay_ id and captured false (from the request)", a.status, a.raw)
	}
	c.do("POST", "/payments", `{"kind":"card","amount":7,"token":"tok_9","reference":"order-2"}`)
	// The reference must be unique (its description says so and the operation documents a 409): sent twice, it
	// is refused, and nothing is stored.
	a = c.do("POST", "/payments", `{"kind":"card","amount":7,"token":"tok_9","reference":"order-2"}`)
	if m := a.obj(t); a.status != 409 || str(m, "param") != "reference" || !strings.Contains(str(m, "message"), "order-2") {
		t.Fatalf("the same reference twice = %d %s; want 409 naming reference", a.status, a.raw)
	}

	// Capture: the same payment, the amount captured, and `captured: true` as the response's description says.
	a = c.do("POST", "/payments/"+id+"/capture", `{"amount":90}`)
	p = a.obj(t)
	if a.status != 200 || str(p, "id") != id || str(p, "amount") != "90" || str(p, "captured") != "true" || str(p, "reference") != "order-1" {
		t.Fatalf("capture = %d %s; want %s with amount 90, captured true and its reference", a.status, a.raw, id)
	}

	// Refund 40.25: the payment keeps its amount; a refund with a fresh id carries 40.25 and the note; the
	// status is the documented one of the example most like the payment (acquirer_a's).
	a = c.do("POST", "/payments/"+id+"/refunds", `{"amount":40.25,"note":"broken"}`)
	p = a.obj(t)
	if a.status != 200 || str(p, "id") != id || str(p, "amount") != "90" || str(p, "status") != "refunded" ||
		str(p, "refund.amount") != "40.25" || str(p, "refund.note") != "broken" || str(p, "refund.status") != "done" ||
		str(p, "refund.id") == "re_EEEEEEEEEEEEEEEE" || !strings.HasPrefix(str(p, "refund.id"), "re_") {
		t.Fatalf("refund = %d %s; want the payment %s (amount 90, refunded) with a fresh refund of 40.25", a.status, a.raw, id)
	}
	refundID := str(p, "refund.id")
	if got := c.do("GET", "/payments/"+id, "").obj(t); str(got, "status") != "refunded" || str(got, "refund.amount") != "40.25" {
		t.Fatalf("get after refund = %v; want the refunded payment", got)
	}
	// A second refund is a new refund transaction in place of the first.
	a = c.do("POST", "/payments/"+id+"/refunds", `{"amount":5}`)
	if p := a.obj(t); str(p, "refund.amount") != "5" || str(p, "refund.id") == refundID || str(p, "amount") != "90" {
		t.Fatalf("second refund = %s; want a new refund of 5", a.raw)
	}
	// An action without a documented answer creates the object named like it, in its first state.
	a = c.do("POST", "/payments/"+id+"/chargeback", `{"amount":12.5}`)
	if p := a.obj(t); a.status != 200 || str(p, "id") != id || str(p, "amount") != "90" || str(p, "chargeback.amount") != "12.5" ||
		str(p, "chargeback.status") != "open" || str(p, "status") != "refunded" {
		t.Fatalf("chargeback = %d %s; want %s unchanged with an open chargeback of 12.5", a.status, a.raw, id)
	}
	// A refund without an amount refunds the whole payment, in its currency.
	b := c.do("POST", "/payments", `{"kind":"card","amount":30,"token":"tok_9"}`).obj(t)
	a = c.do("POST", "/payments/"+str(b, "id")+"/refunds", "")
	if p := a.obj(t); str(p, "refund.amount") != "30" {
		t.Fatalf("full refund = %s; want a refund of 30", a.raw)
	}

	// Cancel: a DELETE answering the payment keeps it, in the documented state.
	a = c.do("DELETE", "/payments/"+id, "")
	if p := a.obj(t); a.status != 200 || str(p, "id") != id || str(p, "status") != "voided" {
		t.Fatalf("cancel = %d %s; want %s voided", a.status, a.raw, id)
	}
	if got := c.do("GET", "/payments/"+id, ""); got.status != 200 || str(got.obj(t), "status") != "voided" {
		t.Fatalf("get after cancel = %d %s; want the voided payment", got.status, got.raw)
	}

	// A PUT on the payment's sub-path that answers the payment is an action too: the request's fields are kept.
	a = c.do("PUT", "/payments/"+id+"/reference", `{"reference":"order-1c"}`)
	if p := a.obj(t); a.status != 200 || str(p, "id") != id || str(p, "reference") != "order-1c" || str(p, "status") != "voided" {
		t.Fatalf("set reference = %d %s; want %s voided with reference order-1c", a.status, a.raw, id)
	}
	// A DELETE that is not a cancellation deletes, even when it answers the object.
	acc := c.do("POST", "/accounts/acc_1/payments", `{"kind":"wallet","amount":3}`).obj(t)
	if a := c.do("DELETE", "/accounts/acc_1/payments/"+str(acc, "id"), ""); a.status != 200 {
		t.Fatalf("delete = %d %s", a.status, a.raw)
	}
	if a := c.do("GET", "/accounts/acc_1/payments/"+str(acc, "id"), ""); a.status != 404 {
		t.Fatalf("get after delete = %d %s; want 404", a.status, a.raw)
	}

	// Unknown ids are 404 for actions too.
	if a := c.do("POST", "/payments/pay_ZZZZZZZZZZZZZZZZ/capture", ""); a.status != 404 {
		t.Fatalf("capture of an unknown payment = %d %s; want 404", a.status, a.raw)
	}

	// "Unique across all": a payout cannot reuse a payment's reference; an operation with only a default error
	// response whose codes include a 409 one refuses it with that code.
	a = c.do("POST", "/payouts", `{"amount":1,"reference":"order-2"}`)
	if m := a.obj(t); a.status != 409 || str(m, "code") != "1006" || str(m, "param") != "reference" {
		t.Fatalf("payout reusing a payment's reference = %d %s; want 409 code 1006", a.status, a.raw)
	}
	if a = c.do("POST", "/payouts", `{"amount":1,"reference":"po-1"}`); a.status != 201 {
		t.Fatalf("payout = %d %s", a.status, a.raw)
	}
	if a = c.do("POST", "/payouts", `{"amount":1,"reference":"po-1"}`); a.status != 409 {
		t.Fatalf("payout reference twice = %d %s; want 409", a.status, a.raw)
	}

	// An update answers its declared shape, not the stored object.
	a = c.do("PATCH", "/payments/"+id, `{"reference":"order-1b"}`)
	if p := a.obj(t); a.status != 200 || str(p, "id") != id || str(p, "updated") == "<none>" || str(p, "kind") != "<none>" {
		t.Fatalf("update = %d %s; want the PaymentUpdated shape with the payment's id", a.status, a.raw)
	}
	if got := c.do("GET", "/payments/"+id, "").obj(t); str(got, "reference") != "order-1b" {
		t.Fatalf("get after update = %v; want the new reference", got)
	}

	// Equality filters: reference and amount are properties of the listed payments; created_after is not.
	list := func(q string) []any {
		t.Helper()
		a := c.do("GET", "/payments"+q, "")
		items, ok := a.body.([]any)
		if a.status != 200 || !ok {
			t.Fatalf("list%s = %d %s", q, a.status, a.raw)
		}
		return items
	}
	if got := list("?reference=order-2"); len(got) != 1 || str(got[0].(map[string]any), "amount") != "7" {
		t.Fatalf("list by reference = %v; want the one payment of 7", got)
	}
	if got := list("?amount=7.00"); len(got) != 1 {
		t.Fatalf("list by amount 7.00 = %v; want one payment", got)
	}
	if got := list("?reference=none"); len(got) != 0 {
		t.Fatalf("list by an unknown reference = %v; want none", got)
	}
	// Not equality filters: a date, a parameter of another type than the property.
	if got := list("?created_on=2024-01-01&captured=yes&limit=2"); len(got) != 2 {
		t.Fatalf("list with a date and a yes/no filter = %d items; want them ignored (a page of 2)", len(got))
	}
	if got := list("?created_after=2020-01-01&limit=2"); len(got) != 2 {
		t.Fatalf("list with a filter the objects lack = %d items; want the page of 2", len(got))
	}
	// Parameter bounds are validated.
	if a := c.do("GET", "/payments?limit=51", ""); a.status != 400 || !strings.Contains(string(a.raw), "limit") {
		t.Fatalf("limit 51 = %d %s; want 400 naming limit", a.status, a.raw)
	}
}

// TestDeclines: Prefer names a documented error code by its x-enum-varnames name or value; code=402 alone picks
// the decline the status describes.
func TestDeclines(t *testing.T) {
	c := paymentsClient(t, WithStateful())
	body := `{"kind":"card","amount":12,"token":"tok_9"}`
	for _, tc := range []struct {
		prefer string
		status int
		code   string
		msg    string
	}{
		{"code=402", 402, "3001", ""},
		{"example=card_declined", 402, "3001", "The card was declined."},
		{"code=402, example=card_declined", 402, "3001", "The card was declined."},
		{"example=CardExpired", 402, "3002", "The card has expired."},
		{"example=insufficient_funds", 402, "3003", "Not enough funds."},
		{"example=3003", 402, "3003", "Not enough funds."},
		{"example=not_found", 404, "1005", "no such object."},
	} {
		a := c.do("POST", "/payments", body, "Prefer", tc.prefer)
		m := a.obj(t)
		if a.status != tc.status || str(m, "code") != tc.code || (tc.msg != "" && str(m, "message") != tc.msg) {
			t.Errorf("Prefer: %s = %d %s; want %d with code %s %q", tc.prefer, a.status, a.raw, tc.status, tc.code, tc.msg)
		}
		if tc.status == 402 && str(m, "kind") != "payment" {
			t.Errorf("Prefer: %s: kind %s, want payment (the value whose explanation says declined)", tc.prefer, str(m, "kind"))
		}
	}
	// A code of a property that wraps its enum in allOf, with no status of its own: the status of the documented
	// example that carries the property (the 402's).
	a := c.do("POST", "/payments", body, "Prefer", "example=stolen_card")
	if m := a.obj(t); a.status != 402 || str(m, "reason") != "stolen_card" || str(m, "message") != "Stolen: the card was reported stolen." {
		t.Errorf("Prefer: example=stolen_card = %d %s; want 402 with reason stolen_card and its description", a.status, a.raw)
	}
	if a := c.do("POST", "/payments", body, "Prefer", "example=no_such_thing"); a.status != 400 {
		t.Errorf("Prefer: example=no_such_thing = %d %s; want 400", a.status, a.raw)
	}
	// Prefer never touches the store.
	if items, _ := c.do("GET", "/payments", "").body.([]any); len(items) != 0 {
		t.Errorf("the declines stored %d payments", len(items))
	}
}

// TestNestedValidationErrors: errors inside allOf and oneOf are answered in the API's error shape, naming the
// field.
func TestNestedValidationErrors(t *testing.T) {
	c := paymentsClient(t)
	for _, tc := range []struct{ body, param string }{
		{`{"name":"Al","amount":0}`, "amount"},
		{`{"name":"A","amount":5}`, "name"},
		{`{"amount":5}`, "name"},
		{`{"name":"Al","amount":5,"method":{"iban":"short"}}`, "method"},
		{`{"name":"Al","amount":5,"method":{"email":"nope"}}`, "method"},
		{`{"name":"Al","amount":5,"beneficiary":{"name":"B"}}`, "beneficiary.name"},
		{`{"name":"Al","amount":5,"beneficiary":{}}`, "beneficiary.name"},
	} {
		a := c.do("POST", "/transfers", tc.body)
		m := a.obj(t)
		if a.status != 422 || str(m, "param") != tc.param || str(m, "kind") != "invalid_request" || str(m, "code") == "<none>" {
			t.Errorf("POST /transfers %s = %d %s; want 422 in the Error shape with param %s", tc.body, a.status, a.raw, tc.param)
		}
	}
	// A discriminator value no variant has names the discriminator.
	a := c.do("POST", "/payments", `{"kind":"cash","amount":5}`)
	if m := a.obj(t); a.status != 422 || str(m, "param") != "kind" {
		t.Errorf("kind cash = %d %s; want 422 with param kind", a.status, a.raw)
	}
	if a := c.do("POST", "/transfers", `{"name":"Al","amount":5,"method":{"email":"a@b.test"}}`); a.status != 201 {
		t.Errorf("a valid transfer = %d %s", a.status, a.raw)
	}
}

func TestShapeScore(t *testing.T) {
	var plain, secure, req any
	_ = json.Unmarshal([]byte(`{"a":1,"b":true}`), &plain)
	_ = json.Unmarshal([]byte(`{"a":1,"b":true,"s":{"on":true,"url":"x"}}`), &secure)
	_ = json.Unmarshal([]byte(`{"a":2,"s":{"on":true}}`), &req)
	if p, s := shapeScore(req, plain), shapeScore(req, secure); s <= p {
		t.Errorf("shapeScore: secure %d, plain %d; want secure higher", s, p)
	}
}

// TestMockEffect: x-opgen-mock-effect makes a create change the stored object it names; amounts the example ties
// to the amount follow the amount sent.
func TestMockEffect(t *testing.T) {
	c := paymentsClient(t, WithStateful())
	p := c.do("POST", "/payments", `{"kind":"card","amount":100,"token":"tok_9"}`).obj(t)
	id := str(p, "id")
	if str(p, "amount_left") != "100" || str(p, "amount_refunded") != "0" {
		t.Fatalf("payment = %v; want amount_left 100 (tied to amount in the example) and amount_refunded 0", p)
	}
	for _, amount := range []string{"30", "12.5"} {
		if a := c.do("POST", "/refunds", `{"payment_id":"`+id+`","amount":`+amount+`}`); a.status != 201 || str(a.obj(t), "amount") != amount {
			t.Fatalf("refund of %s = %d %s", amount, a.status, a.raw)
		}
	}
	got := c.do("GET", "/payments/"+id, "").obj(t)
	if str(got, "amount_refunded") != "42.5" || str(got, "amount_left") != "57.5" || str(got, "status") != "partly_refunded" || str(got, "amount") != "100" {
		t.Fatalf("payment after two refunds = %v; want 42.5 refunded, 57.5 left, partly_refunded", got)
	}
	// A refund of a payment the mock never made is a 404 naming payment_id, and is not stored.
	if a := c.do("POST", "/refunds", `{"payment_id":"pay_ZZZZZZZZZZZZZZZZ","amount":1}`); a.status != 404 || str(a.obj(t), "param") != "payment_id" {
		t.Fatalf("refund of an unknown payment = %d %s; want 404 naming payment_id", a.status, a.raw)
	}
	// Without -stateful the extension changes nothing.
	if a := paymentsClient(t).do("POST", "/refunds", `{"payment_id":"pay_ZZZZZZZZZZZZZZZZ","amount":1}`); a.status != 201 {
		t.Fatalf("stateless refund = %d %s; want the documented 201", a.status, a.raw)
	}
}

func TestMockEffectErrors(t *testing.T) {
	raw, err := os.ReadFile(payments)
	if err != nil {
		t.Fatal(err)
	}
	good := "      x-opgen-mock-effect:\n        target: payment_id\n        add: {amount_refunded: amount}\n        subtract: {amount_left: amount}\n        set: {status: partly_refunded}\n"
	if !strings.Contains(string(raw), good) {
		t.Fatal("testdata/payments.yaml changed: update this test")
	}
	for _, tc := range []struct{ ext, want string }{
		{"      x-opgen-mock-effect: yes\n", "must be an object"},
		{"      x-opgen-mock-effect: {add: {a: amount}}\n", "target is missing"},
		{"      x-opgen-mock-effect: {target: nothing_id}\n", `0 stored collections match target "nothing_id"`},
		{"      x-opgen-mock-effect: {target: payment_id, bump: 1}\n", `unknown key "bump"`},
		{"      x-opgen-mock-effect: {target: payment_id, add: {a: 1}}\n", "add.a must name a request property"},
	} {
		path := t.TempDir() + "/payments.yaml"
		if err := os.WriteFile(path, []byte(strings.Replace(string(raw), good, tc.ext, 1)), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := NewHandler(path)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "createRefund") || !strings.Contains(err.Error(), "x-opgen-mock-effect") {
			t.Errorf("%q: error %v; want one naming createRefund, x-opgen-mock-effect and %q", tc.ext, err, tc.want)
		}
	}
}
