package sdktest

import (
	"encoding/base64"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/opgen-sdk/opgen/mock"
)

// The requests the providers' official clients send, as they send them, replayed against opgen mock: every one must
// be accepted. Openpay: the npm package openpay 2.x (lib/openpay.js: one client for Mexico, Peru and Colombia, chosen
// by its country argument), with the bodies of its README and of its own tests. Culqi: the culqi-python SDK
// (culqi/client.py and culqi/resources, bodies from its tests/data.py). What the clients do on the wire:
//
//   - openpay-node sends `json: data` with urllib's contentType json: an object body as JSON, no body when data is
//     undefined (capture, refund without arguments), and webhooks.verify sends the string '{}'; list filters go in the
//     query as key=value joined by & with brackets percent-encoded (creation%5Bgte%5D), values as JavaScript prints
//     them.
//   - culqi-python sends json.dumps(data) for POST and PATCH (None becomes {}: a capture sends {}), GET with
//     params=data (list(): no query at all), DELETE without a body, and Content-Type: application/json on every call.
type clientCall struct {
	name   string // the client's call, as its user writes it
	method string
	path   string // below the spec's base path ("@/stores": below the host); may hold a query
	body   string // "" = no body
}

var openpayNodeCommon = []clientCall{
	{"customers.create", "POST", "/customers", `{"name":"John","email":"john@example.com","last_name":"Doe","address":{"city":"Queretaro","state":"Queretaro","line1":"Calle Morelos no 10","line2":"col. san pablo","postal_code":"76000","country_code":"MX"},"phone_number":"44209087654"}`},
	{"customers.list (test filters)", "GET", "/customers?creation%5Bgte%5D=2021-01-01&limit=1", ""},
	{"customers.get", "GET", "/customers/ag4nktpdzebjiye1tlze", ""},
	{"customers.delete", "DELETE", "/customers/ag4nktpdzebjiye1tlze", ""},
	{"cards.list", "GET", "/cards?limit=1", ""},
	{"cards.get", "GET", "/cards/ktrpvymgatocelsciak7", ""},
	{"cards.delete", "DELETE", "/cards/ktrpvymgatocelsciak7", ""},
	{"cards.update", "PUT", "/cards/ktrpvymgatocelsciak7", `{"holder_name":"new holder_name"}`},
	{"customers.cards.update", "PUT", "/customers/ag4nktpdzebjiye1tlze/cards/ktrpvymgatocelsciak7", `{"holder_name":"new holder_name"}`},
	{"customers.cards.list", "GET", "/customers/ag4nktpdzebjiye1tlze/cards?limit=1", ""},
	{"charges.list (test filters)", "GET", "/charges?amount%5Blte%5D=10000&creation%5Bgte%5D=2021-01-01&limit=1", ""},
	{"charges.get", "GET", "/charges/trzjaozcik8msyqshka4", ""},
	{"charges.refund", "POST", "/charges/trzjaozcik8msyqshka4/refund", `{"description":"testing refound","amount":200}`},
	{"plans.create (strings and upper case, as the README and tests send them)", "POST", "/plans", `{"amount":150,"status_after_retry":"CANCELLED","retry_times":2,"name":"Curso de ingles","repeat_unit":"month","trial_days":"30","repeat_every":"1"}`},
	{"plans.create (lower case)", "POST", "/plans", `{"amount":150,"status_after_retry":"cancelled","retry_times":2,"name":"Curso de ingles","repeat_unit":"month","trial_days":"30","repeat_every":"1"}`},
	{"plans.update", "PUT", "/plans/pjlwj5srz9w1rrhvw2gj", `{"name":"New name","trial_days":1}`},
	{"plans.get", "GET", "/plans/pjlwj5srz9w1rrhvw2gj", ""},
	{"plans.list", "GET", "/plans?limit=10", ""},
	{"plans.delete", "DELETE", "/plans/pjlwj5srz9w1rrhvw2gj", ""},
	{"plans.listSubscriptions", "GET", "/plans/pjlwj5srz9w1rrhvw2gj/subscriptions", ""},
	{"customers.subscriptions.list", "GET", "/customers/ag4nktpdzebjiye1tlze/subscriptions?creation%5Bgte%5D=2021-01-01&limit=1", ""},
	{"webhooks.create", "POST", "/webhooks", `{"url":"https://my-site.com/my-webhook","user":"juanito","password":"passjuanito","event_types":["charge.refunded","charge.failed","charge.cancelled","charge.created","chargeback.accepted"]}`},
	{"webhooks.get", "GET", "/webhooks/wxvanstudf4ssme8khmc", ""},
	{"webhooks.list", "GET", "/webhooks", ""},
	{"webhooks.verify", "POST", "/webhooks/wxvanstudf4ssme8khmc/verify/xDahpJGE", `{}`},
	{"webhooks.delete", "DELETE", "/webhooks/wxvanstudf4ssme8khmc", ""},
	{"tokens.get", "GET", "/tokens/kxoalbqdrdpqsmrvnrol", ""},
	{"tokens.list", "GET", "/tokens", ""},
	{"cards.list (the README's empty offset and limit)", "GET", "/cards?creation=2021-10-22&offset=&limit=", ""},
	{"customers.list (README filters)", "GET", "/customers?external_id=External%20ID&creation=2021-01-01&offset=1&limit=1", ""},
	{"customers.subscriptions.create (README)", "POST", "/customers/ag4nktpdzebjiye1tlze/subscriptions", `{"card":{"card_number":"4111111111111111","holder_name":"Juan Perez Ramirez","expiration_year":"20","expiration_month":"12","cvv2":"110","device_session_id":"kR1MiQhz2otdIuUlQkbEyitIqVMiI16f"},"plan_id":"pbi4kb8hpb64x0uud2eb","trial_end_date":"2021-12-12","source_id":"pbiskbfhps64f0uudgeb"}`},
	{"customers.subscriptions.update (README)", "PUT", "/customers/ag4nktpdzebjiye1tlze/subscriptions/s7ri24srbldoqqlfo4vp", `{"trial_end_date":"2021-12-12","cancel_at_period_end":true,"source_id":"pbiskbfhps64f0uudgeb","card":{"card_number":"4111111111111111","holder_name":"Juan Perez Ramirez","expiration_year":"20","expiration_month":"12","cvv2":"110","device_session_id":"kR1MiQhz2otdIuUlQkbEyitIqVMiI16f"}}`},
	{"customers.subscriptions.delete", "DELETE", "/customers/ag4nktpdzebjiye1tlze/subscriptions/s7ri24srbldoqqlfo4vp", ""},
	{"cards.create (token)", "POST", "/cards", `{"token_id":"kxoalbqdrdpqsmrvnrol","device_session_id":"kR1MiQhz2otdIuUlQkbEyitIqVMiI16f"}`},
}

