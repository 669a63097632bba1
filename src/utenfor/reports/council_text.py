"""The result in plain words for a council, after the guide's example ("Eksempel på hvordan
resultatene kan presenteres", seed 004). One text per sentence, written in bokmål with named
placeholders and translated through the catalogue; the numbers are filled in as the language
writes them."""

from __future__ import annotations

from utenfor.model.result import Result
from utenfor.reports.language import N_, area_name, num, tr
from utenfor.terms import DATA_AREAS

# How the guide phrases where savings come from, per area; an area without a phrase is named.
_WHERE = {
    "transfers": N_("reduserte utgifter til trygdeytelser og sosialhjelp"),
    "tax": N_("økte skatteinntekter"),
    "health": N_("reduserte utgifter til helsetjenester"),
    "education": N_("endrede utgifter til utdanning"),
    "corrections": N_("reduserte utgifter til kriminalomsorg"),
    "child_welfare": N_("reduserte kostnader i barnevernet"),
}


def about(amount: float, lang: str = "nb") -> str:
    """'ca. 2,8 millioner kroner', 'ca. 440 000 kroner': rounded the way people say it."""
    size = abs(amount)
    if size >= 1_000_000:
        return tr("ca. {amount} millioner kroner", lang).format(amount=num(size / 1e6, lang, 1))
    rounded = round(size, -4) if size >= 10_000 else size
    return tr("ca. {amount} kroner", lang).format(amount=num(rounded, lang))


def _main_source(result: Result, payer: str, lang: str) -> str:
    gains = {a: result.by_area[a][payer] for a in DATA_AREAS}
    best = max(gains, key=gains.get)
    if gains[best] > 0 and best in _WHERE:
        return tr(_WHERE[best], lang)
    return area_name(best, lang).lower()


def council_text(result: Result, lang: str = "nb") -> list[str]:
    """Three short paragraphs, as in the guide."""
    s, years, gain = result.scenario, result.plan.horizon, result.net_gain
    kommune, county, stat = gain["kommune"], gain["fylkeskommune"], gain["stat"]
    first = tr(
        "Hvis vi klarer å få {rate} prosent av de vi retter tiltaket mot til å unngå å havne "
        "i utenforskap, vil kommunen {verb} {amount} de neste {years} årene. Dette når "
        "kostnader knyttet til å gjennomføre tiltaket, og kostnader knyttet til dem som ikke "
        "inkluderes i arbeidslivet, er regnet med.", lang,
    ).format(rate=num(s.success_rate_pct, lang, 2), amount=about(kommune, lang), years=years,
             verb=tr(N_("spare") if kommune >= 0 else N_("tape"), lang))  # fmt: skip
    if kommune > 0:
        first += " " + tr("Besparelsene i kommunen hentes i hovedsak gjennom {source}.",
                          lang).format(source=_main_source(result, "kommune", lang))  # fmt: skip
    second = tr(
        "Resultatene viser også at staten får en netto {kind} på {amount}, i hovedsak gjennom "
        "{source}, og at fylkeskommunen får {county} {county_kind}. Modellen regner ikke med "
        "bortfall av sosial arv av trygdeytelser.", lang,
    ).format(kind=tr(N_("gevinst") if stat >= 0 else N_("kostnad"), lang),
             amount=about(stat, lang), source=_main_source(result, "stat", lang),
             county=about(county, lang),
             county_kind=tr(N_("i gevinst") if county >= 0 else N_("i kostnad"), lang))  # fmt: skip
    be = result.break_even
    if be is None:
        third = tr("Samlet sett går tiltaket ikke i balanse innen {years} år med disse "
                   "forutsetningene.", lang).format(years=years)  # fmt: skip
    elif be["years"] == 0:
        third = tr("Samfunnet sparer penger på tiltaket fra første år.", lang)
    else:
        third = tr("Resultatene viser at samfunnet vil begynne å spare penger {years} år etter "
                   "at tiltaket er satt i gang (i {year}).", lang).format(**be)  # fmt: skip
    return [first, second, third]
