package sdktest

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"testing"

	"github.com/opgen-sdk/opgen/generated/culqi"
	"github.com/opgen-sdk/opgen/generated/openpayco"
	"github.com/opgen-sdk/opgen/generated/openpaymx"
	"github.com/opgen-sdk/opgen/generated/openpaype"
	"github.com/opgen-sdk/opgen/generated/sky"
)

// openpayError is what a decline handler reads from one Openpay SDK's error: the typed body's code and its
// helpers, and the request id the APIError carries.
type openpayError struct {
	code                          int64
	known                         bool
	declined, insufficient, fraud bool
	requestID                     string
	status                        int
}

// openpayErrorSDK calls Charges.Get of one Openpay SDK against base and reads the error the way the README's
// decline handler does.
type openpayErrorSDK struct {
	name      string
	errorType reflect.Type
	codes     func() []int64
	get       func(base string) (openpayError, bool)
}

func openpayErrorSDKs() []openpayErrorSDK {
	ctx := context.Background()
	return []openpayErrorSDK{
		{
			name: "openpaymx", errorType: reflect.TypeFor[openpaymx.Error](),
			codes: func() []int64 { return codesOf(openpaymx.ErrorCode(0).Values()) },
			get: func(base string) (openpayError, bool) {
				c, err := openpaymx.NewClient(openpaymx.WithBaseURL(base), openpaymx.WithMerchantID(merchant), openpaymx.WithPrivateKey("sk_test"), openpaymx.WithMaxRetries(0))
				if err != nil {
					panic(err)
				}
				_, err = c.Charges.Get(ctx, "tr_1")
				var ae *openpaymx.APIError
				var e *openpaymx.Error
				if !errors.As(err, &ae) || !errors.As(err, &e) {
					return openpayError{}, false
				}
				return openpayError{int64(e.ErrorCode), e.ErrorCode.Valid(), e.ErrorCode.IsDeclined(), e.ErrorCode.IsInsufficientFunds(), e.ErrorCode.IsFraud(), ae.RequestID, ae.StatusCode}, true
			},
		},
		{
			name: "openpaype", errorType: reflect.TypeFor[openpaype.Error](),
			codes: func() []int64 { return codesOf(openpaype.ErrorCode(0).Values()) },
			get: func(base string) (openpayError, bool) {
				c, err := openpaype.NewClient(openpaype.WithBaseURL(base), openpaype.WithMerchantID(merchant), openpaype.WithPrivateKey("sk_test"), openpaype.WithMaxRetries(0))
				if err != nil {
					panic(err)
				}
				_, err = c.Charges.Get(ctx, "tr_1")
				var ae *openpaype.APIError
				var e *openpaype.Error
				if !errors.As(err, &ae) || !errors.As(err, &e) {
					return openpayError{}, false
				}
				return openpayError{int64(e.ErrorCode), e.ErrorCode.Valid(), e.ErrorCode.IsDeclined(), e.ErrorCode.IsInsufficientFunds(), e.ErrorCode.IsFraud(), ae.RequestID, ae.StatusCode}, true
			},
		},
		{
			name: "openpayco", errorType: reflect.TypeFor[openpayco.Error](),
			codes: func() []int64 { return codesOf(openpayco.ErrorCode(0).Values()) },
			get: func(base string) (openpayError, bool) {
				c, err := openpayco.NewClient(openpayco.WithBaseURL(base), openpayco.WithMerchantID(merchant), openpayco.WithPrivateKey("sk_test"), openpayco.WithMaxRetries(0))
				if err != nil {
					panic(err)
				}
				_, err = c.Charges.Get(ctx, "tr_1")
				var ae *openpayco.APIError
				var e *openpayco.Error
				if !errors.As(err, &ae) || !errors.As(err, &e) {
					return openpayError{}, false
				}
				return openpayError{int64(e.ErrorCode), e.ErrorCode.Valid(), e.ErrorCode.IsDeclined(), e.ErrorCode.IsInsufficientFunds(), e.ErrorCode.IsFraud(), ae.RequestID, ae.StatusCode}, true
			},
		},
		{
			name: "sky", errorType: reflect.TypeFor[sky.Error](),
			codes: func() []int64 { return codesOf(sky.ErrorCode(0).Values()) },
			get: func(base string) (openpayError, bool) {
				c, err := sky.NewClient(sky.WithBaseURL(base), sky.WithMerchantID(merchant), sky.WithPrivateKey("sk_test"), sky.WithMaxRetries(0))
				if err != nil {
					panic(err)
				}
				_, err = c.Charges.Get(ctx, "tr_1")
				var ae *sky.APIError
				var e *sky.Error
				if !errors.As(err, &ae) || !errors.As(err, &e) {
					return openpayError{}, false
				}
				return openpayError{int64(e.ErrorCode), e.ErrorCode.Valid(), e.ErrorCode.IsDeclined(), e.ErrorCode.IsInsufficientFunds(), e.ErrorCode.IsFraud(), ae.RequestID, ae.StatusCode}, true
			},
		},
	}
}

