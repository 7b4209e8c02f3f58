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
