"""Bokmål first, English second, for the reports (issue 5: `--lang nb|en`).

Texts are written in bokmål and looked up here for English. `tr` is strict: an English report
that meets a text without a translation fails loudly (the English report tests make sure none
is missing), rather than mixing languages silently.
"""

from __future__ import annotations

from utenfor.terms import AREA_NAMES_NB, PAYER_NAMES_NB

LANGUAGES = ("nb", "en")

PAYER_NAMES_EN = {"kommune": "Municipality", "fylkeskommune": "County", "stat": "State"}
AREA_NAMES_EN = {
    "transfers": "Transfers",
    "tax": "Tax payments",
    "health": "Health services",
    "education": "Education",
    "corrections": "Corrections",
    "child_welfare": "Child welfare",
    "implementation": "Implementation",
}

EN = {
    # charts
    "Nettogevinst fordelt på aktører": "Net gain by payer",
    "Nettogevinst for ulike tjenesteområder": "Net gain by service area",
    "Akkumulert nettogevinst (break-even)": "Cumulative net gain (break-even)",
    "Akkumulert nettogevinst per år": "Cumulative net gain per year",
    "Følsomhet: samlet nettogevinst når én forutsetning endres":
        "Sensitivity: total net gain when one assumption changes",
    "Tornadodiagram": "Tornado chart",
    "Usikkerhet: akkumulert nettogevinst (P10–P90 og median)":
        "Uncertainty: cumulative net gain (P10–P90 and median)",
    "Viftediagram": "Fan chart",
    "Hvem investerer, og hvem får gevinsten?": "Who invests, and who gets the gain?",
    "Gruppert stolpediagram": "Grouped bar chart",
    "Gevinst": "Gain",
    "Kostnad båret": "Cost carried",
    "Netto nå": "Net now",
    "Netto med foreslått deling": "Net with the proposed split",
    "kroner": "NOK",
    "kroner, akkumulert": "NOK, cumulative",
    "År": "Year",
    "Hva": "What",
    "Kroner": "NOK",
    "Akkumulert": "Cumulative",
    "I alt": "Total",
    # PDF
    "Utenfor-regnskapet": "Utenfor-regnskapet (the outsider accounts)",
    "Laget": "Made",
    "med Utenfor-regnskapet (åpen implementasjon av KS’ modell fra 2019).":
        "with Utenfor-regnskapet (an open implementation of KS's 2019 model).",
    "Forutsetningene": "The assumptions",
    "Målgruppe": "Target group",
    "Aldersgruppe": "Age group",
    "år": "years",
    "Suksessrate": "Success rate",
    "uten tiltaket": "without the intervention",
    "med": "with",
    "suksessrate": "success rate",
    "prosentpoeng": "percentage points",
    "Varighet": "Duration",
    "fra": "from",
    "kommunen kjører tiltaket i": "the municipality runs the intervention for",
    "hvert tiltak varer": "each intervention lasts",
    "Nye deltakere": "New participants",
    "Kostnader": "Costs",
    "Kostnader som faller bort": "Costs falling away",
    "Tilskudd": "Grants",
    "til": "to",
    "ingen": "none",
    "Analyse": "Analysis",
    "diskontert med": "discounted at",
    "kroner-i": "in",
    "-kroner": " kroner",
    "Figur 1. Nettogevinst fordelt på aktører": "Figure 1. Net gain by payer",
    "Figur 2. Break-even": "Figure 2. Break-even",
    "Figur 3. Nettogevinst for ulike tjenesteområder": "Figure 3. Net gain by service area",
    "Samlet nettogevinst": "Total net gain",
    "Nettogevinst pr. deltaker": "Net gain per participant",
    "Slik kan resultatet presenteres": "How the result can be presented",
    "Hva modellen ikke sier": "What the model does not say",
    "Advarsler": "Warnings",
    "side": "page",
    "datasett": "data set",
    "Hva om? Terskler, følsomhet og usikkerhet": "What if? Thresholds, sensitivity and uncertainty",
    "Hva endres": "What changes",
    "Lav": "Low",
    "Høy": "High",
    "Nettogevinst": "Net gain",
    "Modellen sier ingenting om hvorvidt tiltaket virker: suksessraten er en forutsetning.":
        "The model says nothing about whether the intervention works: the success rate is an "
        "assumption.",
    "Tallene gjelder offentlige budsjetter (kommune, fylkeskommune og stat), ikke "
    "samfunnsøkonomiske konsekvenser.":
        "The numbers concern public budgets (municipality, county and state), not society as a "
        "whole.",
    "Bortfall av sosial arv av trygdeytelser er ikke regnet med.":
        "Fewer benefits being passed on between generations is not counted.",
    "Datasettet bygger på publisert statistikk; målgruppene er anslått ut fra befolkningen med "
    "dokumenterte justeringer, ikke målt i registre. Se docs/data.md for svakhetene.":
        "The data set is built from published statistics; the target groups are estimated from "
        "the population with documented adjustments, not measured in registers. See "
        "docs/data.md for its weaknesses.",
    # Excel
    "Forutsetninger": "Assumptions",
    "året etter tiltaket": "the year after the intervention",
    "inngangsåret": "the entry year",
    "Definisjon": "Definition (Norwegian)",
    "Aldersgrupper": "Age groups",
    "Andel med gjennomsnittlig livsløp uten tiltaket (%)":
        "Share reaching an average life course without the intervention (%)",
    "Andel med tiltaket (%)": "Share with the intervention (%)",
    "Suksessrate (prosentpoeng)": "Success rate (percentage points)",
    "Første år": "First year",
    "Antall år kommunen kjører tiltaket": "Years the municipality runs the intervention",
    "Antall år hvert tiltak varer": "Years each intervention lasts",
    "Analyseperiode (år)": "Analysis period (years)",
    "Diskonteringsrente (%)": "Discount rate (%)",
    "Gevinsten regnes fra": "The gain counts from",
    "Prisfaktor (prisindeks startår / basisår)":
        "Price factor (price index start year / base year)",
    "Per år": "Per year",
    "Kostnad": "Cost",
    "Faller bort": "Falling away",
    "Fra": "From",
    "Til": "To",
    "Beløp": "Amount",
    "Resultater": "Results",
    "diskontert": "discounted",
    "Samlet break-even": "Overall break-even",
    "år etter oppstart": "years after the start",
    "nås ikke i perioden": "not within the period",
    "Akkumulert nettogevinst": "Cumulative net gain",
    "Figur 2. Akkumulert nettogevinst": "Figure 2. Cumulative net gain",
    "Kontantstrøm": "Cash flow",
    "Område": "Area",
    "Betaler": "Payer",
    "Diskontert": "Discounted",
    "Udiskontert": "Undiscounted",
    "Diskonteringsfaktor": "Discount factor",
    "Livsløp": "Life course",
    "Gap per person og år: målgruppe minus befolkningen":
        "Gap per person and year: target group minus the population",
    "Alder": "Age",
    "Sum": "Sum",
    "Om": "About",
    "åpen implementasjon av Utenfor-regnskapet": "open implementation of Utenfor-regnskapet",
    "Modellen sier ingenting om hvorvidt tiltaket virker; suksessraten er en forutsetning. "
    "Tallene gjelder offentlige budsjetter. Sosial arv av trygdeytelser er ikke regnet med.":
        "The model says nothing about whether the intervention works; the success rate is an "
        "assumption. The numbers concern public budgets. Fewer benefits being passed on "
        "between generations is not counted.",
    "Om beregningen": "About the calculation",
    "Modell": "Model",
    "Datasett": "Data set",
    "Fingeravtrykk": "Fingerprint",
    "Merk": "Note",
    "Kilder": "Sources",
    "Advarsel": "Warning",
}  # fmt: skip


def tr(text: str, lang: str) -> str:
    """`text` (bokmål) in `lang`; KeyError for an English text that is missing here."""
    if lang == "nb":
        return text
    return EN[text]


def payer_name(payer: str, lang: str) -> str:
    return PAYER_NAMES_NB[payer] if lang == "nb" else PAYER_NAMES_EN[payer]


def area_name(area: str, lang: str) -> str:
    return AREA_NAMES_NB[area] if lang == "nb" else AREA_NAMES_EN[area]
