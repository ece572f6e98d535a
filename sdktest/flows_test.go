package sdktest

import (
	"errors"
	"net/http"
	"testing"

	"github.com/opgen-sdk/opgen/generated/culqi"
	"github.com/opgen-sdk/opgen/generated/openpayco"
	"github.com/opgen-sdk/opgen/generated/openpaymx"
	"github.com/opgen-sdk/opgen/generated/openpaype"
	"github.com/opgen-sdk/opgen/generated/sky"
	"github.com/opgen-sdk/opgen/mock"
)

// The payment flows a team runs before going live, through the generated SDKs against the stateful mock: a
// pre-authorized charge captured for less and partly refunded keeps its id, amount and documented statuses;
// store and bank charges get their own documented answers; declines are the documented codes; Sky's 3-D
// Secure fallback. The rules behind it are docs/MOCK.md's (stateful mode); they are read from the spec.

// TestFlowOpenpayMX: Openpay México, charge -> capture -> refund, store and SPEI charges, a decline, and the
// reconcile filter.
func TestFlowOpenpayMX(t *testing.T) {
	ctx := testContext(t)
	srv := mock.NewServer(t, "../specs/openpay-mx.yaml", mock.WithStateful())
	c, err := openpaymx.NewClient(openpaymx.WithBaseURL(mock.BaseURL(srv, openpayVars)),
		openpaymx.WithMerchantID(merchant), openpaymx.WithPrivateKey("sk_test_mock"), openpaymx.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	dec := openpaymx.MustParseDecimal

	// Store and SPEI charges at merchant level: the documented store and bank answers (reference, CLABE), not
	// the card example, with the amount sent.
	store, err := c.Charges.Create(ctx, &openpaymx.ChargeRequest{Store: &openpaymx.StoreChargeRequest{
		Amount: dec("55.50"), Description: "Cargo con tienda", OrderID: openpaymx.Some("oid-store-1")}})
	if err != nil {
		t.Fatal(err)
	}
	if store.Method.Value != openpaymx.TransactionMethodStore || store.PaymentMethod == nil || store.PaymentMethod.Reference.Value == "" ||
		store.Card != nil || !store.Amount.Value.Equal(dec("55.50")) || store.Status.Value != openpaymx.TransactionStatusInProgress {
		t.Fatalf("store charge = %+v; want method store, a payment reference, no card, 55.50, in_progress", store)
	}
	if !store.CustomerID.IsNull() {
		t.Errorf("merchant-level store charge: customer_id %v, want null (the documented store charge is a customer's)", store.CustomerID)
	}
	// At customer level the charge is the customer's.
	cust, err := c.Customers.Create(ctx, &openpaymx.CustomerRequest{Name: "Ana", Email: "ana@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	cstore, err := c.Customers.Charges.Create(ctx, cust.ID.Value, &openpaymx.ChargeRequest{Store: &openpaymx.StoreChargeRequest{
		Amount: dec("10"), Description: "Cargo con tienda"}})
	if id, _ := cstore.CustomerID.Get(); err != nil || id != cust.ID.Value {
		t.Fatalf("customer-level store charge = %+v, %v; want customer_id %s", cstore, err, cust.ID.Value)
	}
	bank, err := c.Charges.Create(ctx, &openpaymx.ChargeRequest{Bank: &openpaymx.BankChargeRequest{
		Amount: dec("70"), Description: "Cargo con banco", OrderID: openpaymx.Some("oid-bank-1")}})
	if err != nil {
		t.Fatal(err)
	}
	if bank.Method.Value != openpaymx.TransactionMethodBankAccount || bank.PaymentMethod == nil || bank.PaymentMethod.CLABE.Value == "" || bank.Card != nil {
		t.Fatalf("SPEI charge = %+v; want method bank_account with a CLABE and no card", bank)
	}

	// A pre-authorized card charge, captured for 90, refunded 40.25.
	card, err := c.Charges.Create(ctx, &openpaymx.ChargeRequest{Card: &openpaymx.CardChargeRequest{
		SourceID: openpaymx.Some("kqgykn96i7bcs1wwhvgw"), DeviceSessionID: openpaymx.Some("kR1MiQhz2otdIuUlQkbEyitIqVMiI16f"),
		Amount: dec("100"), Description: "Cargo inicial", OrderID: openpaymx.Some("oid-card-1"), Capture: openpaymx.Some(false)}})
	if err != nil {
		t.Fatal(err)
	}
	id := card.ID.Value
	if id == "" || card.Method.Value != openpaymx.TransactionMethodCard || card.Card == nil {
		t.Fatalf("card charge = %+v", card)
	}
	captured, err := c.Charges.Capture(ctx, id, &openpaymx.CaptureRequest{Amount: openpaymx.Some(dec("90"))})
	if err != nil {
		t.Fatal(err)
	}
	if order, _ := captured.OrderID.Get(); captured.ID.Value != id || !captured.Amount.Value.Equal(dec("90")) ||
		captured.Status.Value != openpaymx.TransactionStatusCompleted || order != "oid-card-1" {
		t.Fatalf("capture = id %s amount %v status %s order %s; want %s, 90, completed, oid-card-1",
			captured.ID.Value, captured.Amount.Value, captured.Status.Value, order, id)
	}
	refunded, err := c.Charges.Refund(ctx, id, &openpaymx.RefundRequest{Amount: openpaymx.Some(dec("40.25")), Description: openpaymx.Some("devolución")})
	if err != nil {
		t.Fatal(err)
	}
	if refunded.ID.Value != id || !refunded.Amount.Value.Equal(dec("90")) || refunded.Refund == nil ||
		!refunded.Refund.Amount.Value.Equal(dec("40.25")) || refunded.Refund.ID.Value == "" || refunded.Refund.ID.Value == id ||
		refunded.Refund.TransactionType.Value != openpaymx.TransactionTypeRefund {
		t.Fatalf("refund = %+v (refund %+v); want charge %s of 90 with a refund transaction of 40.25", refunded, refunded.Refund, id)
	}
	got, err := c.Charges.Get(ctx, id)
	if err != nil || got.Refund == nil || got.Refund.ID.Value != refunded.Refund.ID.Value {
		t.Fatalf("Get after the refund = %+v, %v; want the stored refund", got, err)
	}
	// The capture of a charge the mock never made is a 404 in Openpay's error shape.
	var te *openpaymx.Error
	if _, err := c.Charges.Capture(ctx, "trzzzzzzzzzzzzzzzzzz", nil); !errors.As(err, &te) || te.ErrorCode != openpaymx.ErrorCodeNotFound {
		t.Fatalf("capture of an unknown charge: %v, want error 1005", err)
	}

	// An order_id sent twice is refused with Openpay's 1006, as its description (unique among all transactions)
	// and the documented 409 say: a retried charge is never made twice.
	_, err = c.Charges.Create(ctx, &openpaymx.ChargeRequest{Bank: &openpaymx.BankChargeRequest{
		Amount: dec("70"), Description: "Cargo con banco", OrderID: openpaymx.Some("oid-bank-1")}})
	var ae409 *openpaymx.APIError
	if !errors.As(err, &ae409) || ae409.StatusCode != http.StatusConflict || !errors.As(err, &te) || te.ErrorCode != openpaymx.ErrorCodeDuplicateOrderID {
		t.Fatalf("the same order_id twice = %v; want a 409 with error 1006", err)
	}
	// "Unique among all transactions": a customer's charge cannot reuse a merchant-level charge's order_id either.
	_, err = c.Customers.Charges.Create(ctx, cust.ID.Value, &openpaymx.ChargeRequest{Store: &openpaymx.StoreChargeRequest{
		Amount: dec("10"), Description: "Cargo con tienda", OrderID: openpaymx.Some("oid-store-1")}})
	if !errors.As(err, &te) || te.ErrorCode != openpaymx.ErrorCodeDuplicateOrderID {
		t.Fatalf("a customer's charge reusing a merchant charge's order_id = %v; want error 1006", err)
	}

	// Reconcile: the order_id filter finds the one charge.
	list, err := c.Charges.List(ctx, &openpaymx.ChargesListParams{OrderID: openpaymx.Some("oid-bank-1")})
	if err != nil || len(list) != 1 || list[0].ID.Value != bank.ID.Value {
		t.Fatalf("List(order_id oid-bank-1) = %d charges, %v; want the bank charge", len(list), err)
	}

	// Declines: the documented 3001, by its name or by the status.
	for _, prefer := range []string{"example=card_declined", "code=402", "code=402, example=card_declined"} {
		_, err := c.Charges.Create(ctx, &openpaymx.ChargeRequest{Card: &openpaymx.CardChargeRequest{
			SourceID: openpaymx.Some("kqgykn96i7bcs1wwhvgw"), Amount: dec("10"), Description: "x"}},
			openpaymx.WithRequestHeader("Prefer", prefer))
		var ae *openpaymx.APIError
		if !errors.As(err, &ae) || ae.StatusCode != http.StatusPaymentRequired || !errors.As(err, &te) ||
			te.ErrorCode != openpaymx.ErrorCodeCardDeclined || !te.ErrorCode.IsDeclined() || te.Category != openpaymx.ErrorCategoryGateway {
			t.Errorf("Prefer: %s = %v; want a 402 gateway error 3001", prefer, err)
		}
	}
	_, err = c.Charges.Create(ctx, &openpaymx.ChargeRequest{Card: &openpaymx.CardChargeRequest{
		SourceID: openpaymx.Some("kqgykn96i7bcs1wwhvgw"), Amount: dec("10"), Description: "x"}},
		openpaymx.WithRequestHeader("Prefer", "example=insufficient_funds"))
	if !errors.As(err, &te) || !te.ErrorCode.IsInsufficientFunds() {
		t.Errorf("Prefer: example=insufficient_funds = %v; want error 3003", err)
	}
	// The declines were not stored.
	if all, err := c.Charges.List(ctx, nil); err != nil || len(all) != 3 {
		t.Errorf("List = %d charges, %v; want the 3 made", len(all), err)
	}
}

