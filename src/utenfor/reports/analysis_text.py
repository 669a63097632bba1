"""The what-if answers in plain bokmål (issue 6): "Tiltaket lønner seg samlet hvis minst 2,3
av 100 deltakere får et gjennomsnittlig livsløp"."""

from __future__ import annotations

from typing import Any

from utenfor.formatting import number, trim
from utenfor.reports.council_text import about
from utenfor.terms import PAYER_NAMES_NB, PAYERS


def threshold_sentences(analysis: dict[str, Any]) -> list[str]:
    t = analysis["thresholds"]
    out = []
    rate = t["success_rate_pct"]["total"]
    if rate is None:
        out.append("Tiltaket lønner seg ikke samlet, uansett hvor mange det hjelper.")
    elif rate <= 100:
        out.append(
            f"Tiltaket lønner seg samlet hvis minst {trim(rate, 1)} av 100 deltakere får et "
            f"gjennomsnittlig livsløp (suksessrate {trim(rate, 2)} prosentpoeng)."
        )
    else:
        out.append("Tiltaket lønner seg ikke samlet selv om alle deltakerne lykkes.")
    for payer in PAYERS:
        r = t["success_rate_pct"][payer]
        name = PAYER_NAMES_NB[payer].lower()
        if r is None:
            out.append(f"For {name} lønner tiltaket seg ikke ved noen suksessrate.")
        elif r <= 0:
            out.append(f"For {name} lønner det seg ved enhver suksessrate over null.")
        elif r <= 100:
            out.append(f"For {name} lønner det seg fra {trim(r, 2)} prosentpoeng.")
    cost = t["cost_per_year"]
    if cost is not None and cost > 0:
        out.append(
            f"Med suksessraten som er lagt inn, lønner tiltaket seg samlet så lenge det koster "
            f"under {number(cost)} kroner per år."
        )
    be = t["break_even_within"]
    if be["success_rate_pct"] is not None and be["success_rate_pct"] <= 100:
        out.append(
            f"For å gå i balanse innen {be['years']} år må suksessraten være minst "
            f"{trim(be['success_rate_pct'], 1)} prosentpoeng."
        )
    u = analysis["uncertainty"]
    q = u["net_gain"]["total"]
    out.append(
        f"Med usikkerheten som er lagt inn ({number(u['draws'])} trekninger) er nettogevinsten "
        f"{about(q['p10']) if q['p10'] >= 0 else 'minus ' + about(q['p10'])} eller mer i ni av "
        f"ti tilfeller; sannsynligheten for at tiltaket lønner seg samlet er "
        f"{trim(u['probability_positive'] * 100, 0)} %."
    )
    return out
