package examples_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"time"

	"github.com/opgen-sdk/opgen/generated/culqi"
	"github.com/opgen-sdk/opgen/generated/openpayco"
	"github.com/opgen-sdk/opgen/generated/openpaymx"
	"github.com/opgen-sdk/opgen/generated/openpaype"
	"github.com/opgen-sdk/opgen/generated/sky"
	"github.com/opgen-sdk/opgen/mock"
)

// These examples show what to do after an error matching ErrOutcomeUnknown: the charge may or may not exist, and
// none of these APIs takes an idempotency key, so sending it again could charge the customer twice. Look it up
// first, by the order_id you gave it (Openpay: unique per merchant, a filter of the charge list) or the metadata
// you attached (Culqi), and charge again only when it is not there.

// lostAnswer serves the mock, but loses the answer to the first charge it creates: the mock stores the charge,
// and the client gets a 504 from a gateway in between, as when a proxy times out after Openpay or Culqi took the
// payment. Only for these examples.
func lostAnswer(spec string) (srv *httptest.Server, lostBody func() []byte) {
	h, err := mock.NewHandler(spec, mock.WithStateful())
	if err != nil {
		log.Fatal(err)
	}
	var lost atomic.Bool
	var body atomic.Pointer[[]byte]
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/charges") && lost.CompareAndSwap(false, true) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r) // the charge is made
			if rec.Code >= 300 {
				log.Fatalf("the mock refused the charge: %d %s", rec.Code, rec.Body)
			}
			b := rec.Body.Bytes()
			body.Store(&b)
			http.Error(w, "upstream timed out", http.StatusGatewayTimeout)
			return
		}
		h.ServeHTTP(w, r)
	})), func() []byte { return *body.Load() }
}

// After ErrOutcomeUnknown on a charge, find it by its order_id with the charge list's filter before charging again.
// The SDK never resends a charge on its own: Openpay takes no idempotency key.
func Example_openpaymxErrOutcomeUnknown() {
	srv, _ := lostAnswer("../../specs/openpay-mx.yaml") // in production: no server of your own, the real API
	defer srv.Close()
	client, err := openpaymx.NewClient(openpaymx.WithBaseURL(srv.URL+"/v1/m1234567890"),
		openpaymx.WithMerchantID("m1234567890"), openpaymx.WithPrivateKey("sk_test_key"))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	const orderID = "order-2024-0042" // yours, unique per charge: Openpay refuses a second charge with it

	charge, err := client.Charges.Create(ctx, &openpaymx.ChargeRequest{Card: &openpaymx.CardChargeRequest{
		SourceID:        openpaymx.Some("kqgykn96i7bcs1wwhvgw"),
		DeviceSessionID: openpaymx.Some("kR1MiQhz2otdIuUlQkbEyitIqVMiI16f"),
		Amount:          openpaymx.MustParseDecimal("100.00"),
		Description:     "Cargo inicial a mi cuenta",
		OrderID:         openpaymx.Some(orderID),
	}})
	if errors.Is(err, openpaymx.ErrOutcomeUnknown) {
		// A timeout, a reset or a 5xx after the request was sent: Openpay may have made the charge.
		fmt.Println("outcome unknown; looking up", orderID)
		charge = nil
		charges, lerr := client.Charges.List(ctx, &openpaymx.ChargesListParams{OrderID: openpaymx.Some(orderID)})
		if lerr != nil {
			log.Fatal(lerr) // still unknown: try the lookup again later, never the charge
		}
		for _, c := range charges {
			if id, _ := c.OrderID.Get(); id == orderID {
				charge = &c
			}
		}
		if charge == nil {
			fmt.Println("no charge with", orderID, "- safe to charge again")
			return
		}
		err = nil
	}
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("found", charge.ID.Value, charge.Status.Value, charge.Amount.Value)
	// Output:
	// outcome unknown; looking up order-2024-0042
	// found zvdxfvicrz8hfzqrrre1 completed 100.00
}

