package support

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestDecimal(t *testing.T) {
	for in, want := range map[string]string{
		"10.10": "10.10", "0.1": "0.1", "-3.000": "-3.000", "1e3": "1000", "1.5e-2": "0.015", "12345678901234567890.12": "12345678901234567890.12",
		"0": "0", "-0.00": "0.00", "+5": "5", ".5": "0.5", "007.50": "7.50", "1E+2": "100", "0.000": "0.000",
	} {
		d, err := ParseDecimal(in)
		if err != nil || d.String() != want {
			t.Errorf("ParseDecimal(%q) = %s, %v; want %s", in, d, err, want)
		}
		var j Decimal
		if err := json.Unmarshal([]byte(strconv.Quote(in)), &j); err != nil || j.String() != want {
			t.Errorf("json string %q = %s, %v", in, j, err)
		}
	}
	for _, bad := range []string{"", "abc", "NaN", "Inf", "-", ".", "1e", "1e999", "1e-999", "0x10", "1.2.3", " 1", "1_000", strings.Repeat("9", 300), "--1"} {
		if _, err := ParseDecimal(bad); err == nil {
			t.Errorf("ParseDecimal(%q) accepted", bad)
		}
	}
	// JSON round trip keeps the digits, as a number.
	type body struct {
		Amount Decimal  `json:"amount"`
		Fee    *Decimal `json:"fee,omitempty"`
		Zero   Decimal  `json:"zero,omitzero"`
	}
	var b body
	in := `{"amount":12345678901234567890.12,"fee":"10.10"}`
	if err := json.Unmarshal([]byte(in), &b); err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(b)
	if string(out) != `{"amount":12345678901234567890.12,"fee":10.10}` {
		t.Errorf("round trip = %s", out)
	}
	for _, bad := range []string{`{"amount":"NaN"}`, `{"amount":true}`, `{"amount":"1e100000"}`, `{"amount":"12abc"}`} {
		if err := json.Unmarshal([]byte(bad), &b); err == nil {
			t.Errorf("accepted %s", bad)
		}
	}
	var zero Decimal
	if zero.String() != "0" || !zero.IsZero() || zero.Sign() != 0 {
		t.Error("zero value")
	}
	cmp := []struct {
		a, b string
		want int
	}{{"10.10", "10.1", 0}, {"-1", "0.5", -1}, {"2", "10", -1}, {"-2", "-10", 1}, {"0.00", "0", 0}, {"100", "99.999", 1}}
	for _, tc := range cmp {
		if got := MustParseDecimal(tc.a).Cmp(MustParseDecimal(tc.b)); got != tc.want {
			t.Errorf("Cmp(%s, %s) = %d", tc.a, tc.b, got)
		}
	}
	minor := []struct {
		in    string
		scale int
		want  int64
		ok    bool
	}{{"10.10", 2, 1010, true}, {"10.1", 2, 1010, true}, {"10", 2, 1000, true}, {"10.105", 2, 0, false}, {"10.100", 2, 1010, true},
		{"0.001", 2, 0, false}, {"-0.5", 2, -50, true}, {"92233720368547758.07", 2, 9223372036854775807, true},
		{"92233720368547758.08", 2, 0, false}, {"-92233720368547758.08", 2, -9223372036854775808, true}, {"0", 2, 0, true}}
	for _, tc := range minor {
		got, err := MustParseDecimal(tc.in).MinorUnits(tc.scale)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("MinorUnits(%s, %d) = %d, %v", tc.in, tc.scale, got, err)
		}
	}
	for _, tc := range []struct {
		minor int64
		scale int
		want  string
	}{{1010, 2, "10.10"}, {5, 2, "0.05"}, {-5, 2, "-0.05"}, {0, 2, "0.00"}, {5, -2, "500"}, {-9223372036854775808, 0, "-9223372036854775808"}} {
		if got := NewDecimalFromMinorUnits(tc.minor, tc.scale).String(); got != tc.want {
			t.Errorf("NewDecimalFromMinorUnits(%d, %d) = %s", tc.minor, tc.scale, got)
		}
	}
	var txt Decimal
	if err := txt.UnmarshalText([]byte("3.50")); err != nil || txt.String() != "3.50" {
		t.Error("UnmarshalText")
	}
}

