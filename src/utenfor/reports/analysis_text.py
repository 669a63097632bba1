"""The what-if answers in plain words (issue 6): "Tiltaket lønner seg samlet hvis minst 2,3 av
100 deltakere får et gjennomsnittlig livsløp". Written in bokmål with named placeholders and
translated through the catalogue."""

from __future__ import annotations

from utenfor.model.analysis_results import Analysis
from utenfor.reports.council_text import about
from utenfor.reports.language import num, payer_name, tr
from utenfor.terms import PAYERS


def threshold_sentences(analysis: Analysis, lang: str = "nb") -> list[str]:
    t = analysis.thresholds
    out = []
    rate = t.success_rate_pct["total"]
    if rate is None:
        out.append(tr("Tiltaket lønner seg ikke samlet, uansett hvor mange det hjelper.", lang))
    elif rate <= 100:
        out.append(tr("Tiltaket lønner seg samlet hvis minst {count} av 100 deltakere får et "
                      "gjennomsnittlig livsløp (suksessrate {rate} prosentpoeng).", lang)
                   .format(count=num(rate, lang, 1), rate=num(rate, lang, 2)))  # fmt: skip
    else:
        out.append(tr("Tiltaket lønner seg ikke samlet selv om alle deltakerne lykkes.", lang))
    for payer in PAYERS:
        r = t.success_rate_pct[payer]
        name = payer_name(payer, lang).lower()
        if r is None:
            text = tr("For {payer} lønner tiltaket seg ikke ved noen suksessrate.", lang)
        elif r <= 0:
            text = tr("For {payer} lønner det seg ved enhver suksessrate over null.", lang)
        elif r <= 100:
            text = tr("For {payer} lønner det seg fra {rate} prosentpoeng.", lang)
        else:
            continue
        out.append(text.format(payer=name, rate=num(r, lang, 2) if r is not None else ""))
    cost = t.cost_per_year
    if cost is not None and cost > 0:
        out.append(tr("Med suksessraten som er lagt inn, lønner tiltaket seg samlet så lenge det "
                      "koster under {amount} kroner per år.", lang)
                   .format(amount=num(cost, lang)))  # fmt: skip
    be = t.break_even_within
    need = be.success_rate_pct
    if need is not None and need <= 100:
        out.append(tr("For å gå i balanse innen {years} år må suksessraten være minst {rate} "
                      "prosentpoeng.", lang)
                   .format(years=be.years, rate=num(need, lang, 1)))  # fmt: skip
    u = analysis.uncertainty
    p10 = u.net_gain["total"].p10
    out.append(tr("Med usikkerheten som er lagt inn ({draws} trekninger) er nettogevinsten "
                  "{amount} eller mer i ni av ti tilfeller; sannsynligheten for at tiltaket "
                  "lønner seg samlet er {probability} %.", lang)
               .format(draws=num(u.draws, lang),
                       amount=about(p10, lang) if p10 >= 0 else "minus " + about(p10, lang),
                       probability=num(u.probability_positive * 100, lang)))  # fmt: skip
    return out