// The same path in Peru: the charge's order_id, then the list filter.
func Example_openpaypeErrOutcomeUnknown() {
	srv, _ := lostAnswer("../../specs/openpay-pe.yaml") // in production: no server of your own, the real API
	defer srv.Close()
	client, err := openpaype.NewClient(openpaype.WithBaseURL(srv.URL+"/v1/m1234567890"),
		openpaype.WithMerchantID("m1234567890"), openpaype.WithPrivateKey("sk_test_key"))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	const orderID = "pedido-0042" // unique per charge: a second charge with it is refused (1006)

	_, err = client.Charges.Create(ctx, &openpaype.ChargeRequest{Card: &openpaype.CardChargeRequest{
		SourceID:        openpaype.Some("kqgykn96i7bcs1wwhvgw"),
		DeviceSessionID: openpaype.Some("kR1MiQhz2otdIuUlQkbEyitIqVMiI16f"),
		Amount:          openpaype.MustParseDecimal("100.00"),
		Currency:        openpaype.Some(openpaype.CurrencyPEN),
		Description:     "Cargo inicial a mi cuenta",
		OrderID:         openpaype.Some(orderID),
		Customer:        &openpaype.CustomerRequest{Name: "Juan", Email: "juan.vazquez@empresa.com.pe"},
	}})
	if !errors.Is(err, openpaype.ErrOutcomeUnknown) {
		log.Fatal("want an unknown outcome here: ", err)
	}
	fmt.Println("outcome unknown; looking up", orderID)
	charges, err := client.Charges.List(ctx, &openpaype.ChargesListParams{OrderID: openpaype.Some(orderID)})
	if err != nil {
		log.Fatal(err) // still unknown: try the lookup again later, never the charge
	}
	for _, c := range charges {
		if id, _ := c.OrderID.Get(); id == orderID {
			fmt.Println("found", c.ID.Value, c.Status.Value, c.Amount.Value, "- do not charge again")
			return
		}
	}
	fmt.Println("no charge with", orderID, "- safe to charge again")
	// Output:
	// outcome unknown; looking up pedido-0042
	// found zvdxfvicrz8hfzqrrre1 completed 100.00 - do not charge again
}

// The same path in Colombia: the charge's order_id, then the list filter.
func Example_openpaycoErrOutcomeUnknown() {
	srv, _ := lostAnswer("../../specs/openpay-co.yaml") // in production: no server of your own, the real API
	defer srv.Close()
	client, err := openpayco.NewClient(openpayco.WithBaseURL(srv.URL+"/v1/m1234567890"),
		openpayco.WithMerchantID("m1234567890"), openpayco.WithPrivateKey("sk_test_key"))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	const orderID = "pedido-co-0042"

	_, err = client.Charges.Create(ctx, &openpayco.ChargeRequest{Card: &openpayco.CardChargeRequest{
		SourceID:        "kdx205scoizh93upqbte",
		DeviceSessionID: "kR1MiQhz2otdIuUlQkbEyitIqVMiI16f",
		Amount:          openpayco.MustParseDecimal("200"),
		Currency:        openpayco.Some(openpayco.CardChargeRequestCurrencyCOP),
		Description:     "Cargo inicial a mi cuenta",
		OrderID:         openpayco.Some(orderID),
		Customer:        &openpayco.CustomerRequest{Name: "Cliente Colombia", Email: "cliente.colombia@example.com"},
	}})
	if !errors.Is(err, openpayco.ErrOutcomeUnknown) {
		log.Fatal("want an unknown outcome here: ", err)
	}
	fmt.Println("outcome unknown; looking up", orderID)
	charges, err := client.Charges.List(ctx, &openpayco.ChargesListParams{OrderID: openpayco.Some(orderID)})
	if err != nil {
		log.Fatal(err) // still unknown: try the lookup again later, never the charge
	}
	for _, c := range charges {
		if id, _ := c.OrderID.Get(); id == orderID {
			fmt.Println("found", c.Status.Value, c.Amount.Value, "- do not charge again")
			return
		}
	}
	fmt.Println("no charge with", orderID, "- safe to charge again")
	// Output:
	// outcome unknown; looking up pedido-co-0042
	// found in_progress 200 - do not charge again
}

