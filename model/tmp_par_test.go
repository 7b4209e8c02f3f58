package model_test

import (
	"testing"

	"simulate/model"
)

func BenchmarkTmpParallelRun(b *testing.B) {
	sc := loadBench(b, "../scenarios/3.5pct.toml")
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := model.Run(sc); err != nil {
				b.Fatal(err)
			}
		}
	})
}
