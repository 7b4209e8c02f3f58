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
	return industrialIntegration(stockSaturation(stock, p), tariff, p)
}

// stockSaturation is an embedded investment stock's effect with
// diminishing returns, 1 − e^(−stock/ref), 0–1, with ref
// integration_stock_ref: the investment term of IndustrialIntegration, and
// what a stock adds to the log-odds of the US commitment target.
func stockSaturation(stock float64, p *Params) float64 {
	if stock <= 0 && p.IntegrationStockRef > 0 {
		// No stock (the other allies' in most scenarios): e^(−0) is 1
		// exactly, so the formula's value is +0, without the call.
		return 0
	}
	return 1 - math.Exp(-max(stock, 0)/p.IntegrationStockRef)
}

// industrialIntegration is IndustrialIntegration from the investment
// stock's saturation, inv.
func industrialIntegration(inv, tariff float64, p *Params) float64 {
	trade := clamp(1-ratio(tariff, p.TariffScalePct), 0, 1)
	return clamp(100*weighted3(p.IntegrationWeightBase, p.IntegrationWeightInvestment, p.IntegrationWeightTrade, 1, inv, trade), 0, 100)
}
