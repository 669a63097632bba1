"""A stored plan computed (issue 15, item 4), for its page and the API alike: each of its
initiatives with its latest scenario revision, added up by `model.portfolio.combine`, and
what was left out and why."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from utenfor.model import ScenarioError, parse_scenario
from utenfor.model.portfolio import Portfolio, combine
from utenfor.reports.language import tr
from utenfor.store.initiatives import Initiatives
from utenfor.store.plans import PlanView
from utenfor.store.rows import NotFound
from utenfor.web import stores


@dataclass(frozen=True)
class Computed:
    plan: PlanView
    portfolio: Portfolio | None
    problems: tuple[str, ...]  # in the interface's language

    def to_json(self) -> dict:
        return {**self.plan.to_json(), "problems": list(self.problems),
                "result": self.portfolio.to_json() if self.portfolio else None}  # fmt: skip


def compute(request: Request, plan: PlanView, lang: str = "nb",
            initiatives: Initiatives | None = None) -> Computed:  # fmt: skip
    """`initiatives`: the repository the plan's initiatives are read from (default: the
    request's workspace's)."""
    found, left, names = [], [], set()
    initiatives = initiatives or stores.initiatives(request)
    for initiative_id in plan.initiatives:
        try:
            view = initiatives.get(initiative_id)
        except NotFound:
            text = tr("Tiltaket med id «{id}» finnes ikke (slettet, eller feil id).", lang)
            left.append(text.format(id=initiative_id))
            continue
        name = view.details["name"]
        if not view.scenarios:
            left.append(tr("«{name}» har ingen beregning ennå.", lang).format(name=name))
            continue
        while name in names:  # the plan names each initiative once
            name += " ·"
        names.add(name)
        found.append((name, parse_scenario(view.scenarios[-1]["scenario"])))
    if not found:
        left.append(tr("Velg minst ett tiltak med en beregning.", lang))
        return Computed(plan, None, tuple(left))
    try:
        return Computed(plan, combine(found, request.app.state.data), tuple(left))
    except ScenarioError as exc:
        problems = [i.text(lambda t: tr(t, lang)) for i in exc.issues]
        return Computed(plan, None, (*left, *problems))
