"""The result in plain bokmål for a council, after the guide's example ("Eksempel på hvordan
resultatene kan presenteres", seed 004)."""

from __future__ import annotations

from utenfor.formatting import number, trim
from utenfor.model.result import Result
from utenfor.terms import AREA_NAMES_NB, DATA_AREAS

# How the guide phrases where savings come from, per area.
_WHERE = {
    "transfers": "reduserte utgifter til trygdeytelser og sosialhjelp",
    "tax": "økte skatteinntekter",
    "health": "reduserte utgifter til helsetjenester",
    "education": "endrede utgifter til utdanning",
    "corrections": "reduserte utgifter til kriminalomsorg",
    "child_welfare": "reduserte kostnader i barnevernet",
}


def about(amount: float) -> str:
    """'ca. 2,8 millioner kroner', 'ca. 440 000 kroner': rounded the way people say it."""
    size = abs(amount)
    if size >= 1_000_000:
        return f"ca. {trim(size / 1_000_000, 1)} millioner kroner"
    if size >= 10_000:
        return f"ca. {number(round(size, -4))} kroner"
    return f"ca. {number(size)} kroner"


def _main_source(result: Result, payer: str) -> str:
    gains = {a: result.by_area[a][payer] for a in DATA_AREAS}
    best = max(gains, key=gains.get)
    return _WHERE[best] if gains[best] > 0 else AREA_NAMES_NB[best].lower()


_WHERE_EN = {
    "transfers": "lower spending on benefits and social assistance",
    "tax": "higher tax revenue",
    "health": "lower spending on health services",
    "education": "changed spending on education",
    "corrections": "lower spending on corrections",
    "child_welfare": "lower child-welfare costs",
}


def about_en(amount: float) -> str:
    """'about NOK 2.8 million', 'about NOK 440,000'."""
    size = abs(amount)
    if size >= 1_000_000:
        return f"about NOK {size / 1_000_000:.1f} million".replace(".0 million", " million")
    if size >= 10_000:
        return f"about NOK {round(size, -4):,.0f}"
    return f"about NOK {size:,.0f}"


def _main_source_en(result: Result, payer: str) -> str:
    gains = {a: result.by_area[a][payer] for a in DATA_AREAS}
    best = max(gains, key=gains.get)
    return _WHERE_EN[best] if gains[best] > 0 else best.replace("_", " ")


def council_text_en(result: Result) -> list[str]:
    """The same three paragraphs in English."""
    s = result.scenario
    years = result.plan.horizon
    kommune, stat = result.net_gain["kommune"], result.net_gain["stat"]
    county = result.net_gain["fylkeskommune"]
    first = (
        f"If we manage to help {trim(s.success_rate_pct).replace(',', '.')} per cent of those "
        f"the intervention reaches avoid exclusion, the municipality will "
        f"{'save' if kommune >= 0 else 'lose'} {about_en(kommune)} over the next {years} years, "
        f"counting the cost of the intervention and the costs of those who do not enter work."
    )
    if kommune > 0:
        first += (
            f" The municipality's savings come mainly from {_main_source_en(result, 'kommune')}."
        )
    second = (
        f"The state gets a net {'gain' if stat >= 0 else 'cost'} of {about_en(stat)}, mainly "
        f"through {_main_source_en(result, 'stat')}, and the county "
        f"{'gains' if county >= 0 else 'loses'} {about_en(county)}. The model does not count "
        f"fewer benefits being passed on between generations."
    )
    be = result.break_even
    if be is None:
        third = f"Overall, the intervention does not break even within {years} years."
    elif be["years"] == 0:
        third = "Society saves money on the intervention from the first year."
    else:
        third = (f"Society starts saving money {be['years']} years after the intervention "
                 f"starts (in {be['year']}).")  # fmt: skip
    return [first, second, third]


def council_text(result: Result, lang: str = "nb") -> list[str]:
    """Three short paragraphs, as in the guide."""
    if lang == "en":
        return council_text_en(result)
    s = result.scenario
    years = result.plan.horizon
    kommune = result.net_gain["kommune"]
    verb = "spare" if kommune >= 0 else "tape"
    first = (
        f"Hvis vi klarer å få {trim(s.success_rate_pct)} prosent av de vi retter tiltaket mot "
        f"til å unngå å havne i utenforskap, vil kommunen {verb} {about(kommune)} de neste "
        f"{years} årene. Dette når kostnader knyttet til å gjennomføre tiltaket, og kostnader "
        f"knyttet til dem som ikke inkluderes i arbeidslivet, er regnet med."
    )
    if kommune > 0:
        first += (
            f" Besparelsene i kommunen hentes i hovedsak gjennom {_main_source(result, 'kommune')}."
        )
    stat = result.net_gain["stat"]
    second = (
        f"Resultatene viser også at staten får en netto {'gevinst' if stat >= 0 else 'kostnad'} "
        f"på {about(stat)}, i hovedsak gjennom {_main_source(result, 'stat')}, og at "
        f"fylkeskommunen får {about(result.net_gain['fylkeskommune'])} "
        f"{'i gevinst' if result.net_gain['fylkeskommune'] >= 0 else 'i kostnad'}. Modellen "
        f"regner ikke med bortfall av sosial arv av trygdeytelser."
    )
    be = result.break_even
    if be is None:
        third = (
            f"Samlet sett går tiltaket ikke i balanse innen {years} år med disse forutsetningene."
        )
    elif be["years"] == 0:
        third = "Samfunnet sparer penger på tiltaket fra første år."
    else:
        third = (
            f"Resultatene viser at samfunnet vil begynne å spare penger {be['years']} år etter at "
            f"tiltaket er satt i gang (i {be['year']})."
        )
    return [first, second, third]