// Culqi: give each charge your order id in its metadata; after ErrOutcomeUnknown, list the recent charges of the
// customer's email and look for it there.
func Example_culqiErrOutcomeUnknown() {
	srv, _ := lostAnswer("../../specs/culqi.yaml") // in production: no server of your own, the real API
	defer srv.Close()
	client, err := culqi.NewClient(culqi.WithBaseURL(srv.URL), culqi.WithSecretKey("sk_test_key"))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	const orderID, email = "pedido-0042", "richard@piedpiper.com"

	_, err = client.Charges.Create(ctx, &culqi.ChargesCreateParams{ChargeRequest: culqi.ChargeRequest{
		Amount:       1000, // S/ 10.00, in céntimos
		CurrencyCode: culqi.CurrencyPEN,
		Email:        email,
		SourceID:     "tkn_test_0CjjdWhFpEAZlxlz",
		Metadata:     culqi.Metadata{"order_id": orderID},
	}})
	if !errors.Is(err, culqi.ErrOutcomeUnknown) {
		log.Fatal("want an unknown outcome here: ", err)
	}
	fmt.Println("outcome unknown; looking up", orderID)
	for c, err := range client.Charges.ListAll(ctx, &culqi.ChargesListParams{Email: culqi.Some(email)}) {
		if err != nil {
			log.Fatal(err) // still unknown: try the lookup again later, never the charge
		}
		if c.Metadata["order_id"] == orderID {
			fmt.Println("found", c.ID, c.Amount.Value, c.CurrencyCode.Value, "- do not charge again")
			return
		}
	}
	fmt.Println("no charge with", orderID, "- safe to charge again")
	// Output:
	// outcome unknown; looking up pedido-0042
	// found chr_test_zvd9Fv3CRZV32zqR 1000 PEN - do not charge again
}

// Sky's document lists no charge search, so after ErrOutcomeUnknown the charge's webhook is the reconcile path:
// keep the order_id as pending, match the notification's transaction on it, and confirm the transaction by
// reading it (Charges.Get) before delivering. Never charge again while the order is pending.
func Example_skyErrOutcomeUnknown() {
	srv, lostBody := lostAnswer("../../specs/sky.yaml") // in production: no server of your own, the real API
	defer srv.Close()
	client, err := sky.NewClient(sky.WithBaseURL(srv.URL+"/v1/m1234567890"),
		sky.WithMerchantID("m1234567890"), sky.WithPrivateKey("sk_test_key"))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	const orderID = "B4JOW2-20160401-1205"

	_, err = client.Charges.Create(ctx, &sky.CreateChargeRequest{
		Method:      sky.CreateChargeRequestMethodCard,
		SourceID:    sky.Some("k570iqqwzrnxitxm4bkq"),
		Amount:      sky.MustParseDecimal("120000"),
		Currency:    sky.CurrencyCLP,
		Description: "B4JOW2 SCL-LIM",
		OrderID:     sky.Some(orderID),
		Customer:    sky.Customer{Name: "Eli", Email: "eli.lopez@openpay.mx"},
		Provider:    sky.ChargeProvider{Data: sky.ChargeProviderData{PointOfSale: sky.Some(sky.PointOfSaleWebRetail)}},
	})
	if !errors.Is(err, sky.ErrOutcomeUnknown) {
		log.Fatal("want an unknown outcome here: ", err)
	}
	fmt.Println("outcome unknown; order", orderID, "pending its webhook")
	pending := map[string]bool{orderID: true}

	// Your webhook handler: Openpay posts the charge's notification to it.
	handler := func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		ev, err := sky.ParseEvent(body)
		if err != nil {
			http.Error(w, "bad event", http.StatusBadRequest)
			return
		}
		order, _ := ev.Transaction.OrderID.Get()
		if ev.Type != sky.WebhookEventTypeChargeSucceeded || !pending[order] {
			return
		}
		// Confirm by reading the transaction from the API: a notification alone proves nothing.
		tx, err := client.Charges.Get(r.Context(), ev.Transaction.ID)
		if err != nil {
			http.Error(w, "retry later", http.StatusServiceUnavailable)
			return
		}
		delete(pending, order)
		// The order has its charge: never charge again; deliver once the status is completed.
		fmt.Println("order", order, "is", tx.ID, tx.Status, tx.Amount, tx.Currency, "- do not charge again")
	}

	// What Openpay sends for the charge that was made (in production it arrives on its own; here the mock's lost
	// answer stands for it).
	var made sky.Transaction
	if err := json.Unmarshal(lostBody(), &made); err != nil {
		log.Fatal(err)
	}
	req, err := sky.NewTestWebhookRequest(&sky.WebhookEvent{Type: sky.WebhookEventTypeChargeSucceeded,
		EventDate: time.Date(2016, 6, 1, 9, 49, 43, 0, time.UTC), Transaction: made}, "", "")
	if err != nil {
		log.Fatal(err)
	}
	handler(httptest.NewRecorder(), req)
	// Output:
	// outcome unknown; order B4JOW2-20160401-1205 pending its webhook
	// order B4JOW2-20160401-1205 is zvdxfvi0rzvhfzqrr61c completed 120000 CLP - do not charge again
}