var openpayNodeMX = []clientCall{
	{"charges.create (card)", "POST", "/charges", `{"method":"card","card":{"card_number":"4111111111111111","holder_name":"John Doe","expiration_year":"20","expiration_month":"12","cvv2":"110"},"amount":200.00,"description":"Service Charge","order_id":"oid-00721"}`},
	{"charges.capture without data", "POST", "/charges/trzjaozcik8msyqshka4/capture", ""},
	{"charges.capture with {}", "POST", "/charges/trzjaozcik8msyqshka4/capture", `{}`},
	{"charges.list (README filters)", "GET", "/charges?order_id=oid-00721&creation=2021-01-01&offset=1&limit=1&amount=100", ""},
	{"fees.list", "GET", "/fees", ""},
	{"merchant.get", "GET", "", ""},
	{"stores.list", "GET", "@/stores?latitud=19.4&longitud=-99.1&kilometers=10&amount=1", ""},
	{"customers.charges.capture without data", "POST", "/customers/ag4nktpdzebjiye1tlze/charges/trzjaozcik8msyqshka4/capture", ""},
	{"payouts.create", "POST", "/payouts", `{"method":"bank_account","bank_account":{"clabe":"012298026516924616","holder_name":"John Doe"},"amount":10.50,"description":"Monthly payment"}`},
	{"customers.bankaccounts.create", "POST", "/customers/ag4nktpdzebjiye1tlze/bankaccounts", `{"clabe":"111111111111111111","holder_name":"Juan H","alias":"Alias"}`},
	{"cards.create", "POST", "/cards", `{"card_number":"4111111111111111","holder_name":"Juan Perez","expiration_year":"28","expiration_month":"12","cvv2":"111"}`},
	{"plans.update (the reference's string)", "PUT", "/plans/pjlwj5srz9w1rrhvw2gj", `{"name":"Curso de aleman","trial_days":"60"}`},
	{"charges.create (virtual terminal, the reference's strings)", "POST", "/charges", `{"method":"card","amount":100,"description":"Cargo inicial a mi cuenta","order_id":"oid-00051","customer":{"name":"Juan","last_name":"Vazquez Juarez","phone_number":"4423456723","email":"juan.vazquez@empresa.com.mx"},"confirm":"false","send_email":"false","redirect_url":"http://www.openpay.mx/index.html"}`},
}

