"""The Python front door (issue 34, part 4): `import utenfor; utenfor.calculate(...)`.

Golden numbers come from the hand-calculation data set (tests/data/handcalc: the group differs
from the population by the same amounts at every age, LOWINCOME_GAP) and the guide's worked
example: the implementation line is the guide's -(500 000 + 500 000 / 1.04), and the gains are
the closed form successful x gap x price factor x sum of discount factors, as written below.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

import utenfor
from support import (
    EXAMPLE,
    HANDCALC,
    LOWINCOME_GAP,
    LOWINCOME_GAP_TOTAL,
    PRICE_FACTOR_2021,
    ROOT,
    WORKED_EXAMPLE,
)
from utenfor.terms import PAYERS

# 100 participants x 10 percentage points; ages 13-15 in 2021, the effect from 2023 (after two
# years of intervention) to 2060, the last year of 40, when they are at most 54 (< 59).
SUCCESSFUL = 100 * 0.10
DISCOUNT_SUM = sum(1.04**-tau for tau in range(2, 40))
IMPLEMENTATION = {"kommune": -500_000 / 1.04, "fylkeskommune": 0.0, "stat": -500_000.0}


def closed_form(payer: str | None = None) -> float:
    gap = LOWINCOME_GAP_TOTAL if payer is None else sum(a[payer] for a in LOWINCOME_GAP.values())
    cost = sum(IMPLEMENTATION.values()) if payer is None else IMPLEMENTATION[payer]
    return SUCCESSFUL * gap * PRICE_FACTOR_2021 * DISCOUNT_SUM + cost


def test_import_is_light_and_all_lists_the_public_names():
    p = subprocess.run([sys.executable, "-c", "import sys, utenfor; print(sorted({m.split('.')[0]"
                        " for m in sys.modules} & {'numpy', 'pydantic', 'pandas', 'typer'}))"],
                       capture_output=True, text=True, cwd=ROOT)  # fmt: skip
    assert p.stdout.strip() == "[]", p.stderr
    for name in ("calculate", "analyse", "sweep", "load_dataset", "scenario", "Scenario"):
        assert name in utenfor.__all__
    for name in utenfor.__all__:
        assert getattr(utenfor, name) is not None, name
    with pytest.raises(AttributeError):
        utenfor.no_such_name  # noqa: B018


@pytest.mark.parametrize("given", [EXAMPLE, WORKED_EXAMPLE, str(WORKED_EXAMPLE)])
def test_calculate_takes_a_dict_or_a_path_and_matches_the_closed_form(given):
    r = utenfor.calculate(given, data=HANDCALC)
    assert r.net_gain.total == pytest.approx(closed_form(), abs=0.01)
    for payer in PAYERS:
        assert getattr(r.net_gain, payer) == pytest.approx(closed_form(payer), abs=0.01)
    assert r.by_area["implementation"].total == pytest.approx(-980_769.23, abs=0.01)  # the guide
    assert r.net_gain_per_participant.total == pytest.approx(closed_form() / 100, abs=1e-4)
    # 7 150 kr a year from 2023 never pays back 980 769 kr within 40 years: no break-even
    assert r.break_even is None


def test_break_even_and_changes_by_keyword():
    data = utenfor.load_dataset(HANDCALC)
    r = utenfor.calculate(WORKED_EXAMPLE, data=data, participants={2021: 10_000})
    # by a plain loop: cumulative discounted net gain, first year it is no longer negative
    yearly = [-500_000.0, -500_000 / 1.04] + [
        10_000 * 0.1 * LOWINCOME_GAP_TOTAL * PRICE_FACTOR_2021 * 1.04**-t for t in range(2, 40)
    ]
    cumulative = [sum(yearly[: t + 1]) for t in range(40)]
    first = next(t for t in range(40) if all(c >= 0 for c in cumulative[t:]))
    assert r.break_even == utenfor.BreakEven(2021 + first, first)
    assert r.scenario.participants == {2021: 10_000}


def test_sweep_equals_calculate_one_by_one():
    scenarios = [utenfor.scenario(EXAMPLE, share_with_pct=50 + p) for p in (0, 5, 10, 30)]
    scenarios.append(utenfor.scenario(EXAMPLE, local=[{"parameter": "care_cost",
                                                       "value": 2e6, "year": 2023}]))  # fmt: skip
    rows = utenfor.sweep(scenarios)
    assert len(rows) == 5
    for row, s in zip(rows, scenarios, strict=True):
        one = utenfor.calculate(s)
        assert row["net_gain"].total == pytest.approx(one.net_gain.total, abs=1e-6)
        assert row["break_even"] == (one.break_even and one.break_even.year)
    assert rows[0]["net_gain"].total == pytest.approx(-980_769.23, abs=0.01)  # no success


def test_local_figures_from_a_file_as_the_command_line_reads_them():
    mine = utenfor.calculate(WORKED_EXAMPLE, local=ROOT / "examples" / "lokale_tall.toml")
    national = utenfor.calculate(WORKED_EXAMPLE)
    assert [f.parameter for f in mine.scenario.local_figures] == ["care_cost"]
    assert mine.net_gain.total != national.net_gain.total
    assert mine.to_json()["data"]["national_fingerprint"] == national.data.fingerprint


def test_a_bad_scenario_is_a_norwegian_scenario_error():
    with pytest.raises(utenfor.ScenarioError) as caught:
        utenfor.calculate({**EXAMPLE, "share_with_pct": 130})
    assert "share_with_pct" in str(caught.value)


def test_analyse_gives_the_thresholds():
    a = utenfor.analyse(EXAMPLE, data=HANDCALC)
    # the success rate at which the closed form's net gain is 0: gain is linear in the rate
    per_point = (closed_form() - sum(IMPLEMENTATION.values())) / 10
    expected = -sum(IMPLEMENTATION.values()) / per_point
    assert a.thresholds.success_rate_pct["total"] == pytest.approx(expected, rel=1e-9)


def test_to_frame_gives_data_frames():
    pytest.importorskip("pandas")
    r = utenfor.calculate(EXAMPLE, data=HANDCALC)
    areas = r.to_frame()
    assert list(areas.columns) == ["total", *PAYERS]
    assert areas.loc["implementation", "total"] == pytest.approx(-980_769.23, abs=0.01)
    assert r.to_frame("payers").loc["total", "net_gain"] == pytest.approx(closed_form(), abs=0.01)
    assert len(r.to_frame("cumulative")) == 40
    assert len(r.to_frame("cashflow")) == 40 * 7 * 3
    swept = utenfor.sweep([EXAMPLE, EXAMPLE], data=HANDCALC).to_frame()
    assert swept["total"].tolist() == pytest.approx([closed_form()] * 2, abs=0.01)


def test_the_notebook_runs(tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("matplotlib")
    nb = nbformat.read(ROOT / "examples" / "utenfor.ipynb", as_version=4)
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()  # fmt: skip
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = " ".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
                    for o in outputs)  # fmt: skip
    total = utenfor.calculate(utenfor.WORKED_EXAMPLE).net_gain.total
    assert f"{total:,.0f}".replace(",", " ") in text  # the guide's example, printed
    assert any("image/png" in o.get("data", {}) for o in outputs)  # the sweep's plot
