// Package clientbench measures one create-charge and one list-charges round trip through three clients of the
// Openpay Mexico API against an in-process server (see clientbench_test.go).
//
// This file is the floor: what a careful hand-written client of the same two calls costs with net/http and
// encoding/json alone — same URL, basic auth, JSON body and response decoding into plain structs with the fields
// the server sends — and nothing more (no retries, no error model, no options).
//
// Not API: a benchmark module of this repository, never published.
package clientbench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// FloorClient is the hand-written client.
type FloorClient struct {
	BaseURL string // e.g. https://sandbox-api.openpay.mx/v1/MERCHANT_ID
	Key     string // private key: basic auth user name, empty password
	HTTP    *http.Client
}

// FloorChargeRequest is the card-charge body.
type FloorChargeRequest struct {
	Method          string         `json:"method"`
	SourceID        string         `json:"source_id,omitempty"`
	Amount          float64        `json:"amount"`
	Description     string         `json:"description"`
	OrderID         string         `json:"order_id,omitempty"`
	DeviceSessionID string         `json:"device_session_id,omitempty"`
	Customer        *FloorCustomer `json:"customer,omitempty"`
}

// FloorCustomer is the payer.
type FloorCustomer struct {
	Name        string `json:"name"`
	LastName    string `json:"last_name,omitempty"`
	PhoneNumber string `json:"phone_number,omitempty"`
	Email       string `json:"email"`
}

// FloorCharge has every field the server's charge carries.
type FloorCharge struct {
	ID              string     `json:"id"`
	Amount          float64    `json:"amount"`
	Authorization   *string    `json:"authorization"`
	Method          string     `json:"method"`
	OperationType   string     `json:"operation_type"`
	TransactionType string     `json:"transaction_type"`
	Card            *FloorCard `json:"card"`
	Status          string     `json:"status"`
	Currency        string     `json:"currency"`
	CreationDate    time.Time  `json:"creation_date"`
	OperationDate   time.Time  `json:"operation_date"`
	Description     string     `json:"description"`
	ErrorMessage    *string    `json:"error_message"`
	OrderID         *string    `json:"order_id"`
}

// FloorCard is the charged card.
type FloorCard struct {
	ID              string     `json:"id"`
	Type            string     `json:"type"`
	Brand           string     `json:"brand"`
	Address         *struct{}  `json:"address"`
	CardNumber      string     `json:"card_number"`
	HolderName      string     `json:"holder_name"`
	ExpirationYear  string     `json:"expiration_year"`
	ExpirationMonth string     `json:"expiration_month"`
	AllowsCharges   bool       `json:"allows_charges"`
	AllowsPayouts   bool       `json:"allows_payouts"`
	CreationDate    *time.Time `json:"creation_date"`
	BankName        *string    `json:"bank_name"`
	BankCode        *string    `json:"bank_code"`
	CustomerID      *string    `json:"customer_id"`
}

// CreateCharge is POST /charges.
func (c *FloorClient) CreateCharge(ctx context.Context, body *FloorChargeRequest) (*FloorCharge, error) {
	out := new(FloorCharge)
	if err := c.CreateChargeAs(ctx, body, out); err != nil {
		return nil, err
	}
	return out, nil
}

// ListCharges is GET /charges?offset=&limit=.
func (c *FloorClient) ListCharges(ctx context.Context, offset, limit int) ([]FloorCharge, error) {
	var out []FloorCharge
	if err := c.ListChargesAs(ctx, offset, limit, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// CreateChargeAs is CreateCharge with the body and the result of the caller's types (the benchmark's
// "floor-sdktypes" passes the generated SDK's model types: same plumbing, the SDK's data model).
func (c *FloorClient) CreateChargeAs(ctx context.Context, body, out any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.BaseURL+"/charges", bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	return c.do(req, out)
}

// ListChargesAs is ListCharges decoding into out.
func (c *FloorClient) ListChargesAs(ctx context.Context, offset, limit int, out any) error {
	q := url.Values{}
	q.Set("offset", strconv.Itoa(offset))
	q.Set("limit", strconv.Itoa(limit))
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.BaseURL+"/charges?"+q.Encode(), nil)
	if err != nil {
		return err
	}
	return c.do(req, out)
}

func (c *FloorClient) do(req *http.Request, out any) error {
	req.SetBasicAuth(c.Key, "")
	req.Header.Set("Accept", "application/json")
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		io.Copy(io.Discard, resp.Body)
		return fmt.Errorf("openpay: %s", resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body) // to EOF, so the connection is reused
	return err
}