func TestDateAndNullable(t *testing.T) {
	d, err := ParseDate("2024-02-29")
	if err != nil || d != (Date{2024, time.February, 29}) || d.String() != "2024-02-29" {
		t.Fatalf("%v %v", d, err)
	}
	for _, bad := range []string{"2023-02-29", "2024-1-2", "", "yesterday"} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
	if d, _ := ParseDate("2024-03-01T23:30:00-05:00"); d.String() != "2024-03-01" {
		t.Errorf("timestamp date = %s", d)
	}
	if DateOf(time.Date(2020, 5, 6, 7, 0, 0, 0, time.UTC)).String() != "2020-05-06" {
		t.Error("DateOf")
	}
	type patch struct {
		Name  Nullable[string] `json:"name,omitzero"`
		Note  Nullable[string] `json:"note,omitzero"`
		Count Nullable[int]    `json:"count,omitzero"`
		Day   Date             `json:"day,omitzero"`
		Due   Date             `json:"due"`
	}
	out, _ := json.Marshal(patch{Name: NewNullable("x"), Note: Null[string](), Due: Date{2024, 1, 5}})
	if string(out) != `{"name":"x","note":null,"due":"2024-01-05"}` {
		t.Errorf("marshal = %s", out)
	}
	var p patch
	if err := json.Unmarshal([]byte(`{"name":"y","note":null,"day":"2023-12-31"}`), &p); err != nil {
		t.Fatal(err)
	}
	if v, ok := p.Name.Get(); !ok || v != "y" || !p.Name.IsSet() || p.Name.IsNull() {
		t.Error("name")
	}
	if _, ok := p.Note.Get(); ok || !p.Note.IsNull() || !p.Note.IsSet() {
		t.Error("note")
	}
	if p.Count.IsSet() || !p.Count.IsZero() || p.Day.String() != "2023-12-31" {
		t.Error("count/day")
	}
	if err := json.Unmarshal([]byte(`{"count":"x"}`), &p); err == nil {
		t.Error("bad nullable accepted")
	}
	if *Ptr(3) != 3 {
		t.Error("Ptr")
	}
}

