"""The what-if answers in plain bokmål (issue 6): "Tiltaket lønner seg samlet hvis minst 2,3
av 100 deltakere får et gjennomsnittlig livsløp"."""

from __future__ import annotations

from typing import Any

from utenfor.formatting import number, trim
from utenfor.reports.council_text import about
from utenfor.terms import PAYER_NAMES_NB, PAYERS


def threshold_sentences_en(analysis: dict[str, Any]) -> list[str]:
    t = analysis["thresholds"]
    out = []
    rate = t["success_rate_pct"]["total"]
    if rate is None:
        out.append("The intervention does not pay off overall, however many it helps.")
    elif rate <= 100:
        out.append(f"The intervention pays off overall if at least {rate:.1f} of 100 "
                   f"participants reach an average life course (success rate {rate:.2f} "
                   f"percentage points).")  # fmt: skip
    else:
        out.append("The intervention does not pay off overall even if every participant succeeds.")
    names = {"kommune": "the municipality", "fylkeskommune": "the county", "stat": "the state"}
    for payer in PAYERS:
        r = t["success_rate_pct"][payer]
        if r is None:
            out.append(f"For {names[payer]} it pays off at no success rate.")
        elif r <= 0:
            out.append(f"For {names[payer]} it pays off at any success rate above zero.")
        elif r <= 100:
            out.append(f"For {names[payer]} it pays off from {r:.2f} percentage points.")
    cost = t["cost_per_year"]
    if cost is not None and cost > 0:
        out.append(f"At the entered success rate, it pays off overall as long as it costs less "
                   f"than NOK {cost:,.0f} a year.")  # fmt: skip
    be = t["break_even_within"]
    if be["success_rate_pct"] is not None and be["success_rate_pct"] <= 100:
        out.append(f"To break even within {be['years']} years the success rate must be at least "
                   f"{be['success_rate_pct']:.1f} percentage points.")  # fmt: skip
    u = analysis["uncertainty"]
    q = u["net_gain"]["total"]
    out.append(f"With the uncertainty entered ({u['draws']:,} draws) the net gain is NOK "
               f"{q['p10']:,.0f} or more in nine cases of ten; the probability that it pays off "
               f"overall is {u['probability_positive'] * 100:.0f} %.")  # fmt: skip
    return out


def threshold_sentences(analysis: dict[str, Any], lang: str = "nb") -> list[str]:
    if lang == "en":
        return threshold_sentences_en(analysis)
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
