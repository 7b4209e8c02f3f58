package model

// AllianceCohesion returns US–ROK cohesion, 0–100: trust blended with the
// similarity of the allies' positions on three dimensions, each a distance
// normalized to 0–1:
//
//	defense effort: max(share the US asks for − ROK share, 0) / share asked
//	                (spending above the ask is no disagreement)
//	commitment:     (100 − US commitment) / 100     (ROK wants full commitment)
//	trade:          tariff / tariff scale            (ROK wants free trade)
//
// Similarity is 1 − the weighted mean distance (cohesion_weight_*), the Signorino–Ritter S rescaled from
// [−1, 1] to [0, 1]. Cohesion = w·trust + (1 − w)·100·similarity.
//
// Extremes: 100 with full trust and identical positions; 0 with no trust
// and positions at maximal distance.
//
// References: Signorino & Ritter (1999); concordance of burdens and benefits
// (Sandler & Hartley 2001); judgment for the dimensions.
func AllianceCohesion(trust, rokShare, commitment, tariff float64, p *Params) float64 {
	effort := clamp(ratio(max(p.USExpectedROKSharePct-rokShare, 0), p.USExpectedROKSharePct), 0, 1)
	commit := clamp((100-commitment)/100, 0, 1)
	trade := clamp(ratio(tariff, p.TariffScalePct), 0, 1)
	similarity := 1 - weighted3(p.CohesionWeightEffort, p.CohesionWeightCommitment, p.CohesionWeightTrade, effort, commit, trade)
	w := clamp(p.CohesionTrustWeight, 0, 1)
	return clamp(w*clamp(trust, 0, 100)+(1-w)*100*similarity, 0, 100)
}
