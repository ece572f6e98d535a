package clientbench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/opgen-sdk/opgen/bench/client/ogenmx"
	"github.com/opgen-sdk/opgen/generated/openpaymx"
)

// chargeJSON is the completed card charge of the spec's createCharge example (specs/openpay-mx.yaml).
const chargeJSON = `{"id":"trzjaozcik8msyqshka4","amount":100.0,"authorization":"801585","method":"card","operation_type":"in",` +
	`"transaction_type":"charge","card":{"id":"kqgykn96i7bcs1wwhvgw","type":"debit","brand":"visa","address":null,` +
	`"card_number":"411111XXXXXX1111","holder_name":"Juan Perez Ramirez","expiration_year":"20","expiration_month":"12",` +
	`"allows_charges":true,"allows_payouts":true,"creation_date":"2014-05-26T11:02:16-05:00","bank_name":"Banamex",` +
	`"bank_code":"002","customer_id":"ag4nktpdzebjiye1tlze"},"status":"completed","currency":"MXN",` +
	`"creation_date":"2014-05-26T11:02:45-05:00","operation_date":"2014-05-26T11:02:45-05:00",` +
	`"description":"Cargo inicial a mi cuenta","error_message":null,"order_id":"oid-00051"}`

const (
	merchant = "m1234567890"
	key      = "sk_test_key"
	listSize = 50
)

// newServer serves canned bytes: the charge for POST .../charges, 50 charges (ids differ) for GET .../charges.
// It reads every request body to the end and checks the method, the path and that credentials were sent; its
// own cost is the same whichever client calls it.
func newServer(tb testing.TB) *httptest.Server {
	var list bytes.Buffer
	list.WriteByte('[')
	for i := range listSize {
		if i > 0 {
			list.WriteByte(',')
		}
		list.WriteString(strings.Replace(chargeJSON, "trzjaozcik8msyqshka4", fmt.Sprintf("trzjaozcik8msyqsh%03d", i), 1))
	}
	list.WriteByte(']')
	one, many := []byte(chargeJSON), list.Bytes()
	path := "/v1/" + merchant + "/charges"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		if r.URL.Path != path || r.Header.Get("Authorization") == "" {
			http.Error(w, `{"http_code":404}`, http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		switch r.Method {
		case http.MethodPost:
			w.Write(one)
		case http.MethodGet:
			w.Write(many)
		default:
			w.WriteHeader(http.StatusMethodNotAllowed)
		}
	}))
	tb.Cleanup(srv.Close)
	return srv
}

// impl is one client under test: create returns the charge id, list the number of charges.
type impl struct {
	name   string
	create func(ctx context.Context) (string, error)
	list   func(ctx context.Context) (int, error)
}

func impls(tb testing.TB, srv *httptest.Server) []impl {
	base := srv.URL + "/v1/" + merchant

	floor := &FloorClient{BaseURL: base, Key: key, HTTP: srv.Client()}
	floorReq := &FloorChargeRequest{
		Method: "card", SourceID: "kqgykn96i7bcs1wwhvgw", Amount: 100, Description: "Cargo inicial a mi cuenta",
		OrderID: "oid-00051", DeviceSessionID: "kR1MiQhz2otdIuUlQkbEyitIqVMiI16f",
		Customer: &FloorCustomer{Name: "Juan", LastName: "Vazquez Juarez", PhoneNumber: "4423456723", Email: "juan.vazquez@empresa.com.mx"},
	}

	sdk, err := openpaymx.NewClient(openpaymx.WithBaseURL(base), openpaymx.WithMerchantID(merchant),
		openpaymx.WithPrivateKey(key), openpaymx.WithHTTPClient(srv.Client()))
	if err != nil {
		tb.Fatal(err)
	}
	sdkReq := &openpaymx.ChargeRequest{Card: &openpaymx.CardChargeRequest{
		Method: openpaymx.CardChargeRequestMethodCard, SourceID: openpaymx.Some("kqgykn96i7bcs1wwhvgw"),
		Amount: openpaymx.MustParseDecimal("100"), Description: "Cargo inicial a mi cuenta",
		OrderID: openpaymx.Some("oid-00051"), DeviceSessionID: openpaymx.Some("kR1MiQhz2otdIuUlQkbEyitIqVMiI16f"),
		Customer: &openpaymx.CustomerRequest{Name: "Juan", LastName: openpaymx.Some("Vazquez Juarez"),
			PhoneNumber: openpaymx.Some("4423456723"), Email: "juan.vazquez@empresa.com.mx"},
	}}
	sdkList := &openpaymx.ChargesListParams{Offset: openpaymx.Some(int32(0)), Limit: openpaymx.Some(int32(listSize))}

	og, err := ogenmx.NewClient(base, ogenKey{}, ogenmx.WithClient(srv.Client()))
	if err != nil {
		tb.Fatal(err)
	}
	ogReq := ogenmx.ChargeRequest{Type: ogenmx.CardChargeRequestChargeRequest, CardChargeRequest: ogenmx.CardChargeRequest{
		Method: ogenmx.CardChargeRequestMethodCard, SourceID: ogenmx.NewOptString("kqgykn96i7bcs1wwhvgw"),
		Amount: decimal.NewFromInt(100), Description: "Cargo inicial a mi cuenta",
		OrderID: ogenmx.NewOptString("oid-00051"), DeviceSessionID: ogenmx.NewOptString("kR1MiQhz2otdIuUlQkbEyitIqVMiI16f"),
		Customer: ogenmx.NewOptCustomerRequest(ogenmx.CustomerRequest{Name: "Juan", LastName: ogenmx.NewOptString("Vazquez Juarez"),
			PhoneNumber: ogenmx.NewOptString("4423456723"), Email: "juan.vazquez@empresa.com.mx"}),
	}}
	ogList := ogenmx.ListChargesParams{Offset: ogenmx.NewOptInt32(0), Limit: ogenmx.NewOptInt32(listSize)}

	return []impl{
		{
			name: "floor",
			create: func(ctx context.Context) (string, error) {
				c, err := floor.CreateCharge(ctx, floorReq)
				if err != nil {
					return "", err
				}
				return c.ID, nil
			},
			list: func(ctx context.Context) (int, error) {
				cs, err := floor.ListCharges(ctx, 0, listSize)
				return len(cs), err
			},
		},
		{
			name: "floor-sdktypes",
			create: func(ctx context.Context) (string, error) {
				c := new(openpaymx.Charge)
				if err := floor.CreateChargeAs(ctx, sdkReq, c); err != nil {
					return "", err
				}
				return c.ID.Value, nil
			},
			list: func(ctx context.Context) (int, error) {
				var cs []openpaymx.Charge
				err := floor.ListChargesAs(ctx, 0, listSize, &cs)
				return len(cs), err
			},
		},
		{
			name: "opgen",
			create: func(ctx context.Context) (string, error) {
				c, err := sdk.Charges.Create(ctx, sdkReq)
				if err != nil {
					return "", err
				}
				return c.ID.Value, nil
			},
			list: func(ctx context.Context) (int, error) {
				cs, err := sdk.Charges.List(ctx, sdkList)
				return len(cs), err
			},
		},
		{
			name: "ogen",
			create: func(ctx context.Context) (string, error) {
				res, err := og.CreateCharge(ctx, ogReq)
				if err != nil {
					return "", err
				}
				c, ok := res.(*ogenmx.Charge)
				if !ok {
					return "", fmt.Errorf("ogen: unexpected response %T", res)
				}
				return c.ID.Value, nil
			},
			list: func(ctx context.Context) (int, error) {
				res, err := og.ListCharges(ctx, ogList)
				if err != nil {
					return 0, err
				}
				cs, ok := res.(*ogenmx.ListChargesOKApplicationJSON)
				if !ok {
					return 0, fmt.Errorf("ogen: unexpected response %T", res)
				}
				return len(*cs), nil
			},
		},
	}
}

