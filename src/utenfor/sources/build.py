"""Build the open data set (src/utenfor/data/open) from the parameter files (issue 3).

The population profile is assembled from published age patterns (shares receiving a benefit x
the amount, employment x wages x tax rates, health spending by age, participation in
education x cost per pupil, child-welfare and sanction rates x unit costs). Each target group
is the population profile with the group's multipliers applied (sources/parameters/groups).
All values are NOK per person per year at 2017 prices; revenues (tax) are negative.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

import numpy as np

from utenfor.data import WORKED_EXAMPLE
from utenfor.model.scenario_file import load_scenario
from utenfor.sources.grades import grade_rows
from utenfor.sources.metadata import metadata
from utenfor.sources.parameters import MAX_AGE, Parameter, expand_bands, load_parameters
from utenfor.terms import DATA_AREAS, PAYERS

OPEN_DIR = Path(__file__).resolve().parents[1] / "data" / "open"

# sub-area: (area, name_nb, name_en, parameters it is built from)
SUBAREAS: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "disability_pension": ("transfers", "Uføretrygd", "Disability pension",
                           ("disability_share_by_age", "disability_amount")),
    "work_assessment_allowance": ("transfers", "Arbeidsavklaringspenger", "Work assessment",
                                  ("aap_share_by_age", "aap_amount_by_age")),
    "unemployment_benefit": ("transfers", "Dagpenger", "Unemployment benefit",
                             ("labour_force_by_age", "unemployment_by_age",
                              "unemployment_benefit_takeup", "unemployment_benefit_amount")),
    "social_assistance": ("transfers", "Økonomisk sosialhjelp", "Social assistance",
                          ("social_assistance_rate_by_age", "social_assistance_amount")),
    "other_transfers": ("transfers", "Andre overføringer (overgangsstønad)", "Other transfers",
                        ("transitional_benefit",)),
    "tax_on_wages": ("tax", "Skatt på lønn (alminnelig inntekt)", "Income tax on wages",
                     ("labour_force_by_age", "unemployment_by_age", "wage_per_earner",
                      "relative_wage_by_age", "average_tax_rate", "social_security_contribution",
                      "skatteore_2017", "wage_tax_rules_2017")),
    "tax_on_benefits": ("tax", "Skatt på trygd og stønader", "Income tax on benefits",
                        ("benefit_tax_rate", "skatteore_2017")),
    "social_security_contribution": ("tax", "Trygdeavgift", "Social security contribution",
                                     ("social_security_contribution",)),
    "employer_contribution": ("tax", "Arbeidsgiveravgift", "Employer's contribution",
                              ("employer_contribution",)),
    "specialist_somatic": ("health", "Spesialisthelsetjenesten, somatikk", "Specialist somatic",
                           ("specialist_somatic_by_age", "health_uprating_2010_2017")),
    "specialist_mental": ("health", "Psykisk helsevern", "Specialist mental health care",
                          ("specialist_mental_by_age", "health_uprating_2010_2017")),
    "substance_treatment": ("health", "Rusbehandling (TSB)", "Substance-abuse treatment",
                            ("substance_treatment_by_age",)),
    "municipal_health_care": ("health", "Kommunale helse- og omsorgstjenester",
                              "Municipal health and care",
                              ("municipal_gp_by_age", "municipal_care_by_age",
                               "health_uprating_2010_2017")),
    "upper_secondary": ("education", "Videregående opplæring", "Upper secondary education",
                        ("upper_secondary_participation", "upper_secondary_cost")),
    "higher_education": ("education", "Høyere utdanning", "Higher education",
                         ("higher_education_participation", "higher_education_cost")),
    "corrections": ("corrections", "Kriminalomsorg", "Corrections",
                    ("sanction_rate_by_age", "share_beyond_fine", "cost_per_convicted")),
    "child_welfare_support": ("child_welfare", "Barnevern, hjelpetiltak", "Child welfare, support",
                              ("rate_by_age", "care_share", "support_cost")),
    "child_welfare_care": ("child_welfare", "Barnevern, omsorgstiltak", "Child welfare, care",
                           ("rate_by_age", "care_share", "care_cost", "care_payer_split")),
}  # fmt: skip

# What a group multiplier `applies_to`, and the sub-areas it scales.
CATEGORIES = {
    "disability", "aap", "unemployment", "social_assistance", "transitional", "earnings",
    "specialist_somatic", "specialist_mental", "substance_treatment", "municipal_health",
    "upper_secondary", "higher_education", "corrections", "child_welfare",
}  # fmt: skip


def multipliers(group: Parameter | None) -> dict[str, np.ndarray]:
    """Per category, the multiplier at each age (1 where the group file says nothing)."""
    out = {c: np.ones(MAX_AGE + 1) for c in CATEGORIES}
    if group is None:
        return out
    seen: dict[str, np.ndarray] = {c: np.zeros(MAX_AGE + 1, bool) for c in CATEGORIES}
    for m in group.doc["multipliers"]:
        category = m["applies_to"]
        if category not in CATEGORIES:
            raise ValueError(f"{group.path}: ukjent applies_to {category!r}")
        mask = expand_bands({m.get("ages", f"0-{MAX_AGE}"): 1.0}).astype(bool)
        if (seen[category] & mask).any():
            raise ValueError(f"{group.path}: {category} har overlappende aldre")
        seen[category] |= mask
        out[category][mask] = float(m["value"])
    return out


def calibrated(
    p: dict[str, Parameter], group: Parameter, factors: dict[str, float]
) -> dict[str, np.ndarray]:
    """The group's profile with its gap to the population scaled per area by `factors`."""
    population, values = profile(p), profile(p, group)
    return {
        s: population[s] + factors.get(SUBAREAS[s][0], 1.0) * (values[s] - population[s])
        for s in SUBAREAS
    }


