package sdktest

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/opgen-sdk/opgen/generated/culqi"
	"github.com/opgen-sdk/opgen/generated/openpayco"
	"github.com/opgen-sdk/opgen/generated/openpaymx"
	"github.com/opgen-sdk/opgen/generated/openpaype"
	"github.com/opgen-sdk/opgen/generated/sky"
)

// amountCase is one request of one SDK: field is the JSON path a *ValidationError must name ("" = the request is
// valid and is sent).
type amountCase struct {
	name  string
	call  func(ctx context.Context, base string) error
	op    string
	field string
	why   string
}

// TestAmountsPerCurrency: each SDK refuses, before sending, an amount its currency cannot carry (10.999 in MXN,
// PEN, COP or USD; 120000.50 in CLP) and a required amount left at zero, and sends the same request with a
// valid amount. The checks are exact on the Decimal's digits (10.990 is 10.99).
func TestAmountsPerCurrency(t *testing.T) {
	d := func(s string) openpaymx.Decimal { return openpaymx.MustParseDecimal(s) }
	mxCharge := func(amount string) func(context.Context, string) error {
		return func(ctx context.Context, base string) error {
			c, err := openpaymx.NewClient(openpaymx.WithBaseURL(base), openpaymx.WithMerchantID("m1"), openpaymx.WithPrivateKey("sk_test"))
			if err != nil {
				return err
			}
			_, err = c.Charges.Create(ctx, &openpaymx.ChargeRequest{Card: &openpaymx.CardChargeRequest{
				Amount: d(amount), Description: "d", SourceID: openpaymx.Some("tok"), DeviceSessionID: openpaymx.Some("s")}})
			return err
		}
	}
	mxRefund := func(amount string) func(context.Context, string) error {
		return func(ctx context.Context, base string) error {
			c, err := openpaymx.NewClient(openpaymx.WithBaseURL(base), openpaymx.WithMerchantID("m1"), openpaymx.WithPrivateKey("sk_test"))
			if err != nil {
				return err
			}
			_, err = c.Charges.Refund(ctx, "tr1", &openpaymx.RefundRequest{Amount: openpaymx.Some(d(amount))})
			return err
		}
	}
	peCharge := func(amount string, cur openpaype.Currency) func(context.Context, string) error {
		return func(ctx context.Context, base string) error {
			c, err := openpaype.NewClient(openpaype.WithBaseURL(base), openpaype.WithMerchantID("m1"), openpaype.WithPrivateKey("sk_test"))
			if err != nil {
				return err
			}
			req := &openpaype.CardChargeRequest{Amount: openpaype.MustParseDecimal(amount), Description: "d", SourceID: openpaype.Some("tok")}
			if cur != "" {
				req.Currency = openpaype.Some(cur)
			}
			_, err = c.Charges.Create(ctx, &openpaype.ChargeRequest{Card: req})
			return err
		}
	}
	coCharge := func(amount, iva string) func(context.Context, string) error {
		return func(ctx context.Context, base string) error {
			c, err := openpayco.NewClient(openpayco.WithBaseURL(base), openpayco.WithMerchantID("m1"), openpayco.WithPrivateKey("sk_test"))
			if err != nil {
				return err
			}
			req := &openpayco.CardChargeRequest{Amount: openpayco.MustParseDecimal(amount), Description: "d", SourceID: "tok", DeviceSessionID: "s"}
			if iva != "" {
				req.IVA = openpayco.Some(openpayco.DecimalString{Decimal: openpayco.MustParseDecimal(iva)})
			}
			_, err = c.Charges.Create(ctx, &openpayco.ChargeRequest{Card: req})
			return err
		}
	}
	skyCharge := func(amount string, cur sky.Currency) func(context.Context, string) error {
		return func(ctx context.Context, base string) error {
			c, err := sky.NewClient(sky.WithBaseURL(base), sky.WithMerchantID("m1"), sky.WithPrivateKey("sk_test"))
			if err != nil {
				return err
			}
			_, err = c.Charges.Create(ctx, &sky.CreateChargeRequest{Amount: sky.MustParseDecimal(amount), Currency: cur, Description: "d"})
			return err
		}
	}
	skyShares := func(amount string, cur sky.Currency) func(context.Context, string) error {
		return func(ctx context.Context, base string) error {
			c, err := sky.NewClient(sky.WithBaseURL(base), sky.WithMerchantID("m1"), sky.WithPrivateKey("sk_test"))
			if err != nil {
				return err
			}
			_, err = c.Tokens.Shares.Create(ctx, "tok", &sky.SharesRequest{Amount: sky.MustParseDecimal(amount), Currency: cur, Shares: []int32{3}})
			return err
		}
	}
	culqiRefund := func(amount int64) func(context.Context, string) error {
		return func(ctx context.Context, base string) error {
			c, err := culqi.NewClient(culqi.WithBaseURL(base), culqi.WithSecretKey("sk_test"))
			if err != nil {
				return err
			}
			_, err = c.Refunds.Create(ctx, &culqi.RefundRequest{Amount: amount, ChargeID: "chr_test_1", Reason: culqi.RefundReasonSolicitudComprador})
			return err
		}
	}
	cases := []amountCase{
		{"openpaymx MXN 10.99", mxCharge("10.99"), "", "", ""},
		{"openpaymx MXN 10.990 is 10.99", mxCharge("10.990"), "", "", ""},
		{"openpaymx MXN 10.999", mxCharge("10.999"), "Charges.Create", "amount", "multiple of 0.01"},
		{"openpaymx zero amount", mxCharge("0"), "Charges.Create", "amount", "greater than 0"},
		{"openpaymx refund 0.005", mxRefund("0.005"), "Charges.Refund", "amount", "multiple of 0.01"},
		{"openpaype PEN by default 10.999", peCharge("10.999", ""), "Charges.Create", "amount", "PEN allows (2)"},
		{"openpaype USD 10.999", peCharge("10.999", openpaype.CurrencyUSD), "Charges.Create", "amount", "USD allows (2)"},
		{"openpaype USD 10.99", peCharge("10.99", openpaype.CurrencyUSD), "", "", ""},
		{"openpaype zero amount", peCharge("0.00", openpaype.CurrencyPEN), "Charges.Create", "amount", "greater than 0"},
		{"openpayco COP 10.999", coCharge("10.999", ""), "Charges.Create", "amount", "multiple of 0.01"},
		{"openpayco COP IVA 1.005", coCharge("10000", "1.005"), "Charges.Create", "iva", "multiple of 0.01"},
		{"openpayco COP 10000 with IVA 1900", coCharge("10000", "1900"), "", "", ""},
		{"sky CLP 120000.50", skyCharge("120000.50", sky.CurrencyCLP), "Charges.Create", "amount", "CLP amounts take none"},
		{"sky CLP by default 120000.50", skyCharge("120000.50", ""), "Charges.Create", "amount", "CLP amounts take none"},
		{"sky CLP 120000", skyCharge("120000", sky.CurrencyCLP), "", "", ""},
		{"sky USD 10.50", skyCharge("10.50", sky.CurrencyUSD), "", "", ""},
		{"sky USD 10.999", skyCharge("10.999", sky.CurrencyUSD), "Charges.Create", "amount", "USD allows (2)"},
		{"sky shares CLP 120000.5", skyShares("120000.5", sky.CurrencyCLP), "Tokens.Shares.Create", "amount", "CLP amounts take none"},
		{"culqi refund of 0 céntimos", culqiRefund(0), "Refunds.Create", "amount", "at least 1"},
		{"culqi refund of 100 céntimos", culqiRefund(100), "", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var hits atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(`{"id":"x"}`))
			}))
			defer srv.Close()
			err := tc.call(context.Background(), srv.URL)
			f, op, isValidation := validationField(err)
			if tc.field == "" {
				if isValidation || hits.Load() != 1 {
					t.Fatalf("err = %v, %d requests; want the request sent", err, hits.Load())
				}
				return
			}
			if !isValidation {
				t.Fatalf("err = %T %v, want a *ValidationError", err, err)
			}
			if f != tc.field || op != tc.op || !strings.Contains(err.Error(), tc.why) {
				t.Errorf("err = %q (field %q, operation %q), want field %q of %s: %s", err, f, op, tc.field, tc.op, tc.why)
			}
			if hits.Load() != 0 {
				t.Errorf("%d requests reached the server; a refused amount is never sent", hits.Load())
			}
		})
	}
}

// validationField returns the Field and Operation of whichever SDK's *ValidationError err holds.
func validationField(err error) (field, op string, ok bool) {
	var a *openpaymx.ValidationError
	var b *openpaype.ValidationError
	var c *openpayco.ValidationError
	var s *sky.ValidationError
	var q *culqi.ValidationError
	switch {
	case errors.As(err, &a):
		return a.Field, a.Operation, true
	case errors.As(err, &b):
		return b.Field, b.Operation, true
	case errors.As(err, &c):
		return c.Field, c.Operation, true
	case errors.As(err, &s):
		return s.Field, s.Operation, true
	case errors.As(err, &q):
		return q.Field, q.Operation, true
	}
	return "", "", false
}
