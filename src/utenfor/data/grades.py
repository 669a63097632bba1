"""The optional grades.csv of a data set (docs/formats.md): the confidence grade of each
group's gap in each sub-area (1 = official statistic, 2 = research or close proxy,
3 = judgement). A data set without it has no grades, and its results no `data_quality`."""

from __future__ import annotations

import numpy as np

NAME = "grades.csv"
COLUMNS = ("group_id", "subarea_id", "grade")


def read_grades(reader, groups: list, subareas: list) -> np.ndarray | None:
    """(groups, sub-areas) of grades 1-3, or None without the file; problems go to `reader`."""
    if not (reader.dir / NAME).exists():
        return None
    gi = {g.id: i for i, g in enumerate(groups)}
    si = {s.id: j for j, s in enumerate(subareas)}
    grades = np.zeros((len(groups), len(subareas)), dtype=int)
    for line, row in reader.rows(NAME):
        g, s = gi.get(row["group_id"]), si.get(row["subarea_id"])
        if g is None or s is None:
            reader.fail(NAME, f"rad {line}", "group_id og subarea_id må finnes i groups.csv og "
                                             "subareas.csv")  # fmt: skip
        elif row["grade"] not in ("1", "2", "3"):
            reader.fail(NAME, f"rad {line}", f"grade må være 1, 2 eller 3, ikke «{row['grade']}»")
        else:
            grades[g, s] = int(row["grade"])
    if not reader.issues and (grades == 0).any():
        g, s = np.argwhere(grades == 0)[0]
        reader.fail(NAME, "mangler rad", f"group_id={groups[g].id}, subarea_id={subareas[s].id}")
    return grades
