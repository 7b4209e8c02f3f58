package study_test

import (
	"bytes"
	"fmt"
	"strings"

	"simulate/internal/scenario"
	"simulate/internal/study"
)

// A run in memory: the scenario's files as bytes and its manifest, nothing
// written; output.WriteDir and output.WriteFiles would write them whole.
func ExampleRunScenario() {
	path := "../../scenarios/baseline.toml"
	l, err := scenario.Load(path)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := study.RunScenario(study.Scenario{Path: path, Loaded: l}, study.RunOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("directory:", r.Dir)
	header, _, _ := strings.Cut(string(r.File("series.csv")), "\n")
	fmt.Println("series.csv:", header)
	fmt.Println("report.html inlines the dashboard:", bytes.Contains(r.File("report.html"), []byte("<svg")))
	fmt.Println("manifest lists every file:", len(r.Manifest.Outputs) == len(r.Files))
	fmt.Println("last file:", r.Files[len(r.Files)-1].Name)
	// Output:
	// directory: baseline
	// series.csv: year,subject,indicator,unit,value
	// report.html inlines the dashboard: true
	// manifest lists every file: true
	// last file: manifest.json
}

// A sweep is checked before it runs: a range that runs backwards is a
// RequestError, which the command line reports as a usage error.
func ExampleNewSweep() {
	path := "../../scenarios/baseline.toml"
	l, err := scenario.Load(path)
	if err != nil {
		fmt.Println(err)
		return
	}
	s := study.Scenario{Path: path, Loaded: l}
	_, err = study.NewSweep(s, []string{"actors.ROK.defense_pct=2:1:0.5"}, string(study.DefaultIndicator), "")
	fmt.Println(err)
	q, err := study.NewSweep(s, []string{"actors.ROK.defense_pct=2.5:3.5:0.5"}, string(study.DefaultIndicator), "")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(q.Axes[0].Values, q.Target)
	// Output:
	// sweep: -set actors.ROK.defense_pct=2:1:0.5: HIGH 1 is below LOW 2
	// [2.5 3 3.5] deterrence_credibility for US-ROK in 2040
}
