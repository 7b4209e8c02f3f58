package scenario

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"simulate/model"
)

// FuzzLoad feeds arbitrary bytes to Load as a scenario file that sits
// beside copies of the bundled scenarios (so that extends can reach them).
// Load must return a scenario or an *Error, never panic and never another
// kind of error; a scenario it accepts must pass model validation and, if
// its horizon is short enough to run quickly, run to finite results (the
// loader's ranges exist so that no accepted value breaks the arithmetic).
// The seed corpus is the bundled scenarios and a few odd files; go test
// runs only the seeds, go test -fuzz=FuzzLoad ./internal/scenario explores.
func FuzzLoad(f *testing.F) {
	bundled, err := filepath.Glob(filepath.Join("..", "..", "scenarios", "*.toml"))
	if err != nil || len(bundled) == 0 {
		f.Fatalf("no bundled scenarios (%v)", err)
	}
	dir := f.TempDir()
	for _, path := range bundled {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(path)), data, 0o644); err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, seed := range []string{
		"",
		"extends = \"baseline.toml\"\n[actors.ROK]\ndefense_pct = { 2025 = 2.6, 2035 = 3.5 }\n",
		"extends = \"fuzz.toml\"\n",
		"extends = \"baseline.toml\"\n[[events]]\nyear = 2030\nkind = \"trade_dispute\"\nseverity = 1\n",
		"extends = \"baseline.toml\"\nevents = [{ year = 2030, kind = \"political_crisis\", actor = \"US\", severity = 0.5 }]\n",
		"extends = \"baseline.toml\"\n[params]\ninertia = 0.9\n[params.ROK]\ninertia = 0.7\n",
		"a = \"\"\"\nx = 1\n\"\"\"\n[b\n",
		"x = { a = 1,\n b = [\n{c = 2}] }\n",
		"extends = \"baseline.toml\"\nend_year = 2030\n[actors.DPRK]\ndefense_pct = 25\nwarheads = 90\n",
		"extends = \"baseline.toml\"\n[actors.ROK]\ninitial_defense_pct = 2.5\nmilitary_capital_usd_bn = 300\n",
		"extends = \"baseline.toml\"\n[alliance]\nus_commitment_pct = { 2025 = 100, 2030 = 0 }\ntariff_pct = 100\nhost_nation_support_krw_tn = { 2026 = 0 }\n",
		"extends = \"baseline.toml\"\n[region]\nrussia_dprk_cooperation = 1\ndprk_provocation = 1\ntaiwan_tension = 1\n",
		"extends = \"masga.toml\"\n[[investments]]\nname = \"x\"\nfrom = \"JPN\"\nto = \"US\"\nsector = \"shipbuilding\"\ntotal_usd_bn = 1e5\nstart_year = 2026\nannual_cap_usd_bn = 1e-9\n",
		"title = \"t\"\nstart_year = 1900\nend_year = 2200\nactors.US.gdp_usd_bn = 1e-6\n",
		"extends = \"baseline.toml\"\n[params.DPRK]\nmin_share_pct = 15\nmax_share_pct = 40\n[params]\ntariff_no_deal_pct = 50\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "fuzz.toml")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		l, err := Load(path)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Load returned %T, not *Error: %v", err, err)
			}
			if e.File == "" || e.Msg == "" {
				t.Fatalf("an error without a file or a message: %#v", e)
			}
			return
		}
		if err := l.Scenario.Validate(); err != nil {
			t.Fatalf("Load accepted a scenario that fails validation: %v", err)
		}
		if l.Scenario.Years() <= 60 {
			if _, err := model.Run(l.Scenario); err != nil {
				t.Fatalf("Load accepted a scenario the model cannot run: %v", err)
			}
		}
	})
}
