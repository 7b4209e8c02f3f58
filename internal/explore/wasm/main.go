//go:build js && wasm

// Command wasm is the model as the explorer page runs it: compiled with
// GOOS=js GOARCH=wasm (go generate in internal/explore), it sets
// globalThis.simulateModel to functions that take and return JSON text:
//
//	files(json)              the scenario files, {"path": "text", ...}
//	schema()                 the levers' definitions (api.Schema)
//	apply(request[, buffer]) one run of the changes (api.Request → api.Run);
//	                         with buffer, a Uint8Array over a Float64Array of
//	                         series × years, the values go there, series by series
//	ensemble(request, runs)  the bands of an ensemble (api.Bands)
//	csv(request, series)     the run's series named ["indicator subject", ...] as CSV
//
// and then waits for calls, forever.
package main

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"syscall/js"

	"simulate/internal/explore/api"
)

func main() {
	var session *api.Session
	model := js.Global().Get("Object").New()
	export := func(name string, f func(args []js.Value) any) {
		model.Set(name, js.FuncOf(func(_ js.Value, args []js.Value) (out any) {
			defer func() {
				if r := recover(); r != nil {
					out = encode(map[string]string{"error": fmt.Sprint("internal error: ", r)})
				}
			}()
			return encode(f(args))
		}))
	}
	export("files", func(args []js.Value) any {
		var fs api.Files
		if err := json.Unmarshal([]byte(args[0].String()), &fs); err != nil {
			return map[string]string{"error": err.Error()}
		}
		session = api.NewSession(fs)
		return map[string]int{"files": len(fs)}
	})
	export("schema", func([]js.Value) any { return api.NewSchema() })
	export("apply", func(args []js.Value) any {
		var req api.Request
		if err := json.Unmarshal([]byte(args[0].String()), &req); err != nil {
			return &api.Run{Error: "the page sent a request the model cannot read: " + err.Error()}
		}
		r := session.Apply(&req)
		if len(args) > 1 && r.Error == "" {
			// The values go into the caller's buffer, not the JSON: a
			// slider move then encodes and decodes no numbers.
			if err := copyValues(args[1], r.Values); err != nil {
				r.Error = err.Error()
			}
			r.Values = nil
		}
		return r
	})
	export("ensemble", func(args []js.Value) any {
		var req api.Request
		if err := json.Unmarshal([]byte(args[0].String()), &req); err != nil {
			return &api.Bands{Error: "the page sent a request the model cannot read: " + err.Error()}
		}
		return session.Ensemble(&req, args[1].Int())
	})
	export("csv", func(args []js.Value) any {
		var req api.Request
		var shown []string
		if err := json.Unmarshal([]byte(args[0].String()), &req); err != nil {
			return map[string]string{"error": err.Error()}
		}
		if err := json.Unmarshal([]byte(args[1].String()), &shown); err != nil {
			return map[string]string{"error": err.Error()}
		}
		csv, err := session.CSV(&req, shown)
		if err != nil {
			return map[string]string{"error": err.Error()}
		}
		return map[string]string{"csv": csv}
	})
	js.Global().Set("simulateModel", model)
	select {}
}

func encode(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		b, _ = json.Marshal(map[string]string{"error": err.Error()})
	}
	return string(b)
}

// copyValues writes values, series after series, into dst, a Uint8Array of
// exactly their size, as little-endian float64 (a Float64Array's bytes).
func copyValues(dst js.Value, values [][]float64) error {
	n := 0
	for _, v := range values {
		n += len(v)
	}
	if got := dst.Get("length").Int(); got != 8*n {
		return fmt.Errorf("the page's buffer holds %d bytes, the run %d values", got, n)
	}
	b := make([]byte, 0, 8*n)
	for _, v := range values {
		for _, x := range v {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
		}
	}
	js.CopyBytesToJS(dst, b)
	return nil
}
