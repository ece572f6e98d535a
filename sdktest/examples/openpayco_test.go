package examples_test

import (
	"context"
	"fmt"
	"log"
	"net/http/httptest"

	"github.com/opgen-sdk/opgen/generated/openpayco"
	"github.com/opgen-sdk/opgen/mock"
)

// A PSE charge (Pagos Seguros en Línea, a bank transfer): Openpay answers with the URL where the customer picks
// their bank and pays; PSE sends the customer back to redirect_url afterwards. The charge is pending until then:
// read it again (Charges.Get) or wait for the webhook before delivering the order.
func Example_openpaycoChargesServiceCreatePse() {
	// A local mock of Openpay Colombia for this example, echoing what is sent. In production, drop WithBaseURL
	// and choose openpayco.WithEnvironment(openpayco.Production) (the default is Sandbox).
	h, err := mock.NewHandler("../../specs/openpay-co.yaml", mock.WithStateful())
	if err != nil {
		log.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	client, err := openpayco.NewClient(
		openpayco.WithBaseURL(srv.URL+"/v1/m1234567890"),
		openpayco.WithMerchantID("m1234567890"),
		openpayco.WithPrivateKey("sk_test_key"), // in production: os.Getenv("OPENPAY_PRIVATE_KEY")
	)
	if err != nil {
		log.Fatal(err)
	}

	charge, err := client.Charges.Create(context.Background(), &openpayco.ChargeRequest{
		Bank: &openpayco.BankChargeRequest{
			Method:      openpayco.BankChargeRequestMethodBankAccount,
			Amount:      openpayco.MustParseDecimal("10000"),
			IVA:         openpayco.Ptr(openpayco.DecimalString{Decimal: openpayco.MustParseDecimal("1900")}), // IVA included in amount, in COP; sent as "1900"
			Currency:    openpayco.Ptr(openpayco.BankChargeRequestCurrencyCOP),
			Description: "Cargo inicial a mi cuenta",
			RedirectURL: "https://my-site.com/pse/return",
			Customer: &openpayco.CustomerRequest{
				Name:            "Cliente Colombia",
				LastName:        openpayco.Ptr("Vazquez Juarez"),
				Email:           "cliente.colombia@example.com",
				PhoneNumber:     openpayco.Ptr("4448936475"),
				RequiresAccount: openpayco.Ptr(false),
				CustomerAddress: &openpayco.CustomerAddress{
					Department: openpayco.Ptr("Antioquia"),
					City:       openpayco.Ptr("Medellín"),
					Additional: openpayco.Ptr("Avenida 7m bis #174-25 Apartamento 637"),
				},
			},
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*charge.Method, charge.Amount.String(), *charge.Currency, *charge.Description)
	if pm := charge.PaymentMethod; pm != nil && pm.URL != nil {
		fmt.Println("redirect the customer to payment_method.url")
	}
	// Output:
	// bank_account 10000 COP Cargo inicial a mi cuenta
	// redirect the customer to payment_method.url
}

// A card charge in Colombian pesos with a token created by Openpay.js in the customer's browser: the card data
// never reaches your servers.
func Example_openpaycoChargesServiceCreate() {
	// A local mock of Openpay Colombia for this example, echoing what is sent. In production, drop WithBaseURL
	// and choose openpayco.WithEnvironment(openpayco.Production) (the default is Sandbox).
	h, err := mock.NewHandler("../../specs/openpay-co.yaml", mock.WithStateful())
	if err != nil {
		log.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	client, err := openpayco.NewClient(
		openpayco.WithBaseURL(srv.URL+"/v1/m1234567890"),
		openpayco.WithMerchantID("m1234567890"),
		openpayco.WithPrivateKey("sk_test_key"), // in production: os.Getenv("OPENPAY_PRIVATE_KEY")
	)
	if err != nil {
		log.Fatal(err)
	}

	charge, err := client.Charges.Create(context.Background(), &openpayco.ChargeRequest{
		Card: &openpayco.CardChargeRequest{
			Method:          openpayco.CardChargeRequestMethodCard,
			SourceID:        "kdx205scoizh93upqbte", // the token id from Openpay.js
			DeviceSessionID: "kR1MiQhz2otdIuUlQkbEyitIqVMiI16f",
			Amount:          openpayco.MustParseDecimal("200"),
			IVA:             openpayco.Ptr(openpayco.DecimalString{Decimal: openpayco.MustParseDecimal("10")}),
			Currency:        openpayco.Ptr(openpayco.CardChargeRequestCurrencyCOP),
			Description:     "Cargo inicial a mi cuenta",
			Customer: &openpayco.CustomerRequest{
				Name:        "Cliente Colombia",
				LastName:    openpayco.Ptr("Vazquez Juarez"),
				PhoneNumber: openpayco.Ptr("4448936475"),
				Email:       "cliente.colombia@example.com",
			},
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*charge.Method, charge.Amount.String(), *charge.Currency, *charge.Description)
	// Output:
	// card 200 COP Cargo inicial a mi cuenta
}
