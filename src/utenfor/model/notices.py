"""Warnings carried in a result: a stable `code` for programs, a Norwegian `message` for people
(and its English, `message_en`, for the English interface and reports; not in the JSON)."""

from __future__ import annotations

from dataclasses import dataclass

from utenfor.formatting import number
from utenfor.formatting import trim as _pp


def _en(value: float) -> str:
    return f"{value:g}".replace("-", "\u2212")


@dataclass(frozen=True)
class Notice:
    code: str
    message: str
    message_en: str = ""

    def text(self, lang: str = "nb") -> str:
        return self.message_en if lang == "en" and self.message_en else self.message

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}

    @classmethod
    def high_success_rate(cls, rate_pct: float) -> Notice:
        return cls(
            "high_success_rate",
            f"Suksessraten er {_pp(rate_pct)} prosentpoeng. Veiledningen sier at en suksessrate "
            "på 10 prosent må vurderes som relativt høy: er det realistisk for dette tiltaket?",
            f"The success rate is {_en(rate_pct)} percentage points. The guide says a success "
            "rate of 10 per cent must be considered relatively high: is it realistic for this "
            "intervention?",
        )

    @classmethod
    def negative_success_rate(cls, rate_pct: float) -> Notice:
        return cls(
            "negative_success_rate",
            f"Suksessraten er negativ ({_pp(rate_pct)} prosentpoeng): færre får et "
            "gjennomsnittlig livsløp med tiltaket enn uten. Har andelene byttet plass?",
            f"The success rate is negative ({_en(rate_pct)} percentage points): fewer follow an "
            "average life course with the intervention than without. Are the shares swapped?",
        )

    @classmethod
    def price_index_outside(cls, start_year: int, used_year: int) -> Notice:
        return cls(
            "price_index_outside",
            f"Datasettets prisindeks har ikke året {start_year}; prisjusteringen bruker "
            f"indeksen for {used_year}. Hent SSBs nyeste indeks med `utenfor data update`.",
            f"The data set's price index has no year {start_year}; the price adjustment uses "
            f"the index for {used_year}. Fetch SSB's latest index with `utenfor data update`.",
        )

    @classmethod
    def programme_beyond_period(cls, last_year: int) -> Notice:
        return cls(
            "programme_beyond_period",
            f"Tiltaket kjøres lenger enn analyseperioden; kostnader og deltakere etter "
            f"{last_year} er ikke regnet med.",
            f"The intervention runs beyond the analysis period; costs and participants after "
            f"{last_year} are not counted.",
        )

    @classmethod
    def beyond_max_age(cls, max_age: int) -> Notice:
        return cls(
            "beyond_max_age",
            f"Noen deltakere blir eldre enn {max_age} år (datasettets høyeste alder) før "
            f"analyseperioden er slutt; etter den alderen regnes ingen gevinst for dem.",
            f"Some participants grow older than {max_age} (the data set's highest age) before "
            f"the analysis period ends; after that age no gain is counted for them.",
        )

    @classmethod
    def local_figures(cls, applied: list, fingerprint: str, base_year: int) -> Notice:
        """Which local figures replaced which national ones (`applied`: local_figures.Applied)."""

        def one(a, en: bool) -> str:
            source = a.figure.source or ("no source given" if en else "uten kilde")
            words = ("in place of", "kroner", "source") if en else ("i stedet for", "kroner",
                                                                   "kilde")  # fmt: skip
            return (f"{a.price.label_nb}: {number(a.figure.value)} kr ({a.figure.year}-"
                    f"{words[1]}; {words[2]}: {source}) {words[0]} {number(a.price.value)} kr "
                    f"({base_year}-{words[1]})")  # fmt: skip

        return cls(
            "local_figures",
            "Lokale tall er brukt i stedet for datasettets: "
            + "; ".join(one(a, False) for a in applied)
            + f". Datasettet med de lokale tallene har fingeravtrykk {fingerprint}.",
            "Local figures are used in place of the data set's: "
            + "; ".join(one(a, True) for a in applied)
            + f". The data set with the local figures has fingerprint {fingerprint}.",
        )

    @classmethod
    def local_figure_far_off(cls, label: str, local: float, national: float, year: int) -> Notice:
        ratio = local / national if national else float("inf")
        nb, en = ("høyere", "higher") if ratio > 1 else ("lavere", "lower")
        return cls(
            "local_figure_far_off",
            f"Det lokale tallet for {label} ({number(local)} kr i {year}-kroner) er mer enn ti "
            f"ganger {nb} enn datasettets ({number(national)} kr). Sjekk beløp og enhet (kroner "
            "per år, ikke tusen kroner).",
            f"The local figure for {label} ({number(local)} kr at {year} prices) is more than "
            f"ten times {en} than the data set's ({number(national)} kr). Check the amount and "
            "the unit (kroner a year, not thousands).",
        )