var openpayNodePE = []clientCall{
	{"charges.create (card)", "POST", "/charges", `{"source_id":"kdx205scoizh93upqbte","method":"card","amount":100,"currency":"PEN","description":"Cargo inicial a mi cuenta","order_id":"oid-65584","device_session_id":"kR1MiQhz2otdIuUlQkbEyitIqVMiI16f","customer":{"name":"Cliente Peru","last_name":"Vazquez Juarez","phone_number":"4448936475","email":"cliente@example.com"}}`},
	{"customers.charges.create", "POST", "/customers/ag4nktpdzebjiye1tlze/charges", `{"source_id":"kdx205scoizh93upqbte","method":"card","amount":716,"currency":"PEN","description":"Cargo inicial a mi cuenta","order_id":"oid-65584","device_session_id":"kR1MiQhz2otdIuUlQkbEyitIqVMiI16f"}`},
	{"charges.capture without data", "POST", "/charges/trzjaozcik8msyqshka4/capture", ""},
	{"checkouts.create (send_email as a string)", "POST", "/checkouts", `{"amount":250,"currency":"PEN","description":"Cargo cobro con link","redirect_url":"https://misitioempresa.pe","order_id":"oid-66393","expiration_date":"2021-08-31 12:50","send_email":"true","customer":{"name":"Cliente Peru","last_name":"Vazquez Juarez","phone_number":"4448936475","email":"cliente@example.com"}}`},
	{"checkouts.list", "GET", "/checkouts?limit=2&startDate=20211001&endDate=20211011", ""},
	{"customers.checkouts.create", "POST", "/customers/ag4nktpdzebjiye1tlze/checkouts", `{"amount":250,"currency":"PEN","description":"Cargo cobro con link cliente","redirect_url":"https://misitioempresa.pe","order_id":"oid-87491","send_email":"true"}`},
	{"customers.cards.create", "POST", "/customers/ag4nktpdzebjiye1tlze/cards", `{"holder_name":"Juan Perez","card_number":"4111111111111111","cvv2":"651","expiration_month":"09","expiration_year":"25"}`},
	{"tokens.create", "POST", "/tokens", `{"card_number":"4111111111111111","holder_name":"Juan Perez Ramirez","expiration_year":"21","expiration_month":"12","cvv2":"110","address":{"city":"Lima","country_code":"PE","postal_code":"110511","line1":"Av 5 de Febrero","line2":"Roble 207","line3":"col carrillo","state":"Lima"}}`},
	{"charges.create (redirect, the reference's strings)", "POST", "/charges", `{"method":"card","amount":100,"description":"Cargo inicial a mi cuenta","order_id":"oid-00051","customer":{"name":"Juan","last_name":"Vazquez Juarez","phone_number":"4423456723","email":"juan.vazquez@empresa.com.pe"},"confirm":"false","send_email":"false","redirect_url":"http://www.openpay.pe/index.html"}`},
}

var openpayNodeCO = []clientCall{
	{"customers.create", "POST", "/customers", `{"external_id":"","name":"Pedro Diego","last_name":"Alatorre Martinez","email":"pedro@example.com","phone_number":"5744484951","customer_address":{"department":"Medellin","city":"Antioquia","additional":"Avenida 7f bis # 138-58 Apartamento 942"}}`},
	{"charges.create (card)", "POST", "/charges", `{"source_id":"kdx205scoizh93upqbte","method":"card","amount":200,"currency":"COP","iva":"10","description":"Cargo inicial a mi cuenta","device_session_id":"kR1MiQhz2otdIuUlQkbEyitIqVMiI16f","customer":{"name":"Cliente Colombia","last_name":"Vazquez Juarez","phone_number":"4448936475","email":"cliente@example.com"}}`},
	{"pse.create", "POST", "/charges", `{"method":"bank_account","amount":10000,"currency":"COP","description":"Cargo inicial a mi cuenta","iva":"1900","redirect_url":"/","customer":{"name":"Cliente Colombia","last_name":"Vazquez Juarez","email":"cliente@example.com","phone_number":"4448936475","requires_account":false,"customer_address":{"department":"Medellin","city":"Antioquia","additional":"Avenida 7m bis #174-25 Apartamento 637"}}}`},
	{"stores.list", "GET", "@/stores?latitud=4.65589142889691&longitud=-74.11335673251888&kilometers=10&amount=1", ""},
	{"customers.charges.create (store)", "POST", "/customers/ag4nktpdzebjiye1tlze/charges", `{"method":"store","source_id":"","amount":20,"description":"Test Charge","currency":"COP","device_session_id":null}`},
	{"tokens.create", "POST", "/tokens", `{"card_number":"4111111111111111","holder_name":"Juan Perez Ramirez","expiration_year":"29","expiration_month":"12","cvv2":"110","address":{"city":"Bogota","country_code":"CO","postal_code":"110511","line1":"Av 5 de Febrero","line2":"Roble 207","line3":"col carrillo","state":"Bogota"}}`},
	{"plans.create (the client's test body)", "POST", "/plans", `{"amount":150,"status_after_retry":"cancelled","retry_times":2,"name":"Curso de ingles","repeat_unit":"month","trial_days":"30","repeat_every":"1"}`},
}

