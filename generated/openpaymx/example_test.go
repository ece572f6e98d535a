// The examples show production use: credentials from the environment, the default environment. Each that
// prints is also run against a mock of the API, its output checked, in sdktest/examples (a module of its own, so that this
// one requires nothing but the standard library).
package openpaymx_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/url"
	"os"

	"github.com/opgen-sdk/opgen/generated/openpaymx"
)

// A card charge with a token created by Openpay.js in the customer's browser: the card data never reaches your
// servers. The amount is a Decimal, sent exactly as written.
func ExampleChargesService_Create() {
	client, err := openpaymx.NewClient(
		openpaymx.WithMerchantID("m1234567890"),
		openpaymx.WithPrivateKey(os.Getenv("OPENPAY_PRIVATE_KEY")),
	)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	charge, err := client.Charges.Create(ctx, &openpaymx.ChargeRequest{Card: &openpaymx.CardChargeRequest{
		Method:          openpaymx.CardChargeRequestMethodCard,
		SourceID:        openpaymx.Ptr("kqgykn96i7bcs1wwhvgw"), // the token id from Openpay.js
		DeviceSessionID: openpaymx.Ptr("kR1MiQhz2otdIuUlQkbEyitIqVMiI16f"),
		Amount:          openpaymx.MustParseDecimal("100.00"),
		Description:     "Cargo inicial a mi cuenta",
		OrderID:         openpaymx.Ptr("oid-00051"), // unique: a second charge with it is refused (1006)
		Customer: &openpaymx.CustomerRequest{
			Name:        "Juan",
			LastName:    openpaymx.Ptr("Vazquez Juarez"),
			PhoneNumber: openpaymx.Ptr("4423456723"),
			Email:       "juan.vazquez@empresa.com.mx",
		},
	}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*charge.ID, *charge.Status, charge.Amount.String(), *charge.Currency)
	if c := charge.Card; c != nil && c.CardNumber != nil && c.Brand != nil {
		fmt.Println(*c.CardNumber, *c.Brand)
	}
	if auth, ok := charge.Authorization.Get(); ok {
		fmt.Println("authorization", auth)
	}
}

// A refund of a card charge. Leave Amount out to refund the whole charge; the refund transaction comes back in the
// charge's Refund field. A charge made at merchant level is refunded the same way with client.Charges.Refund(ctx,
// chargeID, params).
func ExampleCustomersChargesService_Refund() {
	client, err := openpaymx.NewClient(
		openpaymx.WithMerchantID("m1234567890"),
		openpaymx.WithPrivateKey(os.Getenv("OPENPAY_PRIVATE_KEY")),
	)
	if err != nil {
		log.Fatal(err)
	}

	const customerID, chargeID = "ag4nktpdzebjiye1tlze", "tr6cxbcefzatd10guvvw"
	charge, err := client.Customers.Charges.Refund(context.Background(), customerID, chargeID, &openpaymx.RefundRequest{
		Description: openpaymx.Ptr("devolución"),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("charge", *charge.ID, *charge.Status, charge.Amount.String(), *charge.Currency)
	if r := charge.Refund; r != nil {
		fmt.Println("refund", *r.ID, *r.TransactionType, *r.Status, r.Amount.String())
	}
}

// A customer with a saved card: create the customer, store a card from a token, then list the customer's cards.
// ListAll fetches the pages as the loop goes.
func ExampleCustomersCardsService_ListAll() {
	client, err := openpaymx.NewClient(
		openpaymx.WithMerchantID("m1234567890"),
		openpaymx.WithPrivateKey(os.Getenv("OPENPAY_PRIVATE_KEY")),
	)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	customer, err := client.Customers.Create(ctx, &openpaymx.CustomerRequest{
		Name:            "customer name",
		Email:           "customer_email@me.com",
		RequiresAccount: openpaymx.Ptr(false),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("customer", *customer.ID)

	// A card from a token: the card data stays between the customer's browser and Openpay.
	card, err := client.Customers.Cards.Create(ctx, *customer.ID, &openpaymx.CreateCardRequest{
		CardTokenRequest: &openpaymx.CardTokenRequest{
			TokenID:         "tokgslwpdcrkhlgxqi9a",
			DeviceSessionID: "8VIoXj0hN5dswYHQ9X1mVCiB72M7FY9o",
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("card", *card.ID, *card.CardNumber)

	for card, err := range client.Customers.Cards.ListAll(ctx, *customer.ID, nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("listed", *card.ID, *card.Brand, *card.CardNumber)
	}
}

// A declined card. Every non-2xx answer is an *openpaymx.APIError (status, request id, raw body) wrapping Openpay's
// error object, an *openpaymx.Error; errors.As reaches both.
func ExampleAPIError() {
	client, err := openpaymx.NewClient(
		openpaymx.WithMerchantID("m1234567890"),
		openpaymx.WithPrivateKey(os.Getenv("OPENPAY_PRIVATE_KEY")),
	)
	if err != nil {
		log.Fatal(err)
	}

	_, err = client.Charges.Create(context.Background(), &openpaymx.ChargeRequest{Card: &openpaymx.CardChargeRequest{
		Method:          openpaymx.CardChargeRequestMethodCard,
		SourceID:        openpaymx.Ptr("kqgykn96i7bcs1wwhvgw"),
		DeviceSessionID: openpaymx.Ptr("kR1MiQhz2otdIuUlQkbEyitIqVMiI16f"),
		Amount:          openpaymx.MustParseDecimal("100.00"),
		Description:     "Cargo inicial a mi cuenta",
		OrderID:         openpaymx.Ptr("oid-00052"),
	}})

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
}

// A corporate proxy and a private root CA (a TLS-inspecting proxy's), set on the transport of the *http.Client
// given to WithHTTPClient. See docs/MIDDLEWARE.md for where the transport runs relative to auth and retries.
func ExampleWithHTTPClient() {
	proxyURL, err := url.Parse("http://proxy.corp.example:3128")
	if err != nil {
		log.Fatal(err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		log.Fatal(err)
	}
	pool.AppendCertsFromPEM([]byte(os.Getenv("CORPORATE_ROOT_CA_PEM")))
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.Proxy = http.ProxyURL(proxyURL)
	tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}

	client, err := openpaymx.NewClient(
		openpaymx.WithHTTPClient(&http.Client{Transport: tr}),
		openpaymx.WithMerchantID("m1234567890"),
		openpaymx.WithPrivateKey(os.Getenv("OPENPAY_PRIVATE_KEY")),
	)
	if err != nil {
		log.Fatal(err)
	}
	_ = client
}

// A header on every outgoing request, retries included, set after the credentials: a correlation id here; a
// request signature the same way.
func ExampleWithRequestEditor() {
	client, err := openpaymx.NewClient(
		openpaymx.WithMerchantID("m1234567890"),
		openpaymx.WithPrivateKey(os.Getenv("OPENPAY_PRIVATE_KEY")),
		openpaymx.WithRequestEditor(func(ctx context.Context, req *http.Request) error {
			req.Header.Set("X-Correlation-Id", "order-00052")
			return nil
		}),
	)
	if err != nil {
		log.Fatal(err)
	}
	_ = client
}