type ogenKey struct{}

func (ogenKey) PrivateKey(context.Context, ogenmx.OperationName) (ogenmx.PrivateKey, error) {
	return ogenmx.PrivateKey{Username: key}, nil
}

// TestSameCalls checks that every client makes the calls the server expects and decodes what it sends.
func TestSameCalls(t *testing.T) {
	srv := newServer(t)
	ctx := context.Background()
	for _, c := range impls(t, srv) {
		id, err := c.create(ctx)
		if err != nil || id != "trzjaozcik8msyqshka4" {
			t.Errorf("%s create: %q, %v", c.name, id, err)
		}
		n, err := c.list(ctx)
		if err != nil || n != listSize {
			t.Errorf("%s list: %d, %v", c.name, n, err)
		}
	}
}

// TestSameBody checks that the three clients send the same create-charge body (compared as JSON values) and the
// same query for the list.
func TestSameBody(t *testing.T) {
	var body any
	var query string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, query = nil, r.URL.RawQuery
		if r.Method == http.MethodPost {
			if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
				t.Error(err)
			}
		}
		w.Header().Set("Content-Type", "application/json")
		if r.Method == http.MethodGet {
			io.WriteString(w, "["+chargeJSON+"]")
			return
		}
		io.WriteString(w, chargeJSON)
	}))
	defer srv.Close()
	ctx := context.Background()
	var firstBody, firstQuery string
	for i, c := range impls(t, srv) {
		if _, err := c.create(ctx); err != nil {
			t.Fatal(c.name, err)
		}
		b, _ := json.Marshal(body)
		c.list(ctx)
		if i == 0 {
			firstBody, firstQuery = string(b), query
			continue
		}
		if string(b) != firstBody {
			t.Errorf("%s sends %s, floor sends %s", c.name, b, firstBody)
		}
		if query != firstQuery {
			t.Errorf("%s queries %q, floor queries %q", c.name, query, firstQuery)
		}
	}
}

// Besides ns/op (wall time), each benchmark reports cpu-ns/op: the CPU time (user + sys) the whole process spent
// per round trip, client and server goroutines and GC included. On a shared machine wall time mostly measures the
// other tenants; CPU time much less so.

func BenchmarkCreateCharge(b *testing.B) {
	srv := newServer(b)
	ctx := context.Background()
	for _, c := range impls(b, srv) {
		b.Run("impl="+c.name, func(b *testing.B) {
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				if _, err := c.create(ctx); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
		})
	}
}

func BenchmarkListCharges50(b *testing.B) {
	srv := newServer(b)
	ctx := context.Background()
	for _, c := range impls(b, srv) {
		b.Run("impl="+c.name, func(b *testing.B) {
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				if n, err := c.list(ctx); err != nil || n != listSize {
					b.Fatal(n, err)
				}
			}
			b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
		})
	}
}

// cpuTime is the CPU time the process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