var culqiPython = []clientCall{
	{"token.create", "POST", "/v2/tokens", `{"cvv":"123","card_number":"4111111111111111","expiration_year":"2025","expiration_month":"09","email":"richard@piedpiper.com"}`},
	{"token.createyape (amount as a string)", "POST", "/v2/tokens/yape", `{"amount":"36200","fingerprint":"86d3c875769bf62b0471b47853bfda77","number_phone":"900000001","otp":"425251"}`},
	{"token.list", "GET", "/v2/tokens", ""},
	{"token.read", "GET", "/v2/tokens/tkn_test_0CjjdWhFpEAZlxlz", ""},
	{"charge.create", "POST", "/v2/charges", `{"amount":1000,"capture":false,"currency_code":"PEN","description":"Venta de prueba","email":"richard@piedpiper.com","installments":0,"source_id":"tkn_test_0CjjdWhFpEAZlxlz"}`},
	{"charge.create (amount as a string)", "POST", "/v2/charges", `{"amount":"1000","capture":false,"currency_code":"PEN","description":"Venta de prueba","email":"richard@piedpiper.com","installments":0,"source_id":"tkn_test_0CjjdWhFpEAZlxlz"}`},
	{"charge.capture (no data: {})", "POST", "/v2/charges/chr_test_V6ZYQGbmjU8ZqNQ0/capture", `{}`},
	{"charge.list", "GET", "/v2/charges", ""},
	{"charge.read", "GET", "/v2/charges/chr_test_V6ZYQGbmjU8ZqNQ0", ""},
	{"charge.update", "PATCH", "/v2/charges/chr_test_V6ZYQGbmjU8ZqNQ0", `{"metadata":{"order_id":"0001"}}`},
	{"refund.create", "POST", "/v2/refunds", `{"amount":100,"reason":"solicitud_comprador","charge_id":"chr_test_V6ZYQGbmjU8ZqNQ0"}`},
	{"refund.list", "GET", "/v2/refunds", ""},
	{"customer.create", "POST", "/v2/customers", `{"address":"Avenida Lima 123213","address_city":"LIMA","country_code":"PE","email":"usuario@culqi.com","first_name":"Richard","last_name":"Piedpiper","phone_number":"998989789"}`},
	{"customer.list", "GET", "/v2/customers", ""},
	{"card.create", "POST", "/v2/cards", `{"token_id":"tkn_test_0CjjdWhFpEAZlxlz","customer_id":"cus_test_Lz6Yfsm7QqCPIECW"}`},
	{"card.list", "GET", "/v2/cards", ""},
	{"plan.create", "POST", "/v2/recurrent/plans/create", `{"short_name":"cppe4","description":"Cypress PCI  ERRROR NO USAR","amount":300,"currency":"PEN","interval_unit_time":1,"interval_count":1,"initial_cycles":{"count":1,"has_initial_charge":false,"amount":0,"interval_unit_time":1},"name":"plan-1a2b","metadata":{}}`},
	{"plan.list", "GET", "/v2/recurrent/plans?limit=1", ""},
	{"plan.list (no filter)", "GET", "/v2/recurrent/plans", ""},
	{"plan.read", "GET", "/v2/recurrent/plans/pln_test_Qn2xsjYuFJ3Ovxs8", ""},
	{"subscription.create", "POST", "/v2/recurrent/subscriptions/create", `{"card_id":"crd_test_TWsfemI22ypplGK6","plan_id":"pln_test_Qn2xsjYuFJ3Ovxs8","tyc":true}`},
	{"subscription.list", "GET", "/v2/recurrent/subscriptions", ""},
	{"order.create", "POST", "/v2/orders", `{"amount":1000,"currency_code":"PEN","description":"Venta de prueba","order_number":"12346shsbs_skd","client_details":{"first_name":"Richard","last_name":"Piedpiper","email":"richard@piedpiper.com","phone_number":"+51998989789"},"expiration_date":4102444800,"confirm":false}`},
	{"order.list", "GET", "/v2/orders", ""},
	{"event.list", "GET", "/v2/events", ""},
	{"iin.list", "GET", "/v2/iins", ""},
	{"iin.read", "GET", "/v2/iins/411111", ""},
	{"transfer.list", "GET", "/v2/transfers", ""},
	{"transfer.read", "GET", "/v2/transfers/trf_test_AbCdEfGhIjKlMnOp", ""},
	{"order.confirm (public key)", "POST", "/v2/orders/ord_test_V6ZYQGbmjU8ZqNQ0/confirm", `{}`},
	{"plan.update", "PATCH", "/v2/recurrent/plans/pln_test_Qn2xsjYuFJ3Ovxs8", `{"metadata":{"order_id":"0001"},"status":1,"name":"plan-1a2b","short_name":"short_plan-1a2b","description":"description"}`},
	{"plan.delete", "DELETE", "/v2/recurrent/plans/pln_test_Qn2xsjYuFJ3Ovxs8", ""},
	{"subscription.update", "PATCH", "/v2/recurrent/subscriptions/sxn_test_f4sN2yqG5qBjRr8a", `{"card_id":"crd_test_TWsfemI22ypplGK6","metadata":{"order_id":"0001"}}`},
	{"subscription.delete", "DELETE", "/v2/recurrent/subscriptions/sxn_test_f4sN2yqG5qBjRr8a", ""},
	{"token.update", "PATCH", "/v2/tokens/tkn_test_0CjjdWhFpEAZlxlz", `{"metadata":{"order_id":"0001"}}`},
	{"customer.delete", "DELETE", "/v2/customers/cus_test_Lz6Yfsm7QqCPIECW", ""},
	{"event.read", "GET", "/v2/events/evt_test_J8a0b1c2d3e4f5g6", ""},
}