// TestFlowOpenpayPE: Openpay Perú, charge -> capture -> refund and a store charge.
func TestFlowOpenpayPE(t *testing.T) {
	ctx := testContext(t)
	srv := mock.NewServer(t, "../specs/openpay-pe.yaml", mock.WithStateful())
	c, err := openpaype.NewClient(openpaype.WithBaseURL(mock.BaseURL(srv, openpayVars)),
		openpaype.WithMerchantID(merchant), openpaype.WithPrivateKey("sk_test_mock"), openpaype.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	dec := openpaype.MustParseDecimal
	card, err := c.Charges.Create(ctx, &openpaype.ChargeRequest{Card: &openpaype.CardChargeRequest{
		SourceID: openpaype.Some("kqgykn96i7bcs1wwhvgw"), DeviceSessionID: openpaype.Some("kR1MiQhz2otdIuUlQkbEyitIqVMiI16f"),
		Amount: dec("100"), Currency: openpaype.Some(openpaype.CurrencyPEN), Description: "Cargo", OrderID: openpaype.Some("pe-1"),
		Capture: openpaype.Some(false)}})
	if err != nil {
		t.Fatal(err)
	}
	id := card.ID.Value
	captured, err := c.Charges.Capture(ctx, id, &openpaype.CaptureRequest{Amount: openpaype.Some(dec("80.50"))})
	if err != nil {
		t.Fatal(err)
	}
	if captured.ID.Value != id || !captured.Amount.Value.Equal(dec("80.50")) || captured.Status.Value != openpaype.ChargeStatusCompleted {
		t.Fatalf("capture = id %s amount %v status %s; want %s, 80.50, completed", captured.ID.Value, captured.Amount.Value, captured.Status.Value, id)
	}
	refunded, err := c.Charges.Refund(ctx, id, &openpaype.RefundRequest{Amount: openpaype.Some(dec("40.25"))})
	if err != nil {
		t.Fatal(err)
	}
	if refunded.ID.Value != id || !refunded.Amount.Value.Equal(dec("80.50")) || refunded.Refund == nil ||
		!refunded.Refund.Amount.Value.Equal(dec("40.25")) || refunded.Refund.ID.Value == id {
		t.Fatalf("refund = %+v; want charge %s of 80.50 with a refund of 40.25", refunded, id)
	}
	// A full refund of another charge is for its whole amount.
	other, err := c.Charges.Create(ctx, &openpaype.ChargeRequest{Card: &openpaype.CardChargeRequest{
		SourceID: openpaype.Some("kqgykn96i7bcs1wwhvgw"), Amount: dec("33.10"), Description: "Cargo"}})
	if err != nil {
		t.Fatal(err)
	}
	full, err := c.Charges.Refund(ctx, other.ID.Value, nil)
	if err != nil || full.Refund == nil || !full.Refund.Amount.Value.Equal(dec("33.10")) {
		t.Fatalf("full refund = %+v, %v; want a refund of 33.10", full, err)
	}

	store, err := c.Charges.Create(ctx, &openpaype.ChargeRequest{Store: &openpaype.StoreChargeRequest{
		Amount: dec("20"), Currency: openpaype.Some(openpaype.CurrencyPEN), Description: "Cargo en tienda", OrderID: openpaype.Some("pe-2")}})
	if err != nil {
		t.Fatal(err)
	}
	if store.Method.Value != "store" || store.Card != nil {
		t.Fatalf("store charge = %+v; want a store charge without a card", store)
	}
	if list, err := c.Charges.List(ctx, &openpaype.ChargesListParams{OrderID: openpaype.Some("pe-2")}); err != nil || len(list) != 1 || list[0].ID.Value != store.ID.Value {
		t.Fatalf("List(order_id pe-2) = %d, %v; want the store charge", len(list), err)
	}
	// Peru answers errors with a default response whose codes include 1006 (409 Conflict): an order_id sent twice
	// is refused.
	_, err = c.Charges.Create(ctx, &openpaype.ChargeRequest{Store: &openpaype.StoreChargeRequest{
		Amount: dec("20"), Currency: openpaype.Some(openpaype.CurrencyPEN), Description: "Cargo en tienda", OrderID: openpaype.Some("pe-2")}})
	var dup *openpaype.Error
	if !errors.As(err, &dup) || dup.ErrorCode != openpaype.ErrorCodeDuplicateOrderID || dup.HTTPCode != 409 {
		t.Fatalf("the same order_id twice = %v; want 409 error 1006", err)
	}
	_, err = c.Charges.Create(ctx, &openpaype.ChargeRequest{Card: &openpaype.CardChargeRequest{
		SourceID: openpaype.Some("kqgykn96i7bcs1wwhvgw"), Amount: dec("10"), Description: "x"}},
		openpaype.WithRequestHeader("Prefer", "code=402"))
	var te *openpaype.Error
	if !errors.As(err, &te) || te.ErrorCode != openpaype.ErrorCodeCardDeclined {
		t.Errorf("Prefer: code=402 = %v; want error 3001", err)
	}
}

// TestFlowOpenpayCO: Colombia documents no charge answer: the charge is synthesized (in its first status) and its
// refund is the `refund` object the action is named after, with the amount refunded.
func TestFlowOpenpayCO(t *testing.T) {
	ctx := testContext(t)
	srv := mock.NewServer(t, "../specs/openpay-co.yaml", mock.WithStateful())
	c, err := openpayco.NewClient(openpayco.WithBaseURL(mock.BaseURL(srv, openpayVars)),
		openpayco.WithMerchantID(merchant), openpayco.WithPrivateKey("sk_test_mock"), openpayco.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	dec := openpayco.MustParseDecimal
	charge, err := c.Charges.Create(ctx, &openpayco.ChargeRequest{Card: &openpayco.CardChargeRequest{
		SourceID: "kdx205scoizh93upqbte", DeviceSessionID: "kR1MiQhz2otdIuUlQkbEyitIqVMiI16f", Amount: dec("200"),
		Currency: openpayco.Some(openpayco.CardChargeRequestCurrencyCOP), Description: "Cargo", OrderID: openpayco.Some("co-1")}})
	if err != nil {
		t.Fatal(err)
	}
	id := charge.ID.Value
	if !charge.Amount.Value.Equal(dec("200")) || charge.Status.Value != openpayco.ChargeStatusInProgress {
		t.Fatalf("charge = %+v; want 200 in_progress", charge)
	}
	refunded, err := c.Charges.Refund(ctx, id, &openpayco.RefundRequest{Amount: openpayco.Some(dec("40.25"))})
	if err != nil {
		t.Fatal(err)
	}
	if refunded.ID.Value != id || !refunded.Amount.Value.Equal(dec("200")) || refunded.Refund == nil ||
		!refunded.Refund.Amount.Value.Equal(dec("40.25")) || refunded.Refund.ID.Value == "" {
		t.Fatalf("refund = %+v (refund %+v); want charge %s of 200 with a refund of 40.25", refunded, refunded.Refund, id)
	}
	if list, err := c.Charges.List(ctx, &openpayco.ChargesListParams{OrderID: openpayco.Some("co-1")}); err != nil || len(list) != 1 {
		t.Fatalf("List(order_id co-1) = %d, %v; want the charge", len(list), err)
	}
}

// TestFlowCulqi: a charge created with capture false answers 201 (not the 3-D Secure 200), is captured (same
// id, capture true) and refunded; a decline is the documented card_declined.
func TestFlowCulqi(t *testing.T) {
	ctx := testContext(t)
	srv := mock.NewServer(t, "../specs/culqi.yaml", mock.WithStateful())
	c, err := culqi.NewClient(culqi.WithBaseURL(mock.BaseURL(srv, nil)), culqi.WithSecretKey("sk_test_mock"),
		culqi.WithPublicKey("pk_test_mock"), culqi.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	var info culqi.ResponseInfo
	charge, err := c.Charges.Create(ctx, &culqi.ChargesCreateParams{ChargeRequest: culqi.ChargeRequest{Amount: 10000,
		CurrencyCode: culqi.CurrencyPEN, Email: "richard@piedpiper.com", SourceID: "tkn_test_0CjjdWhFpEAZlxlz",
		Capture: culqi.Some(false)}}, culqi.WithResponseInfo(&info))
	if err != nil {
		t.Fatal(err)
	}
	if info.StatusCode != http.StatusCreated || charge.ID == "" || charge.Capture.Value || charge.Amount.Value != 10000 || charge.CurrentAmount.Value != 10000 {
		t.Fatalf("create = %d %+v; want 201, a fresh id, capture false, 10000", info.StatusCode, charge)
	}
	captured, err := c.Charges.Capture(ctx, charge.ID)
	if err != nil {
		t.Fatal(err)
	}
	if captured.ID != charge.ID || !captured.Capture.Value || captured.Amount.Value != 10000 || captured.Email.Value != "richard@piedpiper.com" {
		t.Fatalf("capture = %+v; want %s with capture true", captured, charge.ID)
	}
	if got, err := c.Charges.Get(ctx, charge.ID); err != nil || !got.Capture.Value {
		t.Fatalf("Get after capture = %+v, %v; want capture true", got, err)
	}
	refund, err := c.Refunds.Create(ctx, &culqi.RefundRequest{Amount: 4025, ChargeID: charge.ID, Reason: culqi.RefundReasonSolicitudComprador})
	if err != nil {
		t.Fatal(err)
	}
	if refund.ID == "" || refund.Amount.Value != 4025 || refund.ChargeID.Value != charge.ID {
		t.Fatalf("refund = %+v; want 4025 for %s", refund, charge.ID)
	}
	if got, err := c.Refunds.Get(ctx, refund.ID); err != nil || got.Amount.Value != 4025 {
		t.Fatalf("Refunds.Get = %+v, %v", got, err)
	}
	// The refund lowers the charge it names (the spec's x-opgen-mock-effect: current_amount is the amount minus
	// refunds).
	if got, err := c.Charges.Get(ctx, charge.ID); err != nil || got.AmountRefunded.Value != 4025 || got.CurrentAmount.Value != 10000-4025 {
		t.Fatalf("charge after the refund = %+v, %v; want amount_refunded 4025 and current_amount 5975", got, err)
	}
	var nf *culqi.APIError
	if _, err := c.Refunds.Create(ctx, &culqi.RefundRequest{Amount: 100, ChargeID: "chr_test_zzzzzzzzzzzzzzzz", Reason: culqi.RefundReasonSolicitudComprador}); !errors.As(err, &nf) || nf.StatusCode != http.StatusNotFound {
		t.Fatalf("refund of an unknown charge = %v; want a 404", err)
	}
	if _, err := c.Charges.Capture(ctx, "chr_test_zzzzzzzzzzzzzzzz"); err == nil {
		t.Fatal("capture of an unknown charge succeeded")
	}
	// 3-D Secure: the documented 200 review answer (asked for with Prefer), then the same charge with the
	// authentication result is created (201) and stored.
	review, err := c.Charges.Create(ctx, &culqi.ChargesCreateParams{ChargeRequest: culqi.ChargeRequest{Amount: 5000,
		CurrencyCode: culqi.CurrencyPEN, Email: "richard@piedpiper.com", SourceID: "tkn_test_0CjjdWhFpEAZlxlz"}},
		culqi.WithRequestHeader("Prefer", "code=200"), culqi.WithResponseInfo(&info))
	if err != nil || info.StatusCode != http.StatusOK || review.ActionCode.Value != "REVIEW" {
		t.Fatalf("Prefer: code=200 = %d %+v, %v; want 200 with action_code REVIEW", info.StatusCode, review, err)
	}
	authed, err := c.Charges.Create(ctx, &culqi.ChargesCreateParams{ChargeRequest: culqi.ChargeRequest{Amount: 5000,
		CurrencyCode: culqi.CurrencyPEN, Email: "richard@piedpiper.com", SourceID: "tkn_test_0CjjdWhFpEAZlxlz",
		Authentication3DS: &culqi.Authentication3DS{Eci: culqi.Some("05"), Xid: culqi.Some("Y2FyZGluYWxjb21tZXJjZWF1dGg="),
			Cavv: culqi.Some("AAABAWFlmQAAAABjRWWZEEFgFz+="), ProtocolVersion: culqi.Some("2.1.0")}}}, culqi.WithResponseInfo(&info))
	if err != nil || info.StatusCode != http.StatusCreated || authed.ActionCode.IsSet() {
		t.Fatalf("charge with 3-D Secure = %d %+v, %v; want 201 created", info.StatusCode, authed, err)
	}
	if got, err := c.Charges.Get(ctx, authed.ID); err != nil || got.Amount.Value != 5000 {
		t.Fatalf("Get(%s) = %+v, %v", authed.ID, got, err)
	}
	for _, prefer := range []string{"code=402", "example=card_declined"} {
		_, err = c.Charges.Create(ctx, &culqi.ChargesCreateParams{ChargeRequest: culqi.ChargeRequest{Amount: 10000,
			CurrencyCode: culqi.CurrencyPEN, Email: "richard@piedpiper.com", SourceID: "tkn_test_0CjjdWhFpEAZlxlz"}},
			culqi.WithRequestHeader("Prefer", prefer))
		var te *culqi.Error
		if !errors.As(err, &te) || te.Type != culqi.ErrorTypeCardError || te.Code.Value != "card_declined" {
			t.Errorf("Prefer: %s = %v; want the documented card_declined", prefer, err)
		}
	}
	// Any documented decline code by its name: the documented 402 with that decline_code and its description.
	_, err = c.Charges.Create(ctx, &culqi.ChargesCreateParams{ChargeRequest: culqi.ChargeRequest{Amount: 10000,
		CurrencyCode: culqi.CurrencyPEN, Email: "richard@piedpiper.com", SourceID: "tkn_test_0CjjdWhFpEAZlxlz"}},
		culqi.WithRequestHeader("Prefer", "example=stolen_card"))
	var ae *culqi.APIError
	var te *culqi.Error
	if !errors.As(err, &ae) || ae.StatusCode != http.StatusPaymentRequired || !errors.As(err, &te) ||
		te.DeclineCode.Value != culqi.DeclineCodeStolenCard || !te.DeclineCode.Value.IsFraud() || te.Type != culqi.ErrorTypeCardError {
		t.Errorf("Prefer: example=stolen_card = %v; want a 402 card_error with decline_code stolen_card", err)
	}
}

// TestFlowSky3DSecure: the direct charge is rejected with 3005 (asked for with Prefer), the same charge with 3-D
// Secure succeeds in charge_pending with the redirect URL, is stored, and is refunded.
func TestFlowSky3DSecure(t *testing.T) {
	ctx := testContext(t)
	srv := mock.NewServer(t, "../specs/sky.yaml", mock.WithStateful())
	c, err := sky.NewClient(sky.WithBaseURL(mock.BaseURL(srv, openpayVars)), sky.WithMerchantID(merchant),
		sky.WithPrivateKey("sk_test_mock"), sky.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	req := &sky.CreateChargeRequest{
		Method:      sky.CreateChargeRequestMethodCard,
		SourceID:    sky.Some("k570iqqwzrnxitxm4bkq"),
		Amount:      sky.MustParseDecimal("20"),
		Currency:    sky.CurrencyUSD,
		Description: "B4JOW6 ABC-DEF",
		Customer:    sky.Customer{Name: "Eli", Email: "eli.lopez@openpay.mx"},
		Provider:    sky.ChargeProvider{Data: sky.ChargeProviderData{PointOfSale: sky.Some(sky.PointOfSaleWebRetail)}},
	}
	_, err = c.Charges.Create(ctx, req, sky.WithRequestHeader("Prefer", "code=402"))
	var te *sky.Error
	if !errors.As(err, &te) || te.ErrorCode != sky.ErrorCodeCardFraudulent || !te.ErrorCode.IsRetryWith3DSecure() {
		t.Fatalf("direct charge with Prefer: code=402 = %v; want the documented 3005", err)
	}

	req.Provider.Data.Use3DSecure = sky.Some(true)
	req.Provider.Data.URLSuccess = sky.Some("https://shop.example/back")
	req.Provider.Data.BrowserInfo = &sky.BrowserInfo{AcceptHeader: "text/html", UserAgent: "Mozilla/5.0"}
	tx, err := c.Charges.Create(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if tx.Status != sky.TransactionStatusChargePending || tx.PaymentMethod == nil || tx.PaymentMethod.URL.Value == "" || !tx.Amount.Equal(sky.MustParseDecimal("20")) {
		t.Fatalf("3-D Secure retry = %+v; want charge_pending with the redirect URL, amount 20", tx)
	}
	got, err := c.Charges.Get(ctx, tx.ID)
	if err != nil || got.ID != tx.ID || got.Status != sky.TransactionStatusChargePending {
		t.Fatalf("Get(%s) = %+v, %v; want the stored charge_pending charge", tx.ID, got, err)
	}
	refunded, err := c.Charges.Refund(ctx, tx.ID, &sky.RefundRequest{Amount: sky.Some(sky.MustParseDecimal("5.50"))})
	if err != nil {
		t.Fatal(err)
	}
	if refunded.ID != tx.ID || refunded.Refund == nil || !refunded.Refund.Amount.Equal(sky.MustParseDecimal("5.50")) ||
		!refunded.Amount.Equal(sky.MustParseDecimal("20")) {
		t.Fatalf("refund = %+v; want %s of 20 with a refund of 5.50", refunded, tx.ID)
	}

	// A plain direct charge (no 3-D Secure) gets the documented direct answer, completed.
	req.Provider.Data.Use3DSecure, req.Provider.Data.URLSuccess, req.Provider.Data.BrowserInfo = sky.Opt[bool]{}, sky.Opt[string]{}, nil
	req.OrderID = sky.Some("B4JOW6-1")
	direct, err := c.Charges.Create(ctx, req)
	if err != nil || direct.Status != sky.TransactionStatusCompleted {
		t.Fatalf("direct charge = %+v, %v; want completed", direct, err)
	}
}
