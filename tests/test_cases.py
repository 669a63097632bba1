"""The cases kept as data in tests/cases/*.yaml (after PolicyEngine's YAML tests): the guide's
worked example, closed forms and hand calculations, each with its arithmetic written out.

A case names a data set (`open`, the bundled one, or `handcalc`), a scenario (a file or a
table), and what the result must be:
- `output`: dotted paths into the JSON result, each equal to a number or to an arithmetic
  expression (numbers, + − × / ** and brackets only), within `absolute_error_margin` or
  `relative_error_margin`;
- `guide`: paths whose rounded value must be the guide's published line of that name (the
  published figures are kept once, in the calibration source);
- `ratios`: paths that must equal another path divided by a number.
"""

from __future__ import annotations

import ast
import operator
from functools import cache

import pytest
import yaml

from support import HANDCALC, ROOT
from utenfor.data import BUNDLED
from utenfor.data.load import load_dataset
from utenfor.model import calculate, load_scenario, parse_scenario
from utenfor.sources.parameters import load_parameters

CASES = ROOT / "tests" / "cases"
DATA = {"open": BUNDLED, "handcalc": HANDCALC}
OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
             ast.Div: operator.truediv, ast.Pow: operator.pow, ast.USub: operator.neg}  # fmt: skip


def arithmetic(expression: str | float) -> float:
    """A number, or the value of a plain arithmetic expression (nothing else is evaluated)."""
    if not isinstance(expression, str):
        return float(expression)

    def value(node: ast.AST) -> float:
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            return node.value
        if isinstance(node, ast.BinOp) and type(node.op) in OPERATORS:
            return OPERATORS[type(node.op)](value(node.left), value(node.right))
        if isinstance(node, ast.UnaryOp) and type(node.op) in OPERATORS:
            return OPERATORS[type(node.op)](value(node.operand))
        raise ValueError(f"not plain arithmetic: {ast.dump(node)}")

    return float(value(ast.parse(expression.strip(), mode="eval").body))


def cases() -> list:
    found = []
    for path in sorted(CASES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            found.append(pytest.param(case, id=f"{path.stem}: {case['name']}"))
    return found


@cache
def dataset(name: str):
    return load_dataset(DATA[name])


@cache
def published() -> dict:
    """The guide's published lines, from the one place they are written."""
    return load_parameters()["guide_worked_example"].doc["published"]


def at(document: dict, path: str) -> float:
    for key in path.split("."):
        document = document[key]
    return document


@pytest.mark.parametrize("case", cases())
def test_case(case):
    scenario = case["scenario"]
    scenario = (load_scenario(ROOT / scenario) if isinstance(scenario, str)
                else parse_scenario(scenario))  # fmt: skip
    computed = calculate(scenario, dataset(case["data"]))
    result = computed.to_json() | {"by_area_per_participant": computed.by_area_per_participant}
    assert case.get("output") or case.get("ratios") or case.get("guide"), "a case checks nothing"
    margin = {"abs": case.get("absolute_error_margin"), "rel": case.get("relative_error_margin")}
    for path, expected in (case.get("output") or {}).items():
        assert at(result, path) == pytest.approx(arithmetic(expected), **margin), path
    for path, line in (case.get("guide") or {}).items():
        assert round(at(result, path)) == published()[line], path
    for path, (numerator, divisor) in (case.get("ratios") or {}).items():
        assert at(result, path) == pytest.approx(at(result, numerator) / divisor, rel=1e-15), path


def test_every_case_file_has_cases():
    names = {p.stem for p in CASES.glob("*.yaml")}
    assert names == {"worked_example", "closed_forms", "hand_calculation"}
    assert len(cases()) >= 11


def test_the_arithmetic_reader_refuses_anything_but_arithmetic():
    assert arithmetic("-(500_000 + 500_000 / 1.04)") == pytest.approx(-980_769.2307692308)
    with pytest.raises(ValueError):
        arithmetic("__import__('os').getcwd()")
