package model

import "fmt"

// A run of the test scenario: 2025–2030 without growth or inflation, ROK on
// a path of 2.5% of a GDP of 2,000 bn, so its defense spending is 50 bn in
// every year (2,000 × 2.5%).
func ExampleRun() {
	res, err := Run(testScenario())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d–%d\n", res.Years[0], res.Years[len(res.Years)-1])
	for _, y := range []int{2025, 2030} {
		gdp, _ := res.Value("gdp", "ROK", y)
		spending, _ := res.Value("defense_spending", "ROK", y)
		fmt.Printf("%d: ROK GDP %.0f bn, defense spending %.1f bn\n", y, gdp, spending)
	}
	// Output:
	// 2025–2030
	// 2025: ROK GDP 2000 bn, defense spending 50.0 bn
	// 2030: ROK GDP 2000 bn, defense spending 50.0 bn
}

// With no DPRK capital and no warheads, capability is 100 and full US
// commitment makes will 100, so credibility is the cube root of
// 100 · 100 · communication: (100 · 100 · 64)^(1/3) = 86.18. Without
// signals it collapses to 0, as a geometric mean does.
func ExampleDeterrenceCredibility() {
	p := DefaultParams()
	in := DeterrenceInputs{ROKCapital: 100, USCapitalForKorea: 100, Commitment: 100, Signal: 64}
	d := DeterrenceCredibility(in, &p)
	fmt.Printf("capability %.0f, will %.0f, communication %.0f: %.2f\n", d.Capability, d.Will, d.Communication, d.Credibility)
	in.Signal = 0
	fmt.Printf("%.2f\n", DeterrenceCredibility(in, &p).Credibility)
	// Output:
	// capability 100, will 100, communication 64: 86.18
	// 0.00
}
