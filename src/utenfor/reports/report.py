"""A `Report`: one result with its analysis, in one language, as built values (tables, texts
and charts). Every output (the page, the API, the command line, the PDF and the workbook)
renders a Report, so they show the same numbers and the same words (issue 11)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from utenfor.model.analysis_results import Analysis
from utenfor.model.result import Result
from utenfor.reports import assumptions, charts, result_tables
from utenfor.reports.analysis_text import threshold_sentences
from utenfor.reports.council_text import council_text
from utenfor.reports.language import labelled, notice_text, num, tr
from utenfor.reports.table import Table


@dataclass(frozen=True, eq=False)
class Report:
    result: Result
    analysis: Analysis | None = None  # utenfor.model.analysis.analyse, or None
    lang: str = "nb"
    title: str | None = None  # the user's name for the scenario: hostile text, shown as text

    @property
    def scenario(self):
        return self.result.scenario

    @cached_property
    def heading(self) -> str:
        name = self.result.data.group(self.scenario.target_group).name(self.lang)
        return self.title or f"Utenfor-regnskapet: {name}"

    @cached_property
    def discounting(self) -> str:
        return assumptions.discounting(self.scenario.settings, self.lang)

    @cached_property
    def adjustments(self) -> str:
        return assumptions.adjustments(self.scenario.settings, self.lang)

    @cached_property
    def assumptions(self) -> Table:
        return assumptions.assumptions(self.result, self.lang)

    @cached_property
    def tables(self) -> dict[str, Table]:
        """The result tables; with an analysis also sensitivity, uncertainty and co-financing."""
        r, lang = self.result, self.lang
        built = [result_tables.payers(r, lang), result_tables.areas(r, lang),
                 result_tables.cumulative(r, lang)]  # fmt: skip
        if self.analysis is not None:
            built += [result_tables.sensitivity(self.analysis, lang),
                      result_tables.uncertainty(self.analysis, lang),
                      result_tables.cofinancing(self.analysis, lang)]  # fmt: skip
        quality = result_tables.grades(r, lang)
        return {t.key: t for t in built} | ({quality.key: quality} if quality else {})

    @cached_property
    def panel_tables(self) -> dict[str, Table]:
        """The calculation page's two further result tables (issue 31): net gain by area and
        payer, and each payer's break-even; the same numbers as the result's JSON."""
        r, lang = self.result, self.lang
        return {"area_by_payer": result_tables.area_by_payer(r, lang),
                "break_even": result_tables.break_even(r, lang)}  # fmt: skip

    @cached_property
    def council(self) -> list[str]:
        return council_text(self.result, self.lang)

    @cached_property
    def sentences(self) -> list[str]:
        return threshold_sentences(self.analysis, self.lang) if self.analysis else []

    @cached_property
    def warnings(self) -> list[str]:
        return [notice_text(w, self.lang) for w in self.result.plan.warnings]

    @cached_property
    def data_quality(self) -> str | None:
        """How much of the gain rests on judgement (issue 13), or None without grades."""
        q, lang = self.result.data_quality, self.lang
        if q is None:
            return None
        return tr("{judgement} % av gevinsten bygger på skjønnsmessige anslag (grad 3), "
                  "{research} % på forskning eller nære tilnærminger (grad 2) og {official} % "
                  "på offisiell statistikk (grad 1).", lang).format(
            judgement=num(q["grade_3_pct"], lang), research=num(q["grade_2_pct"], lang),
            official=num(q["grade_1_pct"], lang))  # fmt: skip

    @cached_property
    def break_even(self) -> str:
        be, years, lang = self.result.break_even, self.result.years, self.lang
        if be is None:
            return (f"{tr('Tiltaket går ikke i balanse innen analyseperioden', lang)} "
                    f"({years[0]}–{years[-1]}).")  # fmt: skip
        if be["years"] == 0:
            return f"{tr('Tiltaket gir samlet gevinst fra første år', lang)} ({be['year']})."
        return (f"{tr('Tiltaket gir samlede økonomiske gevinster', lang)} {be['years']} "
                f"{tr('år etter oppstart, fra', lang)} {be['year']}.")  # fmt: skip

    @cached_property
    def charts(self) -> dict[str, charts.Chart]:
        """The figures, by name (drawn by `reports.svg`); the what-if ones only with an analysis."""
        r, lang, a = self.result, self.lang, self.analysis
        built = {"payers": charts.payer_chart(r, lang), "areas": charts.area_chart(r, lang),
                 "cumulative": charts.cumulative_chart(r, lang)}  # fmt: skip
        if a is not None:
            built |= {"tornado": charts.tornado_chart(a.sensitivity, lang),
                      "fan": charts.fan_chart(a.uncertainty, lang),
                      "cofinancing": charts.cofinancing_chart(a.cofinancing, lang)}  # fmt: skip
        return built

    @property
    def analysis_json(self) -> dict[str, Any] | None:
        """The analysis as the API and `analyse --format json` give it (labels added)."""
        return labelled(self.analysis) if self.analysis is not None else None

    def to_json(self) -> dict[str, Any]:
        """The report as JSON: the JSON result, the analysis, and what the outputs show."""
        return {
            "lang": self.lang,
            "title": self.heading,
            "result": self.result.to_json(),
            "analysis": self.analysis_json,
            "texts": {
                "discounting": self.discounting,
                "adjustments": self.adjustments,
                "break_even": self.break_even,
                "council": self.council,
                "sentences": self.sentences,
                "warnings": self.warnings,
                "data_quality": self.data_quality,
            },
            "assumptions": self.assumptions.to_json(),
            "tables": [t.to_json() for t in self.tables.values()],
        }