func codesOf[T ~int64](vs []T) []int64 {
	out := make([]int64, len(vs))
	for i, v := range vs {
		out[i] = int64(v)
	}
	return out
}

// TestOpenpayErrorModel: Mexico, Peru, Colombia and Sky run on one platform, so their error bodies have one
// shape, one code list (with 2009, which only Peru's table lists) and the same helpers; a code no table lists
// still decodes and is told apart by Valid; the request id Openpay puts in the body reaches APIError.RequestID.
func TestOpenpayErrorModel(t *testing.T) {
	sdks := openpayErrorSDKs()
	shape := func(rt reflect.Type) []string {
		var fs []string
		for i := range rt.NumField() {
			f := rt.Field(i)
			fs = append(fs, f.Name+" "+f.Type.Kind().String()+" "+f.Type.Name()+" "+string(f.Tag))
		}
		return fs
	}
	ref := sdks[0]
	for _, s := range sdks[1:] {
		if got, want := shape(s.errorType), shape(ref.errorType); !slices.Equal(got, want) {
			t.Errorf("%s.Error has fields\n%q\nwant those of %s.Error\n%q", s.name, got, ref.name, want)
		}
		if got, want := s.codes(), ref.codes(); !slices.Equal(got, want) {
			t.Errorf("%s.ErrorCode lists %v, want %s's %v", s.name, got, ref.name, want)
		}
	}
	for _, s := range sdks {
		if !slices.Contains(s.codes(), 2009) {
			t.Errorf("%s.ErrorCode lacks 2009 (CVV2 not valid)", s.name)
		}
	}

	cases := []struct {
		name string
		body string
		want openpayError
	}{
		{"declined", `{"category":"gateway","description":"The card was declined","http_code":402,"error_code":3001,"request_id":"req-3001"}`,
			openpayError{code: 3001, known: true, declined: true, requestID: "req-3001", status: 402}},
		{"insufficient funds", `{"category":"gateway","description":"The card has insufficient funds","http_code":402,"error_code":3003,"request_id":"req-3003"}`,
			openpayError{code: 3003, known: true, declined: true, insufficient: true, requestID: "req-3003", status: 402}},
		{"fraud", `{"category":"gateway","description":"The card was declined (k)","http_code":402,"error_code":3005,"request_id":"req-3005"}`,
			openpayError{code: 3005, known: true, declined: true, fraud: true, requestID: "req-3005", status: 402}},
		{"unlisted code", `{"category":"gateway","description":"Something new","http_code":402,"error_code":3999,"request_id":"req-3999"}`,
			openpayError{code: 3999, requestID: "req-3999", status: 402}},
		{"not found, no request id", `{"category":"request","description":"not found","http_code":404,"error_code":1005}`,
			openpayError{code: 1005, known: true, status: 404}},
	}
	for _, c := range cases {
		status := 402
		if c.want.status != 0 {
			status = c.want.status
		}
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			_, _ = w.Write([]byte(c.body))
		}))
		for _, s := range sdks {
			got, ok := s.get(srv.URL)
			if !ok {
				t.Errorf("%s %s: the error is not an *APIError with a typed Error body", s.name, c.name)
				continue
			}
			if got != c.want {
				t.Errorf("%s %s: read %+v, want %+v", s.name, c.name, got, c.want)
			}
		}
		srv.Close()
	}
}

