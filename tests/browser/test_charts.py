"""The figures are SVG drawn on the server (issue 12): they show without JavaScript, and the
page loads no charting library."""

from __future__ import annotations

from utenfor.terms import DATA_AREAS

FIGURES = (
    "Nettogevinst fordelt på aktører",
    "Akkumulert nettogevinst (break-even)",
    "Nettogevinst for ulike tjenesteområder",
    "Følsomhet: samlet nettogevinst",
    "Usikkerhet: akkumulert nettogevinst",
    "Hvem investerer, og hvem får gevinsten?",
)


def test_the_figures_show_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280,
                                                                       "height": 900})  # fmt: skip
    page = context.new_page()
    page.goto(server + "/?eksempel=veiledning")
    page.click("#hva-om-boks > summary")  # the what-if section is folded (issue 32)
    page.wait_for_function(
        "() => document.querySelector('#tornado').getBoundingClientRect().width > 400"
    )
    charts = page.locator(".chart svg")
    assert charts.count() == len(FIGURES)
    for i, title in enumerate(FIGURES):
        chart = charts.nth(i)
        assert chart.locator("text").first.text_content().startswith(title)
        box = chart.bounding_box()
        assert box["width"] > 400 and box["height"] > 150, (title, box)
        assert chart.locator("rect, path, circle").count() >= 2  # the fan: band and median
    page.goto(server + "/data")
    assert page.locator(".chart svg path").count() == len(DATA_AREAS)  # a line per area
    context.close()


def test_the_page_loads_no_charting_library(page, server):
    scripts: list[str] = []
    page.on("request", lambda r: scripts.append(r.url) if r.resource_type == "script" else None)
    page.goto(server + "/?eksempel=veiledning", wait_until="networkidle")
    assert scripts and all("vega" not in s for s in scripts), scripts
    assert {s.rsplit("/", 1)[-1] for s in scripts} == {"htmx.min.js", "app.js"}
