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
//	ensemblePart(request, runs, lo, hi, keys)
//	                         runs lo to hi−1 of that ensemble: their values
//	                         of the series keys names (a JSON array; [] for
//	                         all) as a Uint8Array over float64s
//	                         (api.Session.EnsemblePart), or an error as JSON
//	mergeParts(request, runs, keys, parts)
//	                         the bands (api.Bands) of those series from the
//	                         parts' arrays, in run order
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
	"unsafe"

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
	model.Set("ensemblePart", js.FuncOf(func(_ js.Value, args []js.Value) (out any) {
		defer func() {
			if r := recover(); r != nil {
				out = encode(map[string]string{"error": fmt.Sprint("internal error: ", r)})
			}
		}()
		var req api.Request
		if err := json.Unmarshal([]byte(args[0].String()), &req); err != nil {
			return encode(map[string]string{"error": "the page sent a request the model cannot read: " + err.Error()})
		}
		var keys []string
		if err := json.Unmarshal([]byte(args[4].String()), &keys); err != nil {
			return encode(map[string]string{"error": "the page sent series the model cannot read: " + err.Error()})
		}
		v, err := session.EnsemblePart(&req, args[1].Int(), args[2].Int(), args[3].Int(), keys)
		if err != nil {
			return encode(map[string]string{"error": err.Error()})
		}
		b := js.Global().Get("Uint8Array").New(8 * len(v))
		js.CopyBytesToJS(b, floatBytes(v))
		return b
	}))
	export("mergeParts", func(args []js.Value) any {
		var req api.Request
		if err := json.Unmarshal([]byte(args[0].String()), &req); err != nil {
			return &api.Bands{Error: "the page sent a request the model cannot read: " + err.Error()}
		}
		var keys []string
		if err := json.Unmarshal([]byte(args[2].String()), &keys); err != nil {
			return &api.Bands{Error: "the page sent series the model cannot read: " + err.Error()}
		}
		parts := make([][]float64, args[3].Length())
		for i := range parts {
			b := args[3].Index(i)
			parts[i] = make([]float64, b.Get("length").Int()/8)
			js.CopyBytesToGo(floatBytes(parts[i]), b)
		}
		return session.MergeParts(&req, args[1].Int(), keys, parts)
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

// floatBytes returns the memory of v as bytes: little-endian float64s, as
// a Float64Array's bytes, since WebAssembly is little-endian.
func floatBytes(v []float64) []byte {
	if len(v) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&v[0])), 8*len(v))
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