def guide_factors(p: dict[str, Parameter]) -> dict[str, float]:
    """Per area: the guide's published total / the open data's total for the guide's example.

    The calibration step (issue 3): the engine is linear in the gaps, so scaling the group's
    gap in each area by these factors reproduces the guide's six area lines.
    """
    from utenfor.data.load import load_dataset  # the build runs the engine on its own output
    from utenfor.model import calculate

    guide = p["guide_worked_example"].doc
    with tempfile.TemporaryDirectory() as tmp:
        write(package_files(p), Path(tmp))
        result = calculate(load_scenario(WORKED_EXAMPLE), load_dataset(tmp))
    return {area: guide["published"][area] / result.by_area[area]["total"] for area in DATA_AREAS}


def profile(p: dict[str, Parameter], group: Parameter | None = None) -> dict[str, np.ndarray]:
    """NOK per person per year at each age 0..67, by sub-area (2017 prices; tax negative)."""
    m = multipliers(group)
    uprate = p["health_uprating_2010_2017"].value
    labour, unemployed = p["labour_force_by_age"].by_age(), p["unemployment_by_age"].by_age()
    transitional = p["transitional_benefit"].shares
    adults_20_45 = expand_bands({"20-45": 1.0})
    care_share = p["care_share"].value
    children = p["rate_by_age"].by_age() / 1000 * m["child_welfare"]

    # Shares on uføretrygd and AAP, capped so that at least 5 % of an age are on neither.
    disability = np.minimum(p["disability_share_by_age"].by_age() * m["disability"], 0.95)
    aap = np.minimum(p["aap_share_by_age"].by_age() * m["aap"], 0.95 - disability)
    unemployment = unemployed * m["unemployment"]
    out = {
        "disability_pension": disability * p["disability_amount"].value,
        "work_assessment_allowance": aap * p["aap_amount_by_age"].by_age(),
        "unemployment_benefit": labour * unemployment * p["unemployment_benefit_takeup"].value
        * p["unemployment_benefit_amount"].value,
        "social_assistance": p["social_assistance_rate_by_age"].by_age() / 1000
        * p["social_assistance_amount"].value * m["social_assistance"],
        "other_transfers": adults_20_45 * transitional["share"] * transitional["amount"]
        * m["transitional"],
    }  # fmt: skip
    # Those on uføretrygd or AAP, or unemployed, beyond the population's shares are out of work;
    # `earnings` scales the wage of those employed.
    population_benefits = p["disability_share_by_age"].by_age() + p["aap_share_by_age"].by_age()
    employed = np.maximum(
        labour * (1 - unemployment) - (disability + aap - population_benefits), 0.0
    )
    wages = (
        employed * p["wage_per_earner"].value * p["relative_wage_by_age"].by_age() * m["earnings"]
    )
    benefits = sum(out[k] for k in ("disability_pension", "work_assessment_allowance",
                                    "unemployment_benefit", "other_transfers"))  # fmt: skip
    ssc = p["social_security_contribution"].value
    out |= {
        "tax_on_wages": -(p["average_tax_rate"].value - ssc) * wages,
        "tax_on_benefits": -p["benefit_tax_rate"].value * benefits,
        "social_security_contribution": -ssc * wages,
        "employer_contribution": -p["employer_contribution"].value * wages,
        "specialist_somatic": p["specialist_somatic_by_age"].by_age() * uprate
        * m["specialist_somatic"],
        "specialist_mental": p["specialist_mental_by_age"].by_age() * uprate
        * m["specialist_mental"],
        "substance_treatment": p["substance_treatment_by_age"].by_age() * m["substance_treatment"],
        "municipal_health_care": (p["municipal_gp_by_age"].by_age()
                                  + p["municipal_care_by_age"].by_age()) * uprate
        * m["municipal_health"],
        "upper_secondary": p["upper_secondary_participation"].by_age()
        * p["upper_secondary_cost"].value * m["upper_secondary"],
        "higher_education": p["higher_education_participation"].by_age()
        * p["higher_education_cost"].value * m["higher_education"],
        "corrections": p["sanction_rate_by_age"].by_age() / 1000 * p["share_beyond_fine"].value
        * p["cost_per_convicted"].value * m["corrections"],
        "child_welfare_support": children * (1 - care_share) * p["support_cost"].value,
        "child_welfare_care": children * care_share * p["care_cost"].value,
    }  # fmt: skip
    return out


