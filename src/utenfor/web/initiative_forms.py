"""The initiative page's forms (issue 15): the actuals and the benefit-realisation plan, from
what the user typed to the document the store keeps and back, with every problem by field.

Actuals, per year Y of the programme: `a_participants_Y`, `a_costs_PAYER_Y`,
`a_falling_PAYER_Y`, one grant `a_grant_from_Y` / `a_grant_to_Y` / `a_grant_amount_Y`; and
the observed outcome `obs_share` (% on an average life course) among `obs_n` participants.
A year with any field filled in is an actual year. The indicators measured: `m_PAYER_AREA_Y`,
the value of the benefit plan's indicator on that line in year Y, as text. The benefit plan:
`b_PAYER_AREA_FIELD` for the fields the municipality fills in (`model.benefits.FILLED`)."""

from __future__ import annotations

import re
from typing import Any

from utenfor.formatting import number
from utenfor.model.benefits import FILLED, BenefitLine
from utenfor.model.errors import N_, Issue
from utenfor.model.scenario import Scenario
from utenfor.terms import PAYER_NAMES_NB, PAYERS
from utenfor.web.forms import FormNumberError, parse_number

OBSERVED = {"share_with_pct": "obs_share", "participants": "obs_n"}
_GRANT = re.compile(r"^grants\[(\d+)\]\.\w+$")


def programme_years(s: Scenario) -> list[int]:
    return list(range(s.start_year, s.start_year + s.years_run))


def _year_fields(year: int) -> list[str]:
    return [f"a_participants_{year}",
            *(f"a_{kind}_{p}_{year}" for kind in ("costs", "falling") for p in PAYERS),
            f"a_grant_amount_{year}"]  # fmt: skip


def actuals_from_form(form: dict[str, Any], s: Scenario,
                      measured: bool = False) -> tuple[dict, list[Issue]]:  # fmt: skip
    """The actuals document the form describes, and the numbers it could not read (by form
    field name). Without `measured` indicators, at least one year must be filled in."""
    issues: list[Issue] = []

    def number(name: str) -> float | int | None:
        try:
            value = parse_number(str(form.get(name, "")))
        except FormNumberError as exc:
            issues.append(exc.at(name))
            return None
        return int(value) if value is not None and value.is_integer() else value

    doc: dict[str, Any] = {"participants": {}, "costs": {}, "costs_falling_away": {},
                           "grants": []}  # fmt: skip
    for year in programme_years(s):
        if not any(str(form.get(f, "")).strip() for f in _year_fields(year)):
            continue
        count = number(f"a_participants_{year}")
        if count is not None:
            doc["participants"][str(year)] = count
        for kind, key in (("costs", "costs"), ("falling", "costs_falling_away")):
            for p in PAYERS:
                value = number(f"a_{kind}_{p}_{year}")
                if value is not None:
                    doc[key].setdefault(p, {})[str(year)] = value
        amount = number(f"a_grant_amount_{year}")
        if amount:
            doc["grants"].append({"from": form.get(f"a_grant_from_{year}", "stat"),
                                  "to": form.get(f"a_grant_to_{year}", "kommune"),
                                  "year": year, "amount": amount})  # fmt: skip
    share, n = number("obs_share"), number("obs_n")
    if share is not None or n is not None:
        doc["observed"] = {"share_with_pct": share, "participants": n}
        if share is None:
            issues.append(Issue("obs_share", N_("må oppgis når antallet er oppgitt")))
        if n is None:
            issues.append(Issue("obs_n", N_("må oppgis når andelen er oppgitt")))
    touched = doc["participants"] or doc["costs"] or doc["costs_falling_away"] or doc["grants"]
    if not touched and not issues and not measured:
        issues.append(Issue("a_participants_" + str(s.start_year),
                            N_("fyll inn de faktiske tallene for minst ett år")))  # fmt: skip
    return doc, issues


def form_field(path: str, doc: dict) -> str:
    """The form field of an issue's path in the actuals document: 'costs.kommune.2021' ->
    'a_costs_kommune_2021', 'grants[0].amount' -> 'a_grant_amount_2021'."""
    m = _GRANT.match(path)
    if m:
        grants = doc.get("grants", [])
        year = grants[int(m.group(1))]["year"] if int(m.group(1)) < len(grants) else ""
        return f"a_grant_amount_{year}"
    head, _, rest = path.partition(".")
    if head == "observed":
        return OBSERVED.get(rest, "obs_share")
    kind = {"costs_falling_away": "falling"}.get(head, head)
    return "a_" + "_".join([kind, *rest.split(".")]) if rest else path


def measured_field(payer: str, area: str, year: int | str) -> str:
    return f"m_{payer}_{area}_{year}"


