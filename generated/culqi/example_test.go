// The examples show production use: credentials from the environment, the default environment. Each is
// also run against a mock of the API, its output checked, in sdktest/examples (a module of its own, so that this
// one requires nothing but the standard library).
package culqi_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/opgen-sdk/opgen/generated/culqi"
)

// An authorization then a capture: with Capture false the amount is only reserved on the card, and the charge must
// be captured within 4 days (for example once the order ships) or the funds go back to the card.
func ExampleChargesService_Capture() {
	client, err := culqi.NewClient(
		culqi.WithSecretKey(os.Getenv("CULQI_SECRET_KEY")),
	)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	charge, err := client.Charges.Create(ctx, &culqi.ChargesCreateParams{ChargeRequest: culqi.ChargeRequest{
		Amount:       200, // S/ 2.00: Culqi counts in céntimos
		CurrencyCode: culqi.CurrencyPEN,
		Email:        "richard@piedpiper.com",
		SourceID:     "tkn_test_0CjjdWhFpEAZlxlz", // the token from Culqi.js or Culqi Checkout
		Description:  culqi.Some("Apple Watch Series 20"),
		Capture:      culqi.Some(false),
	}})
	if err != nil {
		log.Fatal(err)
	}
	if charge.ActionCode.IsSet() && charge.ActionCode.Value == "REVIEW" {
		// The issuer asks for 3-D Secure: nothing was charged yet. Authenticate with Culqi3DS in the browser, then
		// send the same charge again with Authentication3DS set.
		fmt.Println("3-D Secure required")
		return
	}
	fmt.Println("authorized", charge.ID, charge.Amount.Value, charge.CurrencyCode.Value)

	charge, err = client.Charges.Capture(ctx, charge.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("captured", charge.ID, charge.Capture.Value)
}

// A customer with a saved card: the card is made permanent from a single-use token, so later charges use its crd_
// id as SourceID without the customer entering the card again.
func ExampleCardsService_Create() {
	client, err := culqi.NewClient(
		culqi.WithSecretKey(os.Getenv("CULQI_SECRET_KEY")),
	)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	customer, err := client.Customers.Create(ctx, &culqi.CustomerRequest{
		FirstName:   "Richard",
		LastName:    "Hendricks",
		Email:       "richard@piedpiper.com",
		Address:     "Av. Lima 213",
		AddressCity: "Lima",
		CountryCode: "PE",
		PhoneNumber: "999999987",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("customer", customer.ID)

	card, err := client.Cards.Create(ctx, &culqi.CardRequest{
		CustomerID: customer.ID,
		TokenID:    "tkn_test_0CjjdWhFpEAZlxlz",
	})
	if err != nil {
		log.Fatal(err)
	}
	if src := card.Source; src != nil && src.CardNumber.IsSet() {
		fmt.Println("card", card.ID, src.CardNumber.Value)
	}

	// Later charges use the saved card's id as the source.
	charge, err := client.Charges.Create(ctx, &culqi.ChargesCreateParams{ChargeRequest: culqi.ChargeRequest{
		Amount:       200, // S/ 2.00
		CurrencyCode: culqi.CurrencyPEN,
		Email:        "richard@piedpiper.com",
		SourceID:     card.ID,
	}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("charge", charge.ID, charge.Amount.Value)
}
