package hindcast

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"simulate/model"
)

// eventsHeader is the header the events file must have.
var eventsHeader = []string{"year", "kind", "actor", "severity", "event", "source"}

// ParseEvents reads the events CSV (the format of data/events-2015-2024.csv):
// one dated event per row with the model's event kind, the actor for a
// political crisis, and a severity in 0–1. name labels errors.
func ParseEvents(name string, data []byte) ([]model.Event, error) {
	r, err := openCSV(name, data, eventsHeader)
	if err != nil {
		return nil, err
	}
	var out []model.Event
	for {
		f, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		line, _ := r.FieldPos(0)
		var e model.Event
		if e.Year, err = strconv.Atoi(f[0]); err != nil {
			return nil, fmt.Errorf("%s:%d: year %q is not an integer", name, line, f[0])
		}
		var ok bool
		if e.Kind, ok = model.ParseEventKind(f[1]); !ok {
			return nil, fmt.Errorf("%s:%d: unknown event kind %q (kinds: %s)", name, line, f[1], strings.Join(model.EventKindNames(), ", "))
		}
		switch {
		case f[2] != "":
			if e.Actor, ok = model.ParseActor(f[2]); !ok {
				return nil, fmt.Errorf("%s:%d: unknown actor %q", name, line, f[2])
			}
		case e.Kind.NeedsActor():
			return nil, fmt.Errorf("%s:%d: a %s needs an actor", name, line, e.Kind)
		}
		e.Severity, err = strconv.ParseFloat(f[3], 64)
		if err != nil || !(e.Severity >= 0 && e.Severity <= 1) {
			return nil, fmt.Errorf("%s:%d: severity %q is not a number from 0 to 1", name, line, f[3])
		}
		out = append(out, e)
	}
}
