"""A loaded data set in memory: the profiles as numpy arrays (docs/formats.md, "Data set")."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from utenfor.terms import DATA_AREAS, PAYERS, POPULATION


@dataclass(frozen=True)
class Group:
    id: str
    name_nb: str
    name_en: str
    definition_nb: str
    count: int
    is_population: bool

    def name(self, lang: str) -> str:
        """The name in `lang` ("nb" or "en"; bokmål where the English is missing)."""
        return self.name_en or self.name_nb if lang == "en" else self.name_nb


@dataclass(frozen=True)
class SubArea:
    id: str
    area_id: str
    name_nb: str
    name_en: str
    shares: tuple[float, float, float]  # kommune, fylkeskommune, stat

    def name(self, lang: str) -> str:
        """The name in `lang` ("nb" or "en"; bokmål where the English is missing)."""
        return self.name_en or self.name_nb if lang == "en" else self.name_nb


@dataclass(frozen=True, eq=False)
class DataSet:
    """Profiles: `profiles[g, a, j]` is the average public net cost per person per year for
    group `groups[g]` at age `a` in sub-area `subareas[j]`, at `price_base_year` prices."""

    name: str
    title: str
    version: str
    path: Path | None
    price_base_year: int
    fingerprint: str
    groups: tuple[Group, ...]
    subareas: tuple[SubArea, ...]
    profiles: np.ndarray
    price_index: dict[int, float]
    metadata: dict = field(default_factory=dict, repr=False)
    # (groups, sub-areas): the confidence grade of each gap, 1-3; None without grades.csv
    grades: np.ndarray | None = field(default=None, repr=False)

    @property
    def max_age(self) -> int:
        return self.profiles.shape[1] - 1

    @cached_property
    def group_index(self) -> dict[str, int]:
        return {g.id: i for i, g in enumerate(self.groups)}

    def group(self, group_id: str) -> Group:
        return self.groups[self.group_index[group_id]]

    @cached_property
    def memo(self) -> dict:
        """Arrays the engine derives from this data set and keeps (model/engine.py), by key.
        A data set made from this one (local figures) starts with its own, empty."""
        return {}

    @property
    def target_groups(self) -> tuple[Group, ...]:
        return tuple(g for g in self.groups if not g.is_population)

    @cached_property
    def shares(self) -> np.ndarray:
        """(sub-areas, payers): the share of each sub-area's money each payer carries."""
        return np.array([s.shares for s in self.subareas], dtype=float)

    @cached_property
    def area_matrix(self) -> np.ndarray:
        """(sub-areas, areas): 1 where the sub-area belongs to the area."""
        m = np.zeros((len(self.subareas), len(DATA_AREAS)))
        for j, s in enumerate(self.subareas):
            m[j, DATA_AREAS.index(s.area_id)] = 1.0
        return m

    @cached_property
    def gaps(self) -> np.ndarray:
        """(groups, ages, sub-areas): group value minus population value, base-year prices.

        Positive where the group costs the public purse more than the average person, so a
        participant who follows the average life course instead saves that much.
        """
        return self.profiles - self.profiles[self.group_index[POPULATION]]

    @cached_property
    def gains(self) -> np.ndarray:
        """(groups, ages, areas, payers): the gap split into areas and payers."""
        return np.einsum("gaj,jx,jk->gaxk", self.gaps, self.area_matrix, self.shares)

    def info(self) -> dict:
        """Name, version, path, fingerprint, groups and ages (CLI `data info`, the web API)."""
        return {
            "name": self.name,
            "title": self.title,
            "version": self.version,
            "path": str(self.path),
            "fingerprint": self.fingerprint,
            "price_base_year": self.price_base_year,
            "ages": {"min": 0, "max": self.max_age},
            "price_index_years": {"from": min(self.price_index), "to": max(self.price_index)},
            "groups": [
                {
                    "id": g.id,
                    "name_nb": g.name_nb,
                    "name_en": g.name_en,
                    "definition_nb": g.definition_nb,
                    "count": g.count,
                    "is_population": g.is_population,
                }
                for g in self.groups
            ],
            "subareas": [
                {
                    "id": s.id,
                    "area": s.area_id,
                    "name_nb": s.name_nb,
                    "shares": dict(zip(PAYERS, s.shares, strict=True)),
                }
                for s in self.subareas
            ],
        }

    def price_factor(self, year: int) -> tuple[float, int]:
        """index(year) / index(price_base_year), and the index year actually used.

        A year outside the index uses the nearest end (the caller warns).
        """
        first, last = self._index_span
        used = min(max(year, first), last)
        return self.price_index[used] / self.price_index[self.price_base_year], used

    @cached_property
    def _index_span(self) -> tuple[int, int]:
        """The price index's first and last year."""
        return min(self.price_index), max(self.price_index)
