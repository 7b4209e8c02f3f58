package hindcast

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"simulate/model"
)

func TestFromZStaysInRange(t *testing.T) {
	for _, z := range []float64{-1e6, -40, -1, 0, 1, 40, 1e6} {
		v := fromZ(z, 0.6, 0.97)
		if v < 0.6 || v > 0.97 {
			t.Errorf("fromZ(%v) = %v, outside 0.6–0.97", z, v)
		}
	}
	if got := fromZ(toZ(0.85, 0.6, 0.97), 0.6, 0.97); got < 0.85-1e-12 || got > 0.85+1e-12 {
		t.Errorf("fromZ(toZ(0.85)) = %v", got)
	}
}

// One calibration, shared by the tests below: it takes about a second.
func calibrated(t *testing.T) *Fit {
	t.Helper()
	if testing.Short() {
		t.Skip("calibration skipped in -short mode")
	}
	fit, err := Calibrate(loadBaseline(t), embedded(t))
	if err != nil {
		t.Fatal(err)
	}
	return fit
}

func TestCalibration(t *testing.T) {
	fit := calibrated(t)
	t.Run("improves the fit window", func(t *testing.T) {
		before := fit.BeforeResult.MeanShareMAPE(FitWindow)
		if !(fit.Objective < before) {
			t.Errorf("objective %.3f after, %.3f before", fit.Objective, before)
		}
	})
	t.Run("stays in range", func(t *testing.T) {
		for i, c := range fit.Coefficients {
			lo, hi := c.Spec.Range(c.Actor)
			if fit.After[i] < lo || fit.After[i] > hi {
				t.Errorf("%s = %v, outside %v–%v", c.Name(), fit.After[i], lo, hi)
			}
		}
	})
	t.Run("deterministic", func(t *testing.T) {
		again := calibrated(t)
		if !reflect.DeepEqual(fit.After, again.After) || !reflect.DeepEqual(fit.HeldCost, again.HeldCost) {
			t.Errorf("two calibrations differ: %v and %v", fit.After, again.After)
		}
	})
	// The baseline must hold what calibrate prints: a model change that
	// moves the fit fails here until the new values are pasted
	// (simulate calibrate -toml).
	t.Run("baseline holds the fitted values", func(t *testing.T) {
		base := loadBaseline(t)
		for i, c := range fit.Coefficients {
			if got := c.Spec.Get(&base.Params, c.Actor); got != fit.After[i] {
				t.Errorf("scenarios/baseline.toml has %s = %v, calibrate fits %v: paste `simulate calibrate -toml` into it", c.Name(), got, fit.After[i])
			}
		}
	})
	t.Run("TOML round trip", func(t *testing.T) {
		var buf bytes.Buffer
		if err := WriteTOML(&buf, fit); err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Params map[string]any `toml:"params"`
		}
		if _, err := toml.Decode(buf.String(), &doc); err != nil {
			t.Fatalf("printed TOML does not parse: %v\n%s", err, buf.String())
		}
		for i, c := range fit.Coefficients {
			var v any = doc.Params[c.Spec.Key]
			if c.Spec.PerActor {
				tbl, _ := doc.Params[c.Actor.String()].(map[string]any)
				v = tbl[c.Spec.Key]
			}
			var got float64
			switch x := v.(type) {
			case float64:
				got = x
			case int64:
				got = float64(x)
			default:
				t.Errorf("%s missing from the TOML", c.Name())
				continue
			}
			if got != fit.After[i] {
				t.Errorf("TOML has %s = %v, fit %v", c.Name(), got, fit.After[i])
			}
		}
		if !strings.Contains(buf.String(), FitWindow.String()) || !strings.Contains(buf.String(), "Nelder–Mead") {
			t.Errorf("the TOML's comment should name the fit window and the method:\n%s", buf.String())
		}
	})
}

func TestFittedCoefficients(t *testing.T) {
	coefs, err := Fitted()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range coefs {
		names = append(names, c.Name())
		if c.Spec.PerActor && c.Actor == model.DPRK {
			t.Errorf("%s: the record has no DPRK series to fit", c.Name())
		}
		if c.Spec.Key == "threat_response_pct" {
			t.Error("threat_response_pct is the published figure; the fit moves threat_to_dispute_pp")
		}
	}
	want := "inertia.US inertia.ROK inertia.CHN inertia.JPN reaction_elasticity.US reaction_elasticity.ROK reaction_elasticity.CHN reaction_elasticity.JPN free_ride_slope.ROK free_ride_slope.JPN threat_to_dispute_pp"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("fitted coefficients:\n got %s\nwant %s", got, want)
	}
}
