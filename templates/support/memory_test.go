package support

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// allocatedPerCall is the bytes the heap grew by (runtime.MemStats.TotalAlloc, everything allocated, freed or
// not) per call of f, over n calls.
func allocatedPerCall(n int, f func()) uint64 {
	f() // warm up: connections, pools
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range n {
		f()
	}
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) / uint64(n)
}

// TestResponseMemoryFollowsArrivingBytes: a server that announces a large Content-Length and sends nothing (or a
// few bytes) must not make each call allocate the announced size. The old reader allocated Content-Length+1
// bytes up front: 16 MiB per call here.
func TestResponseMemoryFollowsArrivingBytes(t *testing.T) {
	const announced = 16777215
	const bound = 1 << 20 // per call: far below the 16 MiB announced, far above what a call needs
	type tc struct {
		name   string
		status int
		sent   string // body bytes actually sent before the connection ends
		get    bool
	}
	cases := []tc{
		{"200 headers only, GET (retried)", 200, "", true},
		{"200 headers only, POST", 200, "", false},
		{"200 with 18 bytes, GET", 200, `{"id":"ch_1","amo`, true},
		{"500 headers only, GET (retried)", 500, "", true},
		{"402 with a short error body, POST", 402, `{"error_code":"x"`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// A RoundTripper, not a socket: what is measured is the SDK's reading, not the network stack.
			rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
				if r.Body != nil {
					io.Copy(io.Discard, r.Body)
					r.Body.Close()
				}
				raw := "HTTP/1.1 " + strconv.Itoa(c.status) + " X\r\nContent-Type: application/json\r\nContent-Length: " +
					strconv.Itoa(announced) + "\r\n\r\n" + c.sent
				return http.ReadResponse(bufio.NewReader(strings.NewReader(raw)), r)
			})
			cl := mustClient(t, WithBaseURL("https://api.fakepay.test/v1/{merchant_id}"), WithMerchantID("m_1"),
				WithPrivateKey(testKey), WithHTTPClient(&http.Client{Transport: rt}), WithRetryBackoff(0, 0))
			var err error
			per := allocatedPerCall(5, func() {
				if c.get {
					_, err = cl.Charges.Get(context.Background(), "ch_1")
				} else {
					_, err = cl.Charges.Create(context.Background(), &ChargeParams{Amount: MustParseDecimal("1.00"), Currency: "MXN"})
				}
			})
			if err == nil {
				t.Fatal("a truncated body was accepted")
			}
			if c.status == 200 && !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Errorf("err = %v, want an unexpected EOF", err)
			}
			t.Logf("%d bytes allocated per call; err: %v", per, err)
			if per > bound {
				t.Errorf("%d bytes allocated per call for a body of %d bytes announcing %d: memory follows the header, not the bytes", per, len(c.sent), announced)
			}
		})
	}
}

// TestReadResponseGrowsWithTheBody: opgReadResponse's buffer stays within twice the bytes read (plus its first
// 32 KiB), whatever the Content-Length claims; a body matching its Content-Length is read whole, in one buffer when
// it fits the first one; the limit still holds.
func TestReadResponseGrowsWithTheBody(t *testing.T) {
	for _, tc := range []struct {
		size      int64 // Content-Length, -1 unknown
		body      int   // bytes sent
		maxBytes  int64
		tooLarge  bool
		wantBytes int
	}{
		{16777215, 0, 16 << 20, false, 0},
		{16777215, 100, 16 << 20, false, 100},
		{1 << 30, 1 << 20, 16 << 20, false, 1 << 20},
		{-1, 1 << 20, 16 << 20, false, 1 << 20},
		{1 << 20, 1 << 20, 16 << 20, false, 1 << 20},
		{100, 100, 16 << 20, false, 100},
		{0, 0, 16 << 20, false, 0},
		{-1, 3000, 1000, true, 1000},
		{3000, 3000, 1000, true, 1000},
		{-1, 1000, 1000, false, 1000},
	} {
		body := strings.Repeat("a", tc.body)
		data, tooLarge, err := opgReadResponse(io.NopCloser(strings.NewReader(body)), tc.size, tc.maxBytes)
		if err != nil || tooLarge != tc.tooLarge || len(data) != tc.wantBytes || string(data) != body[:tc.wantBytes] {
			t.Errorf("size %d, body %d, max %d: %d bytes, tooLarge %v, err %v", tc.size, tc.body, tc.maxBytes, len(data), tooLarge, err)
		}
		if limit := 2*tc.body + opgReadResponseChunk + 1; cap(data) > limit {
			t.Errorf("size %d, body %d: buffer of %d bytes, more than twice the body plus %d", tc.size, tc.body, cap(data), opgReadResponseChunk)
		}
		per := allocatedPerCall(3, func() {
			opgReadResponse(io.NopCloser(strings.NewReader(body)), tc.size, tc.maxBytes)
		})
		if limit := uint64(4*tc.body + 2*opgReadResponseChunk + 4096); per > limit {
			t.Errorf("size %d, body %d: %d bytes allocated per read, more than %d", tc.size, tc.body, per, limit)
		}
	}
	// A body that fits the first buffer and matches its Content-Length: one allocation, the buffer itself.
	body := strings.Repeat("a", 1000)
	if n := testing.AllocsPerRun(20, func() {
		opgReadResponse(io.NopCloser(strings.NewReader(body)), int64(len(body)), 16<<20)
	}); n > 3 {
		t.Errorf("%v allocations to read a 1000-byte body with its Content-Length", n)
	}
}
