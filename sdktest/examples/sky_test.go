package examples_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http/httptest"
	"time"

	"github.com/opgen-sdk/opgen/generated/sky"
	"github.com/opgen-sdk/opgen/mock"
)

// skyAirlineData is the flight information GlobalCollect's risk assessment needs with every direct card charge
// (gc_risk_assessment.airline_data).
func skyAirlineData() sky.AirlineData {
	date := func(y int, m time.Month, d int) sky.Date { return sky.Date{Year: y, Month: m, Day: d} }
	return sky.AirlineData{
		AirlineCode:   "123",
		AirlineName:   "Sky",
		PassengerName: "Juan Vazquez Juarez",
		Pnr:           "4FW1O2",
		FlightDate:    sky.Ptr(date(2016, time.February, 1)),
		AgencyNumber:  sky.Ptr("12345678"),
		FlightLegs: []sky.FlightLeg{{
			CarrierCode:   "12",
			AirlineClass:  "1",
			Origin:        "ABC",
			Destination:   "DEF",
			DepartureDate: date(2015, time.January, 1),
			DepartureTime: "12:55",
			FlightNumber:  "123",
			Fare:          sky.Ptr("FARE"),
			FareBasis:     "FAREBASIS",
			AllowStopover: sky.Ptr(true),
		}},
		IsThirdParty:         sky.Ptr(false),
		TicketNumber:         sky.Ptr("1231212345678"),
		TicketIssueDate:      sky.Ptr(date(2016, time.February, 1)),
		IsEticket:            sky.Ptr(false),
		IsRestrictedTicket:   sky.Ptr(true),
		TicketDeliveryMethod: sky.Ptr(sky.AirlineDataTicketDeliveryMethodEticket),
		AirlineCustomerID:    sky.Ptr("123456"),
		IsRegisteredCustomer: sky.Ptr(false),
		AirlineInvoiceNumber: sky.Ptr("123123"),
	}
}

