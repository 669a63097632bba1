"""Warnings carried in a result: a stable `code` for programs, and for people a bokmål template
with its parameters (issue 11: the model gives codes and parameters, the words are made at the
edge). `message` is the bokmål text the JSON carries; `reports.language.notice_text` gives it
in the interface's language from the one catalogue, where the template is the msgid.

A parameter is shown by its type: `Kroner` grouped in thousands (12 767 437), another float with
up to two decimals (2,5), an int as it is (a year), a text as it is. A list parameter is a list
of dicts, each shown with the notice's `item` template and joined by "; "."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from utenfor.formatting import num
from utenfor.model.errors import N_


class Kroner(float):
    """An amount in kroner (shown grouped in thousands, without decimals)."""


@dataclass(frozen=True)
class Notice:
    code: str
    template: str  # bokmål, with {named} placeholders
    params: dict[str, Any] = field(default_factory=dict)
    item: str = ""  # template of each element of a list parameter

    @property
    def message(self) -> str:
        return self.text()

    def text(self, lang: str = "nb", translate: Callable[[str], str] = str) -> str:
        """The words in `lang`, the templates passed through `translate` (the catalogue's
        gettext; the identity gives bokmål)."""

        def show(value: Any) -> str:
            if isinstance(value, list):
                return "; ".join(translate(self.item).format(**{k: show(v) for k, v in x.items()})
                                 for x in value)  # fmt: skip
            if isinstance(value, Kroner):
                return num(value, lang)
            if isinstance(value, float):
                return num(value, lang, 2)
            return str(value)

        return translate(self.template).format(**{k: show(v) for k, v in self.params.items()})

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}

    @classmethod
    def high_success_rate(cls, rate_pct: float) -> Notice:
        return cls("high_success_rate", N_(
            "Suksessraten er {rate} prosentpoeng. Veiledningen sier at en suksessrate på 10 "
            "prosent må vurderes som relativt høy: er det realistisk for dette tiltaket?"),
            {"rate": float(rate_pct)})  # fmt: skip

    @classmethod
    def negative_success_rate(cls, rate_pct: float) -> Notice:
        return cls("negative_success_rate", N_(
            "Suksessraten er negativ ({rate} prosentpoeng): færre får et gjennomsnittlig "
            "livsløp med tiltaket enn uten. Har andelene byttet plass?"),
            {"rate": float(rate_pct)})  # fmt: skip

    @classmethod
    def price_index_outside(cls, start_year: int, used_year: int) -> Notice:
        return cls("price_index_outside", N_(
            "Datasettets prisindeks har ikke året {start}; prisjusteringen bruker indeksen for "
            "{used}. Hent SSBs nyeste indeks med `utenfor data update`."),
            {"start": int(start_year), "used": int(used_year)})  # fmt: skip

    @classmethod
    def programme_beyond_period(cls, last_year: int) -> Notice:
        return cls("programme_beyond_period", N_(
            "Tiltaket kjøres lenger enn analyseperioden; kostnader og deltakere etter {last} er "
            "ikke regnet med."), {"last": int(last_year)})  # fmt: skip

    @classmethod
    def beyond_max_age(cls, max_age: int) -> Notice:
        return cls("beyond_max_age", N_(
            "Noen deltakere blir eldre enn {age} år (datasettets høyeste alder) før "
            "analyseperioden er slutt; etter den alderen regnes ingen gevinst for dem."),
            {"age": int(max_age)})  # fmt: skip

    @classmethod
    def local_figures(cls, applied: list, fingerprint: str, base_year: int) -> Notice:
        """Which local figures replaced which national ones (`applied`: local_figures.Applied)."""
        figures = [{"label": a.price.label_nb, "value": Kroner(a.figure.value),
                    "year": a.figure.year, "source": a.figure.source or "–",
                    "national": Kroner(a.price.value), "base": base_year}
                   for a in applied]  # fmt: skip
        return cls("local_figures", N_(
            "Lokale tall er brukt i stedet for datasettets: {figures}. Datasettet med de lokale "
            "tallene har fingeravtrykk {fingerprint}."),
            {"figures": figures, "fingerprint": fingerprint},
            N_("{label}: {value} kr ({year}-kroner; kilde: {source}) i stedet for {national} kr "
               "({base}-kroner)"))  # fmt: skip

    @classmethod
    def local_figure_far_off(cls, label: str, local: float, national: float, year: int) -> Notice:
        higher = national == 0 or local / national > 1
        template = (
            N_("Det lokale tallet for {label} ({local} kr i {year}-kroner) er mer enn ti ganger "
               "høyere enn datasettets ({national} kr). Sjekk beløp og enhet (kroner per år, "
               "ikke tusen kroner).") if higher else
            N_("Det lokale tallet for {label} ({local} kr i {year}-kroner) er mer enn ti ganger "
               "lavere enn datasettets ({national} kr). Sjekk beløp og enhet (kroner per år, "
               "ikke tusen kroner).")
        )  # fmt: skip
        return cls("local_figure_far_off", template, {"label": label, "local": Kroner(local),
                   "national": Kroner(national), "year": int(year)})  # fmt: skip
