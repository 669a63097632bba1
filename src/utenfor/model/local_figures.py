"""Local figures (`lokale tall`, issue 13): a municipality's own unit cost in place of the data
set's national one, e.g. what a barnevern placement costs in this kommune.

A unit price the data set marks with a `subarea` enters that sub-area's profile as a factor
(users x price, for every group and the population alike), so a local figure scales that
sub-area's column of the profiles by local / national. The local figure is first brought to
the data set's price base year with its price index. The derived data set has its own
fingerprint: the national one and the local figures, hashed together.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from utenfor.data.dataset import DataSet
from utenfor.model.errors import N_, Issue, ScenarioError
from utenfor.model.numbers import MAX_AMOUNT, MAX_YEAR, MIN_YEAR, number, whole

FAR_OFF = 10.0  # a local figure this many times above or below the national one gets a warning


class LocalFigure(BaseModel):
    """One unit cost of the data set replaced by the user's own figure."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    parameter: Annotated[str, Field(min_length=1, max_length=64)]  # a unit price's id
    value: number(MAX_AMOUNT)  # kroner per unit, in `year`'s prices
    year: whole(MIN_YEAR, MAX_YEAR)  # the year of the figure (its price level)
    source: Annotated[str, Field(max_length=300)] = ""  # e.g. "KOSTRA 2023, funksjon 252"


@dataclass(frozen=True)
class UnitPrice:
    """A unit price of the data set that a local figure may replace."""

    parameter: str
    label_nb: str
    value: float  # kroner per unit, price base year
    subarea: str
    publication: str
    kostra: str  # where a municipality finds its own figure (a hint, in bokmål)


def local_prices(data: DataSet) -> dict[str, UnitPrice]:
    """The unit prices of `data` that local figures may replace, by parameter id."""
    return {u["parameter"]: UnitPrice(u["parameter"], u["label_nb"], float(u["value"]),
                                      u["subarea"], u.get("publication", ""), u.get("kostra", ""))
            for u in data.metadata.get("unit_prices", []) if u.get("subarea")}  # fmt: skip


@dataclass(frozen=True)
class Applied:
    """A local figure as used: its value at the data set's price base year and the factor."""

    figure: LocalFigure
    price: UnitPrice
    base_value: float
    factor: float  # base_value / national value

    def to_json(self) -> dict:
        return {**self.figure.model_dump(), "label_nb": self.price.label_nb,
                "subarea": self.price.subarea, "value_price_base_year": self.base_value,
                "national_value": self.price.value}  # fmt: skip


def check(figures: tuple[LocalFigure, ...], data: DataSet) -> list[Applied]:
    """The figures checked against `data`; a `ScenarioError` names every field that is wrong."""
    prices, index = local_prices(data), data.price_index
    issues, applied, seen = [], [], set()
    first, last = min(index), max(index)
    for i, f in enumerate(figures):
        price = prices.get(f.parameter)
        if price is None:
            names = ", ".join(prices) or "ingen"
            message = N_("ukjent enhetskostnad «{parameter}»; bruk en av: {names}")
            issues.append(Issue(f"local_figures[{i}].parameter", message,
                                {"parameter": f.parameter, "names": names}))  # fmt: skip
        elif f.parameter in seen:
            twice = N_("«{label}» er oppgitt to ganger")
            issues.append(Issue(f"local_figures[{i}].parameter", twice, {"label": price.label_nb}))
        seen.add(f.parameter)
        if f.year not in index:
            outside = N_(
                "året {year} er utenfor datasettets prisindeks ({first}–{last}); velg et "
                "år i indeksen, eller oppdater datasettet med `utenfor data update`"
            )
            issues.append(Issue(f"local_figures[{i}].year", outside,
                                {"year": f.year, "first": first, "last": last}))  # fmt: skip
        if price is not None and f.year in index and not issues:
            base = f.value * index[data.price_base_year] / index[f.year]
            applied.append(Applied(f, price, base, base / price.value if price.value else 1.0))
    if issues:
        raise ScenarioError(issues)
    return applied


def with_local_figures(data: DataSet, figures: tuple[LocalFigure, ...]) -> DataSet:
    """`data` with the local figures in place of the national unit prices (unchanged without)."""
    if not figures:
        return data
    applied = check(figures, data)
    profiles = data.profiles.copy()
    columns = {s.id: j for j, s in enumerate(data.subareas)}
    for a in applied:
        profiles[:, :, columns[a.price.subarea]] *= a.factor
    canonical = json.dumps([a.figure.model_dump() for a in applied], sort_keys=True,
                           ensure_ascii=False)  # fmt: skip
    digest = hashlib.sha256(f"{data.fingerprint}\n{canonical}".encode()).hexdigest()
    metadata = {**data.metadata, "local_figures": applied, "national_fingerprint": data.fingerprint}
    return dataclasses.replace(data, profiles=profiles, fingerprint=f"sha256:{digest}",
                               metadata=metadata)  # fmt: skip


def applied_figures(data: DataSet) -> list[Applied]:
    """The local figures a derived data set was made with (empty for a national one)."""
    return list(data.metadata.get("local_figures", []))