func TestOfficialClientsAccepted(t *testing.T) {
	basic := "Basic " + base64.StdEncoding.EncodeToString([]byte("sk_test_node:"))
	for _, sc := range []struct {
		spec, client, auth string
		calls              []clientCall
	}{
		{"openpay-mx.yaml", "openpay-node 2.x (mx)", basic, append(append([]clientCall{}, openpayNodeCommon...), openpayNodeMX...)},
		{"openpay-pe.yaml", "openpay-node 2.x (pe)", basic, append(append([]clientCall{}, openpayNodeCommon...), openpayNodePE...)},
		{"openpay-co.yaml", "openpay-node 2.x (co)", basic, append(append([]clientCall{}, openpayNodeCommon...), openpayNodeCO...)},
		{"culqi.yaml", "culqi-python", "Bearer sk_test_1573b0e8079863ff", culqiPython},
	} {
		t.Run(sc.client, func(t *testing.T) {
			srv := mock.NewServer(t, "../specs/"+sc.spec, mock.WithLogger(nil))
			base := mock.BaseURL(srv, openpayVars)
			for _, c := range sc.calls {
				var body io.Reader
				if c.body != "" {
					body = strings.NewReader(c.body)
				}
				target := base + c.path
				if strings.HasPrefix(c.path, "@") { // outside the merchant's base path (openpay-node's sendStoreRequest)
					target = srv.URL + c.path[1:]
				}
				req, err := http.NewRequest(c.method, target, body)
				if err != nil {
					t.Fatal(err)
				}
				req.Header.Set("Authorization", sc.auth)
				req.Header.Set("Accept", "application/json")
				if c.body != "" || sc.client == "culqi-python" {
					req.Header.Set("Content-Type", "application/json")
				}
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				msg, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode >= 300 {
					u, _ := url.Parse(c.path)
					t.Errorf("%s: %s %s: %d %s", c.name, c.method, u.Path, resp.StatusCode, strings.TrimSpace(string(msg)))
				}
			}
		})
	}
}