def indicators_from_form(form: dict[str, Any], lines: list[BenefitLine], years: list[int],
                         stored: list[dict]) -> tuple[list[dict], list[Issue]]:  # fmt: skip
    """The indicators measured, per benefit-plan line, as typed (white space folded); what is
    stored for a year or line the form does not show is kept."""
    issues, out = [], []
    shown = {(line.payer, line.area) for line in lines}
    for line in lines:
        before = next((m["values"] for m in stored
                       if (m["payer"], m["area"]) == (line.payer, line.area)), {})  # fmt: skip
        values = {y: v for y, v in before.items() if int(y) not in years}
        for y in years:
            name = measured_field(line.payer, line.area, y)
            text = " ".join(str(form.get(name, "")).split())
            if len(text) > 100:
                issues.append(Issue(name, N_("kan ha høyst 100 tegn")))
            elif text:
                values[str(y)] = text
        if values:
            out.append(
                {"payer": line.payer, "area": line.area, "values": dict(sorted(values.items()))}
            )
    out += [m for m in stored if (m["payer"], m["area"]) not in shown]
    return out, issues


def form_from_actuals(actuals: dict | None, indicators: list[dict]) -> dict[str, str]:
    """The stored actuals and indicators measured as the form shows them."""
    form = {measured_field(m["payer"], m["area"], y): v
            for m in indicators for y, v in m["values"].items()}  # fmt: skip
    if not actuals:
        return form
    form |= {f"a_participants_{y}": str(n) for y, n in actuals.get("participants", {}).items()}
    for kind, key in (("costs", "costs"), ("falling", "costs_falling_away")):
        for p, table in actuals.get(key, {}).items():
            form |= {f"a_{kind}_{p}_{y}": _plain(v) for y, v in table.items()}
    for g in actuals.get("grants", []):
        year = g["year"]
        form |= {f"a_grant_from_{year}": g["from"], f"a_grant_to_{year}": g["to"],
                 f"a_grant_amount_{year}": _plain(g["amount"])}  # fmt: skip
    observed = actuals.get("observed") or {}
    form |= {OBSERVED[k]: _plain(v) for k, v in observed.items() if k in OBSERVED}
    return form


def _plain(value: float | int) -> str:
    """A stored number as a Norwegian would type it again: 1 100 000, 57,5."""
    value = float(value)
    return number(value, 0 if value.is_integer() else 2)


def benefit_field(line: BenefitLine, key: str) -> str:
    return f"b_{line.payer}_{line.area}_{key}"


def benefits_from_form(form: dict[str, Any], lines: list[BenefitLine]) -> list[dict]:
    """The plan's lines as filled in (white space folded, at most 500 characters a field)."""
    out = []
    for line in lines:
        filled = {k: " ".join(str(form.get(benefit_field(line, k), "")).split())[:500]
                  for k in FILLED}  # fmt: skip
        out.append({"payer": line.payer, "area": line.area, **filled})
    return out


BENEFIT_COLUMNS = {"indicator": N_("Indikator"), "baseline": N_("Utgangspunkt"),
                   "target": N_("Mål"), "responsible": N_("Ansvarlig"),
                   "measured": N_("Måles når")}  # fmt: skip


def labels(years: list[int], lines: list[BenefitLine], gettext) -> dict[str, str]:
    """Every field of the page's forms by name, as the user sees it (for the error lists)."""
    out = {"details_name": gettext(N_("Navn på tiltaket")),
           "details_description": gettext(N_("Beskrivelse")),
           "details_target_group": gettext(N_("Målgruppe (med egne ord)")),
           "details_responsible_unit": gettext(N_("Ansvarlig enhet")),
           "phase_on": gettext(N_("Datoen fasen begynte")), "phase_phase": gettext(N_("Fase")),
           "phase": gettext(N_("Neste fase")),
           "note_text": gettext(N_("Tekst")), "benefits": gettext(N_("Gevinstplanen")),
           "actuals": gettext(N_("Faktiske tall")),
           "obs_share": gettext(N_("Andel av deltakerne på et gjennomsnittlig livsløp (%)")),
           "obs_n": gettext(N_("Antall deltakere andelen er målt blant"))}  # fmt: skip
    kinds = {"costs": N_("Faktiske kostnader"), "falling": N_("Kostnader som faktisk falt bort")}
    for y in years:
        out[f"a_participants_{y}"] = f"{gettext(N_('Faktiske deltakere'))}, {y}"
        out[f"a_grant_amount_{y}"] = f"{gettext(N_('Tilskudd mottatt'))}, {y}"
        for kind, title in kinds.items():
            for p in PAYERS:
                out[f"a_{kind}_{p}_{y}"] = f"{gettext(title)}, {gettext(PAYER_NAMES_NB[p])}, {y}"
        for line in lines:
            indicator = gettext(line.indicator) if line.indicator else gettext(N_("Indikator"))
            out[measured_field(line.payer, line.area, y)] = f"{indicator}, {y}"
    return out