// TestSkyRetryWith3DSecure: Sky's document names 3005 as the risk rejection after which a direct charge may be
// sent again with 3-D Secure; the helper says so and no other code does.
func TestSkyRetryWith3DSecure(t *testing.T) {
	for _, v := range sky.ErrorCode(0).Values() {
		if got, want := v.IsRetryWith3DSecure(), v == sky.ErrorCodeCardFraudulent; got != want {
			t.Errorf("ErrorCode(%d).IsRetryWith3DSecure() = %v, want %v", v, got, want)
		}
	}
	if sky.ErrorCodeCardFraudulent != 3005 || openpaymx.ErrorCodeCardDeclined != 3001 || openpaype.ErrorCodeInvalidCVV != 2009 ||
		openpayco.ErrorCodeInsufficientFunds != 3003 {
		t.Error("named error-code constants do not carry the documents' codes")
	}
}

// TestCulqiErrorModel: Culqi's error types and bank decline codes are named constants with the same helpers as
// Openpay's (IsFraud, IsInsufficientFunds); an unlisted decline code still decodes; the tracking id header is
// the request id.
func TestCulqiErrorModel(t *testing.T) {
	cases := []struct {
		body                string
		decline             culqi.DeclineCode
		known, fraud, funds bool
	}{
		{`{"object":"error","type":"card_error","code":"card_declined","decline_code":"stolen_card","merchant_message":"Tarjeta robada","user_message":"x"}`, culqi.DeclineCodeStolenCard, true, true, false},
		{`{"object":"error","type":"card_error","code":"card_declined","decline_code":"insufficient_funds","merchant_message":"Sin fondos","user_message":"x"}`, culqi.DeclineCodeInsufficientFunds, true, false, true},
		{`{"object":"error","type":"card_error","code":"card_declined","decline_code":"brand_new_reason","merchant_message":"?","user_message":"x"}`, "brand_new_reason", false, false, false},
	}
	for _, c := range cases {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("X-Culqi-Tracking-Id", "trk-1")
			w.WriteHeader(http.StatusPaymentRequired)
			_, _ = w.Write([]byte(c.body))
		}))
		client, err := culqi.NewClient(culqi.WithBaseURL(srv.URL), culqi.WithSecretKey("sk_test_x"), culqi.WithMaxRetries(0))
		if err != nil {
			t.Fatal(err)
		}
		_, err = client.Charges.Get(context.Background(), "chr_test_1")
		srv.Close()
		var ae *culqi.APIError
		var e *culqi.Error
		if !errors.As(err, &ae) || !errors.As(err, &e) {
			t.Fatalf("%s: got %v, want an *APIError with a culqi.Error body", c.decline, err)
		}
		if e.Type != culqi.ErrorTypeCardError || e.DeclineCode == nil || *e.DeclineCode != c.decline || ae.RequestID != "trk-1" {
			t.Errorf("%s: read type %q, decline %v, request id %q", c.decline, e.Type, e.DeclineCode, ae.RequestID)
			continue
		}
		d := *e.DeclineCode
		if d.Valid() != c.known || d.IsFraud() != c.fraud || d.IsInsufficientFunds() != c.funds {
			t.Errorf("%s: Valid %v IsFraud %v IsInsufficientFunds %v, want %v %v %v", d, d.Valid(), d.IsFraud(), d.IsInsufficientFunds(), c.known, c.fraud, c.funds)
		}
	}
}
