"""The confidence grade of each cell of the open data set (issue 13): for a target group and a
sub-area, the worst grade (1 best, 3 judgement) among the figures its gap is built from.

The gap between a group and the population in a sub-area rests on the sub-area's own figures
(its base level: the parameters `SUBAREAS` lists, and for the taxes also those of the incomes
taxed) and on the group's multipliers that change it. Which multipliers change which
sub-areas is found by building the group's profile with each multiplier set to 1 in turn, so
interactions (fewer in work: less tax) are counted without a hand-written map."""

from __future__ import annotations

import copy

import numpy as np

from utenfor.sources.parameters import Parameter

# Taxes are levied on incomes built elsewhere: their base includes those sub-areas' figures.
TAXED = {
    "tax_on_wages": ("disability_pension", "work_assessment_allowance"),
    "tax_on_benefits": ("disability_pension", "work_assessment_allowance",
                        "unemployment_benefit", "other_transfers"),
}  # fmt: skip


def base_grades(p: dict[str, Parameter], subareas: dict) -> dict[str, int]:
    def own(s: str) -> int:
        return max(p[name].grade for name in subareas[s][3])

    return {s: max([own(s), *(own(t) for t in TAXED.get(s, ()))]) for s in subareas}


def group_grades(p: dict[str, Parameter], group: Parameter, subareas: dict, profile) -> dict:
    """Sub-area -> grade of the group's gap there."""
    grades = base_grades(p, subareas)
    full = profile(p, group)
    for i, m in enumerate(group.doc["multipliers"]):
        neutral = Parameter(group.id, group.path, copy.deepcopy(group.doc))
        neutral.doc["multipliers"][i]["value"] = 1.0
        without = profile(p, neutral)
        for s in subareas:
            if not np.allclose(full[s], without[s], rtol=1e-12, atol=1e-9):
                grades[s] = max(grades[s], int(m["grade"]))
    return grades


def grade_rows(p: dict[str, Parameter], groups: dict, subareas: dict, profile) -> list[list]:
    """grades.csv: group_id, subarea_id, grade (the population: the base grades)."""
    rows = [["group_id", "subarea_id", "grade"]]
    for gid in groups:
        if gid == "population":
            found = base_grades(p, subareas)
        else:
            found = group_grades(p, p[gid], subareas, profile)
        rows += [[gid, s, found[s]] for s in subareas]
    return rows
