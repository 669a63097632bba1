"""axe-core, vendored in tests/browser/vendor, run inside the page."""

from pathlib import Path

AXE = Path(__file__).parent / "vendor" / "axe.min.js"


def with_axe(context):
    """`context`, with axe-core in each page it opens from the page's start (an init script,
    which the app's Content-Security-Policy does not cover, so the tests run under it). The
    650 KB go to Chromium once, not through the protocol after every load: that cost about
    0.17 core-seconds a page (issue 32). axe-core changes nothing in a page until it runs."""
    context.add_init_script(path=str(AXE))
    return context


def axe_violations(page, impacts: tuple[str, ...] | None = ("serious", "critical")) -> list[dict]:
    """axe-core violations of these impacts (None: of any impact) on the current page, whose
    context has axe-core in it (`with_axe`: the app's Content-Security-Policy forbids adding it
    as a script afterwards)."""
    assert page.evaluate("() => 'axe' in window"), "open the page's context with with_axe()"
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if impacts is None or v["impact"] in impacts
    ]