// A charge paid in Transbank installments ("shares"): ask Transbank which numbers of installments it offers for the
// card behind the token and the amount, let the customer choose, then charge with the chosen share_id.
func Example_skyTokensSharesServiceCreate() {
	// A local mock of Openpay for this example. In production, drop WithBaseURL and choose
	// sky.WithEnvironment(sky.Production) (the default is Sandbox).
	h, err := mock.NewHandler("../../specs/sky.yaml")
	if err != nil {
		log.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	client, err := sky.NewClient(
		sky.WithBaseURL(srv.URL+"/v1/m1234567890"),
		sky.WithMerchantID("m1234567890"),
		sky.WithPrivateKey("sk_test_key"), // in production: os.Getenv("OPENPAY_PRIVATE_KEY")
	)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	const tokenID = "kvnqhttcsw86tqqdqg1u" // created by Openpay.js in the customer's browser
	amount := sky.MustParseDecimal("6000")

	shares, err := client.Tokens.Shares.Create(ctx, tokenID, &sky.SharesRequest{
		Amount:   amount,
		Currency: sky.CurrencyCLP,
		Shares:   []int32{3, 6, 9, 12},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range shares.Available {
		if s.Shares != nil && s.ShareAmount != nil && s.ShareID != nil {
			fmt.Printf("%d installments of CLP %s (share_id %s)\n", *s.Shares, s.ShareAmount, *s.ShareID)
		}
	}
	if len(shares.Available) == 0 {
		log.Fatal("Transbank offers no installments for this card: charge it in one payment")
	}
	chosen := shares.Available[0] // the customer picks 3 installments

	tx, err := client.Charges.Create(ctx, &sky.CreateChargeRequest{
		Method:      sky.CreateChargeRequestMethodCard,
		SourceID:    sky.Ptr(tokenID),
		Amount:      amount,
		Currency:    sky.CurrencyCLP,
		Description: "B4JOW2 Origin-Destination 2016-04-01 32:34",
		OrderID:     sky.Ptr("B4JOW2-20160401-1205"), // unique among successful charges
		Customer: sky.Customer{
			Name:        "Juan",
			LastName:    sky.Ptr("Vazquez Juarez"),
			PhoneNumber: sky.Ptr("1234567890"),
			Email:       "juan.vazquez@empresa.com.mx",
		},
		Provider: sky.ChargeProvider{Data: sky.ChargeProviderData{
			ShareID:     chosen.ShareID,
			PointOfSale: sky.Ptr(sky.PointOfSaleWebRetail),
		}},
		GCRiskAssessment: &sky.RiskAssessment{AirlineData: skyAirlineData()},
		Metadata:         sky.Metadata{"reservation_number": "123456"},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tx.ID, tx.Status, tx.Amount.String(), tx.Currency)
	if md := tx.Metadata; md != nil && md.Shares != nil && md.ShareAmount != nil {
		fmt.Println("paid in", *md.Shares, "installments of", *md.ShareAmount)
	}
	// Output:
	// 3 installments of CLP 2000 (share_id 1234)
	// 6 installments of CLP 1000 (share_id 5678)
	// 9 installments of CLP 677 (share_id 9012)
	// 12 installments of CLP 510 (share_id 3456)
	// trornwo9ocwkqjljx90h completed 6000 CLP
	// paid in 3 installments of 2000
}

// The 3-D Secure fallback. When the risk assessment declines a direct card charge (error_code 3005, HTTP 402), send
// the same charge again with use_3d_secure, url_success and the customer's browser_info. It comes back in status
// charge_pending: redirect the customer to payment_method.url (with Transbank this falls back to "Transacción
// Normal"). If the 3-D Secure request fails too, 3-D Secure is not available for the transaction.
//
// Openpay then sends the customer to url_success?id=<transaction id>. There, read the charge with
// client.Charges.Get(ctx, id) to learn its final status (completed or failed): never trust the redirect alone.
func Example_skyChargesServiceCreateThreeDSecure() {
	// A local mock of Openpay for this example. In production, drop WithBaseURL and choose
	// sky.WithEnvironment(sky.Production) (the default is Sandbox).
	h, err := mock.NewHandler("../../specs/sky.yaml")
	if err != nil {
		log.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	client, err := sky.NewClient(
		sky.WithBaseURL(srv.URL+"/v1/m1234567890"),
		sky.WithMerchantID("m1234567890"),
		sky.WithPrivateKey("sk_test_key"), // in production: os.Getenv("OPENPAY_PRIVATE_KEY")
	)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	req := &sky.CreateChargeRequest{
		Method:      sky.CreateChargeRequestMethodCard,
		SourceID:    sky.Ptr("k570iqqwzrnxitxm4bkq"), // a token created by Openpay.js
		Amount:      sky.MustParseDecimal("20.00"),
		Currency:    sky.CurrencyUSD,
		Description: "B4JOW6 ABC-DEF 2016-05-06 32:34",
		Customer: sky.Customer{
			Name:        "Eli",
			LastName:    sky.Ptr("Lopez"),
			PhoneNumber: sky.Ptr("1234567890"),
			Email:       "eli.lopez@openpay.mx",
		},
		Provider: sky.ChargeProvider{Data: sky.ChargeProviderData{
			PointOfSale: sky.Ptr(sky.PointOfSaleWebRetail),
		}},
		GCRiskAssessment: &sky.RiskAssessment{
			Website:            sky.Ptr("https://www.skyairline.com"),
			IsPreviousCustomer: sky.Ptr(false),
			CustomerIPAddress:  sky.Ptr("189.204.92.250"),
			AirlineData:        skyAirlineData(),
		},
		Metadata: sky.Metadata{"reservation_number": "123456"},
	}
	tx, err := client.Charges.Create(ctx, req,
		sky.WithRequestHeader("Prefer", "code=402"), // mock only: answer with the documented risk rejection
	)
	var opErr *sky.Error
	if errors.As(err, &opErr) && opErr.ErrorCode.IsRetryWith3DSecure() {
		fmt.Println("declined by the risk assessment: error_code", opErr.ErrorCode)

		// The same charge, with 3-D Secure.
		req.Provider.Data.Use3DSecure = sky.Ptr(true)
		req.Provider.Data.URLSuccess = sky.Ptr("https://www.skyairline.com/payment/return")
		req.Provider.Data.BrowserInfo = &sky.BrowserInfo{
			// The customer's browser: the Accept and User-Agent headers of their checkout request.
			AcceptHeader: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
			UserAgent:    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
		}
		tx, err = client.Charges.Create(ctx, req,
			sky.WithRequestHeader("Prefer", "example=threeds_fallback"), // mock only: the documented 3-D Secure answer
		)
	}
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tx.ID, tx.Status)
	if tx.Status == sky.TransactionStatusChargePending && tx.PaymentMethod != nil && tx.PaymentMethod.URL != nil {
		fmt.Println("redirect the customer to", *tx.PaymentMethod.URL)
	}
	// Output:
	// declined by the risk assessment: error_code 3005
	// trakm2jghxbhfjwzci7l charge_pending
	// redirect the customer to https://sandbox-api.openpay.mx/v1/mshqn9kihskcnz6d4k2c/charges/trakm2jghxbhfjwzci7l/redirect/
}
