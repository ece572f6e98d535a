package examples_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http/httptest"

	"github.com/opgen-sdk/opgen/generated/openpaymx"
	"github.com/opgen-sdk/opgen/mock"
)

// A card charge with a token created by Openpay.js in the customer's browser: the card data never reaches your
// servers. The amount is a Decimal, sent exactly as written.
func Example_openpaymxChargesServiceCreate() {
	// A local mock of Openpay for this example. In production, drop WithBaseURL and choose
	// openpaymx.WithEnvironment(openpaymx.Production) (the default is Sandbox).
	h, err := mock.NewHandler("../../specs/openpay-mx.yaml")
	if err != nil {
		log.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	client, err := openpaymx.NewClient(
		openpaymx.WithBaseURL(srv.URL+"/v1/m1234567890"),
		openpaymx.WithMerchantID("m1234567890"),
		openpaymx.WithPrivateKey("sk_test_key"), // in production: os.Getenv("OPENPAY_PRIVATE_KEY")
	)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	charge, err := client.Charges.Create(ctx, &openpaymx.ChargeRequest{Card: &openpaymx.CardChargeRequest{
		Method:          openpaymx.CardChargeRequestMethodCard,
		SourceID:        openpaymx.Some("kqgykn96i7bcs1wwhvgw"), // the token id from Openpay.js
		DeviceSessionID: openpaymx.Some("kR1MiQhz2otdIuUlQkbEyitIqVMiI16f"),
		Amount:          openpaymx.MustParseDecimal("100.00"),
		Description:     "Cargo inicial a mi cuenta",
		OrderID:         openpaymx.Some("oid-00051"), // unique: a second charge with it is refused (1006)
		Customer: &openpaymx.CustomerRequest{
			Name:        "Juan",
			LastName:    openpaymx.Some("Vazquez Juarez"),
			PhoneNumber: openpaymx.Some("4423456723"),
			Email:       "juan.vazquez@empresa.com.mx",
		},
	}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(charge.ID.Value, charge.Status.Value, charge.Amount.String(), charge.Currency.Value)
	if c := charge.Card; c != nil && c.CardNumber.IsSet() && c.Brand.IsSet() {
		fmt.Println(c.CardNumber.Value, c.Brand.Value)
	}
	if auth, ok := charge.Authorization.Get(); ok {
		fmt.Println("authorization", auth)
	}
	// Output:
	// trzjaozcik8msyqshka4 completed 100 MXN
	// 411111XXXXXX1111 visa
	// authorization 801585
}

// A refund of a card charge. Leave Amount out to refund the whole charge; the refund transaction comes back in the
// charge's Refund field. A charge made at merchant level is refunded the same way with client.Charges.Refund(ctx,
// chargeID, params).
func Example_openpaymxCustomersChargesServiceRefund() {
	// A local mock of Openpay for this example. In production, drop WithBaseURL and choose
	// openpaymx.WithEnvironment(openpaymx.Production) (the default is Sandbox).
	h, err := mock.NewHandler("../../specs/openpay-mx.yaml")
	if err != nil {
		log.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	client, err := openpaymx.NewClient(
		openpaymx.WithBaseURL(srv.URL+"/v1/m1234567890"),
		openpaymx.WithMerchantID("m1234567890"),
		openpaymx.WithPrivateKey("sk_test_key"), // in production: os.Getenv("OPENPAY_PRIVATE_KEY")
	)
	if err != nil {
		log.Fatal(err)
	}

	const customerID, chargeID = "ag4nktpdzebjiye1tlze", "tr6cxbcefzatd10guvvw"
	charge, err := client.Customers.Charges.Refund(context.Background(), customerID, chargeID, &openpaymx.RefundRequest{
		Description: openpaymx.Some("devolución"),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("charge", charge.ID.Value, charge.Status.Value, charge.Amount.String(), charge.Currency.Value)
	if r := charge.Refund; r != nil {
		fmt.Println("refund", r.ID.Value, r.TransactionType.Value, r.Status.Value, r.Amount.String())
	}
	// Output:
	// charge tr6cxbcefzatd10guvvw completed 100 MXN
	// refund trcbsmjkroqmjobxqhpb refund completed 100
}

// A customer with a saved card: create the customer, store a card from a token, then list the customer's cards.
// ListAll fetches the pages as the loop goes.
func Example_openpaymxCustomersCardsServiceListAll() {
	// A local mock of Openpay for this example, keeping what is created. In production, drop WithBaseURL and
	// choose openpaymx.WithEnvironment(openpaymx.Production) (the default is Sandbox).
	h, err := mock.NewHandler("../../specs/openpay-mx.yaml", mock.WithStateful())
	if err != nil {
		log.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	client, err := openpaymx.NewClient(
		openpaymx.WithBaseURL(srv.URL+"/v1/m1234567890"),
		openpaymx.WithMerchantID("m1234567890"),
		openpaymx.WithPrivateKey("sk_test_key"), // in production: os.Getenv("OPENPAY_PRIVATE_KEY")
	)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	customer, err := client.Customers.Create(ctx, &openpaymx.CustomerRequest{
		Name:            "customer name",
		Email:           "customer_email@me.com",
		RequiresAccount: openpaymx.Some(false),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("customer", customer.ID.Value)

	// A card from a token: the card data stays between the customer's browser and Openpay.
	card, err := client.Customers.Cards.Create(ctx, customer.ID.Value, &openpaymx.CreateCardRequest{
		CardTokenRequest: &openpaymx.CardTokenRequest{
			TokenID:         "tokgslwpdcrkhlgxqi9a",
			DeviceSessionID: "8VIoXj0hN5dswYHQ9X1mVCiB72M7FY9o",
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("card", card.ID.Value, card.CardNumber.Value)

	for card, err := range client.Customers.Cards.ListAll(ctx, customer.ID.Value, nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("listed", card.ID.Value, card.Brand.Value, card.CardNumber.Value)
	}
	// Output:
	// customer zvdxfvicrz8hfz6rr6ec
	// card gel0jf88bhatzipew5ko 4242
	// listed gel0jf88bhatzipew5ko visa 4242
}

// A declined card. Every non-2xx answer is an *openpaymx.APIError (status, request id, raw body) wrapping Openpay's
// error object, an *openpaymx.Error; errors.As reaches both.
func Example_openpaymxAPIError() {
	// A local mock of Openpay for this example. In production, drop WithBaseURL and choose
	// openpaymx.WithEnvironment(openpaymx.Production) (the default is Sandbox).
	h, err := mock.NewHandler("../../specs/openpay-mx.yaml")
	if err != nil {
		log.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	client, err := openpaymx.NewClient(
		openpaymx.WithBaseURL(srv.URL+"/v1/m1234567890"),
		openpaymx.WithMerchantID("m1234567890"),
		openpaymx.WithPrivateKey("sk_test_key"), // in production: os.Getenv("OPENPAY_PRIVATE_KEY")
	)
	if err != nil {
		log.Fatal(err)
	}

	_, err = client.Charges.Create(context.Background(), &openpaymx.ChargeRequest{Card: &openpaymx.CardChargeRequest{
		Method:          openpaymx.CardChargeRequestMethodCard,
		SourceID:        openpaymx.Some("kqgykn96i7bcs1wwhvgw"),
		DeviceSessionID: openpaymx.Some("kR1MiQhz2otdIuUlQkbEyitIqVMiI16f"),
		Amount:          openpaymx.MustParseDecimal("100.00"),
		Description:     "Cargo inicial a mi cuenta",
		OrderID:         openpaymx.Some("oid-00052"),
	}},
		// Asks the mock for the documented 402 answer; not for production.
		openpaymx.WithRequestHeader("Prefer", "code=402"),
	)

	var apiErr *openpaymx.APIError
	var opErr *openpaymx.Error
	switch {
	case err == nil:
		fmt.Println("charged")
	case errors.Is(err, openpaymx.ErrOutcomeUnknown):
		// A 5xx or a lost connection: the request may have reached Openpay. Look the charge up by order_id
		// (client.Charges.List with OrderID) before charging again. Check this first: a 5xx is an APIError too.
		fmt.Println("outcome unknown")
	case errors.As(err, &apiErr) && errors.As(err, &opErr):
		// Openpay answered with its error object. A 402 is a decline: nothing was charged; ask the customer
		// for another card rather than retrying this one.
		fmt.Println("status", apiErr.StatusCode)
		fmt.Println("category", opErr.Category, "error_code", opErr.ErrorCode)
		fmt.Println("description", opErr.Description)
	default:
		// Rejected before it was sent (an *openpaymx.ValidationError), or another failure.
		fmt.Println("failed:", err)
	}
	// Output:
	// status 402
	// category gateway error_code 3001
	// description simulated 402 Payment Required (Prefer: code=402)
}

// A webhook, registered then verified: Openpay posts a verification code to the new webhook's URL (a `verification`
// event), and Webhooks.Verify sends it back; the webhook's status is then verified. The verify call comes from the
// official Node.js client (openpay-node 2.x), not from the documents.
func Example_openpaymxWebhooksServiceVerify() {
	h, err := mock.NewHandler("../../specs/openpay-mx.yaml")
	if err != nil {
		log.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	client, err := openpaymx.NewClient(
		openpaymx.WithBaseURL(srv.URL+"/v1/m1234567890"),
		openpaymx.WithMerchantID("m1234567890"),
		openpaymx.WithPrivateKey("sk_test_key"),
	)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	hook, err := client.Webhooks.Create(ctx, &openpaymx.WebhookRequest{
		URL:        "https://my-site.com/my-webhook",
		User:       openpaymx.Some("juanito"),
		Password:   openpaymx.Some("passjuanito"), // your handler checks them with VerifyWebhook
		EventTypes: []openpaymx.WebhookEventType{openpaymx.WebhookEventTypeChargeSucceeded},
	})
	if err != nil {
		log.Fatal(err)
	}
	// The code arrives at your webhook URL in the verification event's body.
	if err := client.Webhooks.Verify(ctx, hook.ID.Value, "xDahpJGE"); err != nil {
		log.Fatal(err)
	}
	hook, err = client.Webhooks.Get(ctx, hook.ID.Value)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(hook.ID.Value, hook.Status.Value)
	// Output:
	// wxvanstudf4ssme8khmc verified
}
