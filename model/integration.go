package model

import "math"

// IndustrialIntegration returns the economic embeddedness of the alliance,
// 0–100. No published formula exists; this is a transparent composite whose
// weights are parameters (normalized by their sum):
//
//	100 · (w_b·1 + w_i·(1 − e^(−stock/ref)) + w_t·(1 − tariff/scale)) / (w_b + w_i + w_t)
//
// the base for ties that predate the scenario (KORUS FTA), cumulative ROK
// investment in the US with diminishing returns, and open trade.
//
// Extremes: 100·w_b/Σw with no investment and a prohibitive tariff; 100 in
// the limit of unbounded investment and zero tariff.
//
// References: Jurászik (2026) on "sovereignty through trade"; judgment.
func IndustrialIntegration(stock, tariff float64, p *Params) float64 {
	inv := 1 - math.Exp(-max(stock, 0)/p.IntegrationStockRef)
	trade := clamp(1-ratio(tariff, p.TariffScalePct), 0, 1)
	w := []float64{p.IntegrationWeightBase, p.IntegrationWeightInvestment, p.IntegrationWeightTrade}
	return clamp(100*weighted(w, []float64{1, inv, trade}), 0, 100)
}