func TestPagination(t *testing.T) {
	const total = 7
	items := func(from, n int) []int {
		var out []int
		for i := from; i < from+n && i < total; i++ {
			out = append(out, i)
		}
		return out
	}
	collect := func(seq func(func(int, error) bool)) ([]int, error) {
		var got []int
		for v, err := range seq {
			if err != nil {
				return got, err
			}
			got = append(got, v)
		}
		return got, nil
	}
	calls := 0
	got, err := collect(paginateOffset(context.Background(), 0, 3, func(ctx context.Context, offset, limit int) ([]int, error) {
		calls++
		return items(offset, limit), nil
	}))
	if err != nil || fmt.Sprint(got) != "[0 1 2 3 4 5 6]" || calls != 3 {
		t.Errorf("offset: %v %v calls %d", got, err, calls)
	}
	calls = 0
	got, err = collect(paginatePage(context.Background(), 1, 3, func(ctx context.Context, page, limit int) ([]int, error) {
		calls++
		return items((page-1)*limit, limit), nil
	}))
	if err != nil || fmt.Sprint(got) != "[0 1 2 3 4 5 6]" || calls != 3 {
		t.Errorf("page: %v %v calls %d", got, err, calls)
	}
	calls = 0
	got, err = collect(paginateCursor(context.Background(), "", func(ctx context.Context, cursor string) ([]int, string, error) {
		calls++
		from := 0
		if cursor != "" {
			from, _ = strconv.Atoi(strings.TrimPrefix(cursor, "c"))
		}
		next := ""
		if from+3 < total {
			next = "c" + strconv.Itoa(from+3)
		}
		return items(from, 3), next, nil
	}))
	if err != nil || fmt.Sprint(got) != "[0 1 2 3 4 5 6]" || calls != 3 {
		t.Errorf("cursor: %v %v calls %d", got, err, calls)
	}
	// A caller's start is honoured: offset 4, page 2, cursor c3.
	got, _ = collect(paginateOffset(context.Background(), 4, 3, func(ctx context.Context, offset, limit int) ([]int, error) {
		return items(offset, limit), nil
	}))
	if fmt.Sprint(got) != "[4 5 6]" {
		t.Errorf("offset from 4: %v", got)
	}
	got, _ = collect(paginatePage(context.Background(), 2, 3, func(ctx context.Context, page, limit int) ([]int, error) {
		return items((page-1)*limit, limit), nil
	}))
	if fmt.Sprint(got) != "[3 4 5 6]" {
		t.Errorf("page from 2: %v", got)
	}
	var firstCursor string
	got, _ = collect(paginateCursor(context.Background(), "c3", func(ctx context.Context, cursor string) ([]int, string, error) {
		if firstCursor == "" {
			firstCursor = cursor
		}
		return items(3, 3), "", nil
	}))
	if firstCursor != "c3" || fmt.Sprint(got) != "[3 4 5]" {
		t.Errorf("cursor from c3: first call %q, %v", firstCursor, got)
	}
	// A repeated cursor is an error, not an endless loop.
	_, err = collect(paginateCursor(context.Background(), "", func(ctx context.Context, cursor string) ([]int, string, error) {
		return []int{1}, "same", nil
	}))
	if !errors.Is(err, errOpgCursorRepeated) {
		t.Errorf("repeated cursor: %v", err)
	}
	// Errors stop the iteration; so does breaking out and a done context.
	boom := errors.New("boom")
	got, err = collect(paginatePage(context.Background(), 1, 2, func(ctx context.Context, page, limit int) ([]int, error) {
		if page == 2 {
			return nil, boom
		}
		return []int{1, 2}, nil
	}))
	if !errors.Is(err, boom) || len(got) != 2 {
		t.Errorf("error: %v %v", got, err)
	}
	calls = 0
	for range paginateOffset(context.Background(), 0, 1, func(ctx context.Context, offset, limit int) ([]int, error) {
		calls++
		return []int{offset}, nil
	}) {
		break
	}
	if calls != 1 {
		t.Errorf("break: %d calls", calls)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := collect(paginateOffset(ctx, 0, 3, func(ctx context.Context, o, l int) ([]int, error) { return items(o, l), nil })); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestLinkNext(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`<https://api.x/items?page=2>; rel="next", <https://api.x/items?page=9>; rel="last"`, "https://api.x/items?page=2"},
		{`<https://api.x/items?page=1>; rel="prev", <https://api.x/items?page=3>; rel=next`, "https://api.x/items?page=3"},
		{`</items?cursor=a,b>; title="x, y"; rel="next prefetch"`, "/items?cursor=a,b"},
		{`<https://api.x/items?page=9>; rel="last"`, ""},
		{``, ""},
		{`garbage`, ""},
	} {
		h := http.Header{}
		if tc.in != "" {
			h.Set("Link", tc.in)
		}
		if got := opgLinkNext(h); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestListAllOverHTTP(t *testing.T) {
	fs := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) {
		off, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		lim, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		var parts []string
		for i := off; i < off+lim && i < 8; i++ {
			parts = append(parts, fmt.Sprintf(`{"id":"ch_%d","amount":"%d.00"}`, i, i))
		}
		writeJSON(w, 200, `{"data":[`+strings.Join(parts, ",")+`]}`)
	})
	c := mustClient(t, fastOpts(fs)...)
	var ids []string
	for ch, err := range c.Charges.ListAll(context.Background(), &ChargeListParams{Status: []string{"paid"}}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, ch.ID)
	}
	if len(ids) != 8 || ids[7] != "ch_7" || fs.hits.Load() != 3 {
		t.Errorf("ids %v hits %d", ids, fs.hits.Load())
	}
	if r, _ := fs.lastRequest(); r.URL.RawQuery != "limit=3&offset=6&status=paid" {
		t.Errorf("query = %s", r.URL.RawQuery)
	}
}

func TestMaskCardNumbers(t *testing.T) {
	for in, want := range map[string]string{
		"card 4111111111111111 declined":   "card 411111******1111 declined",
		"4111 1111 1111 1111":              "4111 11** **** 1111",
		"5500-0000-0000-0004":              "5500-00**-****-0004",
		"378282246310005":                  "378282*****0005",
		"id 4111111111111112 (bad luhn)":   "id 4111111111111112 (bad luhn)",
		"12345678901234567890.12":          "12345678901234567890.12",
		"x4111111111111111y":               "x411111******1111y",
		"short 123456":                     "short 123456",
		"amount 100 card 4242424242424242": "amount 100 card 424242******4242",
	} {
		if got := opgMaskCardNumbers(in); got != want {
			t.Errorf("mask(%q) = %q, want %q", in, got, want)
		}
	}
	r := opgNewRedactor([]string{"holderDocument"})
	got := r.body("application/json", []byte(`{"card":{"number":"x","cvc":"1"},"number":"42","items":[{"password":"p","CardNumber":"n"}],"holder_document":"d","token":"tkn_1"}`), nil)
	if got != `{"card":{"cvc":"[REDACTED]","number":"[REDACTED]"},"holder_document":"[REDACTED]","items":[{"CardNumber":"[REDACTED]","password":"[REDACTED]"}],"number":"42","token":"tkn_1"}` {
		t.Errorf("json redaction = %s", got)
	}
	if got := r.body("application/x-www-form-urlencoded", []byte("card[number]=4111111111111111&card[cvc]=123&amount=5"), nil); strings.Contains(got, "123&") || strings.Contains(got, "4111111111111111") {
		t.Errorf("form redaction = %s", got)
	}
	if got := r.body("text/plain", []byte("cvv=123 password: hunter2"), nil); strings.Contains(got, "123") || strings.Contains(got, "hunter2") {
		t.Errorf("text redaction = %s", got)
	}
	if got := r.body("application/json", []byte(`{"cvv":"123",`), nil); strings.Contains(got, "123") {
		t.Errorf("broken json = %s", got)
	}
	if got := r.body("application/pdf", []byte("%PDF 4111111111111111"), nil); strings.Contains(got, "4111") {
		t.Errorf("binary = %s", got)
	}
}

