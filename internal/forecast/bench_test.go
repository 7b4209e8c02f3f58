package forecast

import (
	"testing"

	"simulate/model"
)

func BenchmarkEstimateRule(b *testing.B) {
	rec := embedded(b)
	p := model.DefaultParams()
	for b.Loop() {
		if _, err := EstimateRule(&p, rec); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvaluate(b *testing.B) {
	rec := embedded(b)
	p := model.DefaultParams()
	for b.Loop() {
		if _, err := Evaluate(&p, rec); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBootstrap(b *testing.B) {
	rec := embedded(b)
	p := model.DefaultParams()
	est, err := EstimateRule(&p, rec)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := est.Bootstrap(); err != nil {
			b.Fatal(err)
		}
	}
}
