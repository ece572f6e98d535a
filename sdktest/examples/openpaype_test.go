package examples_test

import (
	"context"
	"fmt"
	"log"
	"net/http/httptest"

	"github.com/opgen-sdk/opgen/generated/openpaype"
	"github.com/opgen-sdk/opgen/mock"
)

// A card charge in soles with a token created by Openpay.js in the customer's browser: the card data never reaches
// your servers. The amount is a Decimal, sent exactly as written.
func Example_openpaypeChargesServiceCreate() {
	// A local mock of Openpay Peru for this example. In production, drop WithBaseURL and choose
	// openpaype.WithEnvironment(openpaype.Production) (the default is Sandbox).
	h, err := mock.NewHandler("../../specs/openpay-pe.yaml")
	if err != nil {
		log.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	client, err := openpaype.NewClient(
		openpaype.WithBaseURL(srv.URL+"/v1/m1234567890"),
		openpaype.WithMerchantID("m1234567890"),
		openpaype.WithPrivateKey("sk_test_key"), // in production: os.Getenv("OPENPAY_PRIVATE_KEY")
	)
	if err != nil {
		log.Fatal(err)
	}

	charge, err := client.Charges.Create(context.Background(), &openpaype.ChargeRequest{Card: &openpaype.CardChargeRequest{
		Method:          openpaype.CardChargeRequestMethodCard,
		SourceID:        openpaype.Ptr("kqgykn96i7bcs1wwhvgw"), // the token id from Openpay.js
		DeviceSessionID: openpaype.Ptr("kR1MiQhz2otdIuUlQkbEyitIqVMiI16f"),
		Amount:          openpaype.MustParseDecimal("100.00"),
		Currency:        openpaype.Ptr(openpaype.CurrencyPEN),
		Description:     "Cargo inicial a mi cuenta",
		OrderID:         openpaype.Ptr("oid-00051"), // unique: a second charge with it is refused (1006)
		Customer: &openpaype.CustomerRequest{
			Name:        "Juan",
			LastName:    openpaype.Ptr("Vazquez Juarez"),
			PhoneNumber: openpaype.Ptr("4423456723"),
			Email:       "juan.vazquez@empresa.com.pe",
		},
	}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*charge.ID, *charge.Status, charge.Amount.String())
	if c := charge.Card; c != nil && c.CardNumber != nil {
		fmt.Println(*c.CardNumber)
	}
	// Output:
	// trzjaozcik8msyqshka4 completed 100
	// 411111XXXXXX1111
}

// A payment link ("Cobro con Link"): Openpay hosts the payment page, so no website or app is needed. Share
// checkout_link with the payer by e-mail or message.
func Example_openpaypeCheckoutsServiceCreate() {
	// A local mock of Openpay Peru for this example. In production, drop WithBaseURL and choose
	// openpaype.WithEnvironment(openpaype.Production) (the default is Sandbox).
	h, err := mock.NewHandler("../../specs/openpay-pe.yaml")
	if err != nil {
		log.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	client, err := openpaype.NewClient(
		openpaype.WithBaseURL(srv.URL+"/v1/m1234567890"),
		openpaype.WithMerchantID("m1234567890"),
		openpaype.WithPrivateKey("sk_test_key"), // in production: os.Getenv("OPENPAY_PRIVATE_KEY")
	)
	if err != nil {
		log.Fatal(err)
	}

	checkout, err := client.Checkouts.Create(context.Background(), &openpaype.CheckoutRequest{
		Amount:         openpaype.MustParseDecimal("250.00"),
		Currency:       openpaype.CurrencyPEN,
		Description:    "Cargo cobro con link",
		RedirectURL:    "https://misitioempresa.pe", // where the payer lands after paying
		OrderID:        openpaype.Ptr("oid-12324"),
		ExpirationDate: openpaype.Ptr("2021-08-31 12:50"), // yyyy-mm-dd HH:mm
		SendEmail:      openpaype.Ptr(true),
		Customer: &openpaype.CustomerRequest{
			Name:        "Cliente Perú",
			LastName:    openpaype.Ptr("Vazquez Juarez"),
			PhoneNumber: openpaype.Ptr("4448936475"),
			Email:       "juan.vazquez@empresa.pe",
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*checkout.ID, *checkout.Status, checkout.Amount.String(), *checkout.Currency)
	fmt.Println(*checkout.CheckoutLink)
	// Output:
	// ckp4210mayo0pmfndmuc available 10 PEN
	// https://sandbox-api.openpay.pe/ck/488GT4TOcqwT
}
