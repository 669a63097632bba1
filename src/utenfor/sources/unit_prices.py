"""The unit prices the data page shows with their sources, and which of them a municipality may
replace by a local figure (issue 13).

A price with a `subarea` enters that sub-area's profile as a plain factor (users x price, see
`sources.build.profile`), so a local figure scales the sub-area by local / national. The
disability pension has none: it is set by law, the same everywhere, and also enters the tax on
benefits. `kostra` tells a municipal user where to find their own figure (bokmål).
"""

from __future__ import annotations

# (parameter id, label in bokmål, sub-area a local figure scales or None, where to find it)
UNIT_PRICES = (
    ("upper_secondary_cost", "Videregående opplæring, per elev per år", "upper_secondary",
     "KOSTRA for fylkeskommunen, videregående opplæring: netto driftsutgifter per elev."),
    ("higher_education_cost", "Høyere utdanning, per student per år", "higher_education",
     "Statlig utgift, ikke i KOSTRA."),
    ("support_cost", "Barnevern, hjelpetiltak per barn per år", "child_welfare_support",
     "KOSTRA, barnevern: brutto driftsutgifter per barn som ikke er plassert av barnevernet "
     "(funksjon 251)."),
    ("care_cost", "Barnevern, omsorgstiltak per barn per år", "child_welfare_care",
     "KOSTRA, barnevern: brutto driftsutgifter per barn som er plassert av barnevernet "
     "(funksjon 252). Det er kommunens del; datasettets tall tar med statens (Bufetat), så "
     "legg den til hvis du kjenner den."),
    ("cost_per_convicted", "Kriminalomsorg, per domfelt", "corrections",
     "Statlig utgift (kriminalomsorgen), ikke i KOSTRA."),
    ("disability_amount", "Uføretrygd, per mottaker per år", None, ""),
    ("social_assistance_amount", "Økonomisk sosialhjelp, per mottaker per år",
     "social_assistance",
     "KOSTRA, sosialtjenesten: utbetalt økonomisk sosialhjelp per mottaker (funksjon 281)."),
)  # fmt: skip