def trinnskatt_share(p: dict[str, Parameter]) -> float:
    """The trinnskatt's share of the income tax (trygdeavgift aside) on the average wage per
    earner, by the year's rules: 24 % of (wage - minstefradrag - personfradrag), and each
    trinnskatt step's rate on the part of the wage above its limit (and below the next)."""
    r = p["wage_tax_rules_2017"].doc["rules"]
    wage = p["wage_per_earner"].value
    deductions = min(r["minstefradrag_rate"] * wage, r["minstefradrag_max"]) + r["personfradrag"]
    ordinary = r["ordinary_income_rate"] * max(wage - deductions, 0.0)
    limits = [r[f"trinn{i}_from"] for i in range(1, 5)] + [float("inf")]
    trinn = sum(r[f"trinn{i}_rate"] * max(min(wage, limits[i]) - limits[i - 1], 0.0)
                for i in range(1, 5))  # fmt: skip
    return trinn / (ordinary + trinn)


def payer_shares(p: dict[str, Parameter]) -> dict[str, tuple[float, float, float]]:
    """Per sub-area the shares (kommune, fylkeskommune, stat), summing to 1. The income tax
    on wages is split by the skatteøre, except the trinnskatt, which is the state's."""
    fixed = p["payers"].shares
    skatt = p["skatteore_2017"].shares
    total = sum(skatt.values())
    by_skatteore = tuple(skatt[k] / total for k in PAYERS)
    t = trinnskatt_share(p)
    split = {
        "tax_on_wages": tuple(
            (1 - t) * share + (t if k == "stat" else 0.0)
            for k, share in zip(PAYERS, by_skatteore, strict=True)
        ),
        "tax_on_benefits": by_skatteore,
        "child_welfare_care": tuple(float(p["care_payer_split"].shares[k]) for k in PAYERS),
    }
    return {s: split.get(s) or tuple(float(fixed[s][k]) for k in PAYERS) for s in SUBAREAS}


def _csv(rows: list[list]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def _money(x: float) -> str:
    return f"{round(float(x), 2) + 0.0:.2f}"


def package_files(
    p: dict[str, Parameter], calibration: dict[str, float] | None = None
) -> dict[str, str]:
    """The data package's files as text, by file name; `calibration` scales the gap of the
    guide's group per area (see `guide_factors`)."""
    calibrated_group = load_scenario(WORKED_EXAMPLE).target_group
    groups = p["groups"].doc["groups"]
    group_rows = [["group_id", "name_nb", "name_en", "definition_nb", "count", "is_population"]]
    profile_rows = [["group_id", "age", "subarea_id", "value"]]
    for gid, g in groups.items():
        is_pop = gid == "population"
        group_rows.append([gid, g["name_nb"], g["name_en"], g["definition_nb"], g["count"],
                           "true" if is_pop else "false"])  # fmt: skip
        if calibration and gid == calibrated_group:
            values = calibrated(p, p[gid], calibration)
        else:
            values = profile(p, None if is_pop else p[gid])
        for age in range(MAX_AGE + 1):
            for s in SUBAREAS:
                profile_rows.append([gid, age, s, _money(values[s][age])])
    shares = payer_shares(p)
    sub_rows = [["subarea_id", "area_id", "name_nb", "name_en", *PAYERS, "parameters"]]
    for s, (area, nb, en, used) in SUBAREAS.items():
        sub_rows.append([s, area, nb, en, *(repr(x) for x in shares[s]), " ".join(used)])
    grade_table = grade_rows(p, groups, SUBAREAS, profile)
    cpi = p["cpi"].doc["by_year"]
    index_rows = [["year", "index"], *[[y, cpi[y]] for y in sorted(cpi)]]
    meta = metadata(p, calibration, calibrated_group)
    return {
        "datapackage.json": json.dumps(meta, ensure_ascii=False, indent=2) + "\n",
        "groups.csv": _csv(group_rows),
        "subareas.csv": _csv(sub_rows),
        "profiles.csv": _csv(profile_rows),
        "price_index.csv": _csv(index_rows),
        "grades.csv": _csv(grade_table),
    }


def write(files: dict[str, str], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8", newline="\n")


def build(out: Path = OPEN_DIR, calibrate: bool = False) -> Path:
    """Write the data package to `out` (default: the bundled open data set). With `calibrate`,
    the named calibration step to the guide's example is applied (not the default)."""
    p = load_parameters()
    write(package_files(p, guide_factors(p) if calibrate else None), out)
    return out
