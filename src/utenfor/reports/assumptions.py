"""The assumptions in plain words, built once from what the engine used: the same lines in the
PDF, the workbook, `utenfor calculate` and `utenfor explain`. The discount description comes
from the schedule actually applied, and drop-off and the optimism adjustments are named
wherever the rate is (issue 11)."""

from __future__ import annotations

from utenfor.data.evidence import programme
from utenfor.formatting import NBSP, number, percent, trim
from utenfor.model.local_figures import applied_figures
from utenfor.model.result import Result
from utenfor.model.scenario import Settings
from utenfor.reports.language import N_, payer_name, tr
from utenfor.reports.table import Column, Table

STILL_YOURS = N_(
    "Suksessraten er fortsatt din forutsetning: biblioteket er et utgangspunkt, ikke et løfte."
)


def discounting(settings: Settings, lang: str = "nb") -> str:
    """'4 % per år', or each step of a declining schedule: '4 % per år fra år 0, 3 % fra år
    40, 2 % fra år 75 (år regnet fra startåret)'."""
    schedule = settings.discount_schedule
    if not schedule:
        return f"{percent(settings.discount_rate_pct)} {tr('per år', lang)}"
    steps = [f"{percent(s.rate_pct)}{' ' + tr('per år', lang) if i == 0 else ''} "
             f"{tr('fra år', lang)} {s.from_year}" for i, s in enumerate(schedule)]  # fmt: skip
    return f"{', '.join(steps)} ({tr('år regnet fra startåret', lang)})"


def adjustments(settings: Settings, lang: str = "nb") -> str:
    """Drop-off and the optimism adjustments in force, or '' when there are none."""
    parts = []
    if settings.dropoff_pct:
        parts.append(f"{tr('frafall', lang)} {percent(settings.dropoff_pct)} {tr('per år', lang)}")
    if settings.optimism_cost_uplift_pct:
        parts.append(
            f"{tr('kostnadene økt med', lang)} "
            f"{percent(settings.optimism_cost_uplift_pct)} {tr('for optimisme', lang)}"
        )
    if settings.optimism_success_haircut_pct:
        parts.append(f"{tr('suksessraten redusert med', lang)} "
                     f"{percent(settings.optimism_success_haircut_pct)} "
                     f"{tr('for optimisme', lang)}")  # fmt: skip
    return "; ".join(parts)


def _money(tables: dict, lang: str) -> str:
    items = [f"{payer_name(p, lang)} {yr}: {number(v, 0, NBSP)} kr"
             for p, t in tables.items() for yr, v in t.items() if v]  # fmt: skip
    return "; ".join(items) or tr("ingen", lang)


def assumptions(r: Result, lang: str = "nb") -> Table:
    """Label and value, as the guide's four steps and the analysis settings."""
    sc, st = r.scenario, r.scenario.settings
    g = r.data.group(sc.target_group)
    y = tr("år", lang)
    group = g.name(lang) if lang == "en" else f"{g.name_nb}. {g.definition_nb}"
    grants = [f"{payer_name(x.from_, lang)} {tr('til', lang)} {payer_name(x.to, lang).lower()} "
              f"{x.year}: {number(x.amount, 0, NBSP)} kr" for x in sc.grants]  # fmt: skip
    effect = (
        N_("året etter tiltaket") if st.effect_start == "after_intervention" else N_("inngangsåret")
    )
    base, used = r.data.price_base_year, r.plan.price_year_used
    rows = [
        (N_("Målgruppe"), group),
        (N_("Aldersgruppe"), f"{', '.join(sc.age_groups)} {y}"),
        (N_("Suksessrate"), f"{percent(sc.share_without_pct)} {tr('uten tiltaket', lang)}, "
                        f"{percent(sc.share_with_pct)} {tr('med', lang)}; "
                        f"{tr('suksessrate', lang)} {trim(sc.success_rate_pct)} "
                        f"{tr('prosentpoeng', lang)}"),
        (N_("Varighet"), f"{tr('fra', lang)} {sc.start_year}, "
                     f"{tr('kommunen kjører tiltaket i', lang)} {sc.years_run} {y}, "
                     f"{tr('hvert tiltak varer', lang)} "
                     f"{sc.intervention_years} {y}"),
        (N_("Nye deltakere"), "; ".join(f"{yr}: {n}" for yr, n in sc.participants.items() if n)),
        (N_("Kostnader"), _money(sc.costs, lang)),
        (N_("Kostnader som faller bort"), _money(sc.costs_falling_away, lang)),
        (N_("Tilskudd"), "; ".join(grants) or tr("ingen", lang)),
        (N_("Analyse"), f"{r.plan.horizon} {y} ({r.years[0]}–{r.years[-1]}), "
                    f"{sc.start_year}{tr('-kroner', lang)}; {tr('gevinsten regnes fra', lang)} "
                    f"{tr(effect, lang)}"),
        (N_("Diskontering"), discounting(st, lang)),
        (N_("Justeringer"), adjustments(st, lang) or tr("ingen", lang)),
        (N_("Prisfaktor"), f"{number(r.plan.price_factor, 6)} ({tr('indeks', lang)} {used} / "
                       f"{tr('indeks', lang)} {base})"),
    ]  # fmt: skip
    local = applied_figures(r.data)
    if local:  # the municipality's own figures, with their source: the PDF lists them here
        rows.append((N_("Lokale tall"), "; ".join(
            f"{a.price.label_nb}: {number(a.figure.value, 0, NBSP)} kr ({a.figure.year}; "
            f"{a.figure.source or tr('uten kilde', lang)})" for a in local)))  # fmt: skip
    if sc.evidence_id and (chosen := programme(sc.evidence_id)):  # issue 33
        rows.append((N_("Dokumentert tiltak"), f"{chosen.name}: "
                     f"{trim(chosen.success_pct['low'])}–{trim(chosen.success_pct['high'])} "
                     f"{tr('prosentpoeng', lang)} ({tr('midtverdi', lang)} "
                     f"{trim(chosen.success_pct['mid'])}); {tr('kilde', lang)}: "
                     f"{chosen.source_text} {chosen.sources[0]['url']}. "
                     f"{tr(STILL_YOURS, lang)}"))  # fmt: skip
    return Table("assumptions", tr("Forutsetningene", lang),
                 (Column("", "text"), Column("", "text")),
                 tuple((tr(label, lang), value) for label, value in rows))  # fmt: skip
