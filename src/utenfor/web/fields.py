"""The calculation form's fields by name: the one table of their labels (the form, the error
summary and the results list all read it), and the way from an issue's path to the field.

Form field names: `target_group`, `age_groups` (repeated), `share_without_pct`,
`share_with_pct`, `start_year`, `years_run`, `intervention_years`, `participants_YEAR`,
`costs_PAYER_YEAR`, `falling_PAYER_YEAR`, `grant_from_I`, `grant_to_I`, `grant_year_I`,
`grant_amount_I`, `analysis_years`, `discount_rate_pct`, `effect_start`, the other settings by
their own names, `unc_{success,cost,level}_{low,high}`, and `local_figures_json` (the local
figures set on the data page, shown on the form as a notice with the id `f-local_figures`)."""

from __future__ import annotations

import re
from collections.abc import Callable

from utenfor.i18n import N_
from utenfor.terms import AGE_GROUP_IDS, PAYER_NAMES_NB

LABELS = {
    "name": N_("Navn på scenariet"),
    "target_group": N_("Målgruppe"),
    "age_groups": N_("Aldersgruppe"),
    "share_without_pct": N_(
        "Andel av målgruppen som får et gjennomsnittlig livsløp uten tiltaket (%)"
    ),
    "share_with_pct": N_("Andel med tiltaket, de som klarer seg uansett inkludert (%)"),
    "start_year": N_("Første år tiltaket kjøres"),
    "years_run": N_("Antall år kommunen kjører tiltaket"),
    "intervention_years": N_("Antall år hvert enkelt tiltak varer"),
    "participants": N_("Nye deltakere"),
    "costs": N_("Samlede kostnader for tiltaket"),
    "falling": N_("Kostnader som faller bort på grunn av tiltaket"),
    "grant": N_("Tilskudd"),
    "grant_from": N_("fra"),
    "grant_to": N_("til"),
    "grant_year": N_("utbetalingsår"),
    "grant_amount": N_("beløp"),
    "analysis_years": N_("Analyseperiode (år)"),
    "discount_rate_pct": N_("Diskonteringsrente (%)"),
    "effect_start": N_("Når begynner gevinsten?"),
    "dropoff_pct": N_("Frafall per år (%)"),
    "discount_schedule": N_("Diskonteringsrente over tid"),
    "optimism_cost_uplift_pct": N_("Påslag på kostnadene for optimisme (%)"),
    "optimism_success_haircut_pct": N_("Fradrag i suksessraten for optimisme (%)"),
    "unc_success_low": N_("Suksessrate, lav (prosentpoeng)"),
    "unc_success_high": N_("Suksessrate, høy (prosentpoeng)"),
    "unc_cost_low": N_("Kostnader, lav (% av det som er lagt inn)"),
    "unc_cost_high": N_("Kostnader, høy (% av det som er lagt inn)"),
    "unc_level_low": N_("Datanivå, lav (% av datasettets gap)"),
    "unc_level_high": N_("Datanivå, høy (% av datasettets gap)"),
    "unc_success": N_("Usikkerhet i suksessraten"),
    "unc_cost": N_("Usikkerhet i kostnadene"),
    "unc_level": N_("Usikkerhet i datanivået"),
    "local_figures": N_("Lokale tall"),
    "evidence_id": N_("Velg et dokumentert tiltak"),
    "revision_phase": N_("Fasen beregningen er gjort i"),
    "revision_reason": N_("Begrunnelse for revisjonen"),
}

# The data page's form for local figures: per unit price, these three fields (web/local_figures)
LOCAL_PARTS = {"value": N_("Lokalt tall (kroner)"), "year": N_("År tallet gjelder"),
               "source": N_("Kilde")}  # fmt: skip

# Fields drawn as more than one element: the first takes the focus (a whole table's issue: the
# table, focusable for it; tests/test_issue_links.py walks every link)
_ANCHORS = {
    "age_groups": f"f-age-{AGE_GROUP_IDS[0]}",
    "effect_start": "f-effect-after",
    "participants": "f-participants",
    "costs": "f-costs",
    "falling": "f-falling",
    **{f"unc_{k}": f"f-unc_{k}_low" for k in ("success", "cost", "level")},
}

_GRANT = re.compile(r"grants\[(\d+)\]\.(\w+)")
_TABLE = re.compile(r"^(participants|costs|falling)_(?:(\w+?)_)?(\d{4})$")


def field_name(path: str) -> str:
    """The form field for an issue's path: 'participants.2021' -> 'participants_2021'."""
    m = _GRANT.match(path)
    if m:
        return f"grant_{m.group(2)}_{m.group(1)}"
    path = path.removeprefix("settings.").replace("costs_falling_away.", "falling.")
    return path.replace(".", "_").split("[")[0]


def field_anchor(path: str) -> str | None:
    """The id of the element an issue's link moves focus to, or None when no field has it."""
    name = field_name(path)
    if name in _ANCHORS:
        return _ANCHORS[name]
    known = name in LABELS or _TABLE.match(name) or _GRANT.match(path)
    return f"f-{name}" if known else None


def field_label(path: str, gettext: Callable[[str], str]) -> str:
    """The label a user sees for an issue's field, in the interface's language:
    'costs.kommune.2021' -> 'Samlede kostnader for tiltaket, Kommunen, 2021'."""
    m = _GRANT.match(path)
    if m:
        part = LABELS.get(f"grant_{m.group(2)}")
        head = f"{gettext(LABELS['grant'])} {int(m.group(1)) + 1}"
        return f"{head}, {gettext(part)}" if part else head
    name = field_name(path)
    if name in LABELS:
        return gettext(LABELS[name])
    if name == "grants":  # the list as a whole (a revision that drops every grant)
        name = "grant"
        return gettext(LABELS[name])
    m = _TABLE.match(name)
    if m:
        kind, payer, year = m.groups()
        parts = [gettext(LABELS[kind])]
        if payer in PAYER_NAMES_NB:
            parts.append(gettext(PAYER_NAMES_NB[payer]))
        return ", ".join([*parts, year])
    return path