func TestPaginateLinkOverHTTP(t *testing.T) {
	fs := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int64) {
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		if page == 0 {
			page = 1
		}
		if page < 3 {
			// Relative to the API's base, as some APIs send it.
			w.Header().Set("Link", fmt.Sprintf(`<charges?page=%d&status=paid>; rel="next"`, page+1))
		}
		writeJSON(w, 200, fmt.Sprintf(`[%d]`, page))
	})
	c := mustClient(t, fastOpts(fs)...)
	op := &operationDef{ID: "Charges.List", Method: "GET", PathTemplate: "/charges", Security: [][]string{{"privateKey"}}, API: fakeAPI}
	decode := func(resp *response, err error) ([]int, http.Header, error) {
		if err != nil {
			return nil, nil, err
		}
		var out []int
		return out, resp.Header, resp.decodeJSON(op, &out)
	}
	var got []int
	for v, err := range paginateLink(context.Background(), func(ctx context.Context) ([]int, http.Header, error) {
		return decode(c.do(ctx, op, &request{Path: "/charges", RawQuery: "status=paid"}, nil))
	}, func(ctx context.Context, u string) ([]int, http.Header, error) {
		return decode(c.fetchLink(ctx, op, u, nil))
	}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
	}
	r, _ := fs.lastRequest()
	if fmt.Sprint(got) != "[1 2 3]" || r.URL.RequestURI() != "/v1/m_123/charges?page=3&status=paid" || r.Header.Get("Authorization") == "" {
		t.Errorf("got %v, last request %s", got, r.URL.RequestURI())
	}
	if _, err := c.fetchLink(context.Background(), op, "https://elsewhere.example/charges?page=2", nil); !errors.Is(err, errOpgLinkOrigin) {
		t.Errorf("another host: %v", err)
	}
}

func TestHeaderReaders(t *testing.T) {
	h := http.Header{}
	h.Set("X-Int", "-12")
	h.Set("X-Big", "9000000000")
	h.Set("X-Ok", "true")
	h.Set("X-At", "2030-01-02T03:04:05Z")
	h.Set("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT")
	h.Set("Date", "Wed, 21 Oct 2015 07:28:00 GMT")
	h.Set("Retry-After", "Wed, 21 Oct 2015 07:29:00 GMT")
	h.Set("X-List", "a, b")
	h.Set("X-F", "1.5")
	if v := headerInt[int32](h, "X-Int"); v == nil || *v != -12 {
		t.Errorf("int32 %v", v)
	}
	if v := headerInt[int32](h, "X-Big"); v != nil {
		t.Errorf("int32 overflow parsed: %v", *v)
	}
	if v := headerInt[int64](h, "X-Big"); v == nil || *v != 9000000000 {
		t.Errorf("int64 %v", v)
	}
	if v := headerBool(h, "X-Ok"); v == nil || !*v {
		t.Errorf("bool %v", v)
	}
	if v := headerFloat(h, "X-F"); v == nil || *v != 1.5 {
		t.Errorf("float %v", v)
	}
	if v := headerTime(h, "X-At"); v == nil || v.Year() != 2030 {
		t.Errorf("date-time %v", v)
	}
	if v := headerTime(h, "Last-Modified"); v == nil || v.Year() != 2015 {
		t.Errorf("http date %v", v)
	}
	if v := headerRetryAfter(h, "Retry-After"); v == nil || *v != time.Minute {
		t.Errorf("retry-after date %v", v)
	}
	h.Set("Retry-After", "3")
	if v := headerRetryAfter(h, "Retry-After"); v == nil || *v != 3*time.Second {
		t.Errorf("retry-after seconds %v", v)
	}
	if v := headerList(h, "X-List"); len(v) != 2 || v[1] != "b" {
		t.Errorf("list %q", v)
	}
	if headerString(h, "X-None") != nil || headerTime(h, "X-Int") != nil || headerBool(h, "X-Int") != nil {
		t.Error("absent or malformed header parsed")
	}
}
