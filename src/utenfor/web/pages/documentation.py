"""The documentation a web user needs, as pages of the app (issue 31, item 15): the model, the
open data set, its sources, how it compares with the guide, the what-if tools and the file
formats, rendered from the same Markdown files as docs/ (packaged with the wheel). A link
between them stays inside the app; a link to anything else in the repository becomes text.
Also: the `doclinks` filter, which turns "docs/model.md" in a text (the data set's sources,
"Om modellen") into a link to its page."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import markupsafe
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from utenfor.marks import N_
from utenfor.web.responses import message, render

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

router = APIRouter(include_in_schema=False)

# page -> (file in docs/, its title in bokmål): the files a web user is pointed to.
PAGES = {
    "modell": ("model.md", N_("Modellen")),
    "data": ("data.md", N_("Det åpne datasettet")),
    "kilder": ("sources.md", N_("Kildene")),
    "validering": ("validation.md", N_("Sammenligning med veiledningen")),
    "analyse": ("analysis.md", N_("Hva om-verktøyene")),
    "formater": ("formats.md", N_("Filformatene")),
}
BY_FILE = {file: page for page, (file, _) in PAGES.items()}
CITED = re.compile(r"docs/(\w+\.md)")


def docs_folder() -> Path:
    """docs/ inside the installed package (the wheel), or beside src/ in a checkout."""
    here = Path(__file__).resolve().parents[2]  # .../utenfor
    packaged = here / "docs"
    return packaged if packaged.is_dir() else here.parents[1] / "docs"


def slug(text: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to -."""
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def _links(md: MarkdownIt) -> None:
    def rule(state) -> None:
        for i, token in enumerate(state.tokens):
            if token.type == "heading_open":
                token.attrSet("id", slug(state.tokens[i + 1].content))
            for child in token.children or []:
                if child.type != "link_open":
                    continue
                href = str(child.attrGet("href") or "")
                file, _, anchor = href.partition("#")
                page = BY_FILE.get(Path(file).name) if file.endswith(".md") else None
                if page and not file.startswith(".."):
                    child.attrSet("href", f"/dokumentasjon/{page}" + (f"#{anchor}" if anchor
                                                                      else ""))  # fmt: skip
                    child.attrSet("class", "ds-link")
                elif file or not anchor:  # outside the app: keep the words, drop the link
                    child.attrSet("data-drop", "1")

    md.core.ruler.push("utenfor_links", rule)


@cache
def _renderer() -> MarkdownIt:
    from markdown_it import MarkdownIt  # loads with the first documentation page

    md = MarkdownIt("commonmark", {"html": False}).enable("table")  # typed HTML is text
    _links(md)
    return md


@cache
def page_html(page: str) -> markupsafe.Markup:
    """One documentation file as HTML (cached: the files change only with the release)."""
    text = (docs_folder() / PAGES[page][0]).read_text(encoding="utf-8")
    html = _renderer().render(text)
    html = re.sub(r'<a href="[^"]*" data-drop="1">(.*?)</a>', r"\1", html, flags=re.S)
    html = html.replace("<table>", '<div class="table-scroll"><table class="ds-table" '
                        'data-size="sm">').replace("</table>", "</table></div>")  # fmt: skip
    html = html.replace("<pre>", '<pre tabindex="0">')  # a wide code block scrolls: keyboard too
    return markupsafe.Markup(doclinks(markupsafe.Markup(html)))


def doclinks(text: str) -> markupsafe.Markup:
    """Text (escaped unless already markup) with each "docs/<file>.md" this app serves made a
    link to its page."""
    escaped = markupsafe.escape(text)

    def link(m: re.Match) -> str:
        page = BY_FILE.get(m[1])
        return f'<a class="ds-link" href="/dokumentasjon/{page}">{m[0]}</a>' if page else m[0]

    return markupsafe.Markup(CITED.sub(link, str(escaped)))


@router.get("/dokumentasjon", response_class=HTMLResponse)
def documentation_index(request: Request) -> HTMLResponse:
    return render(request, "documentation.html", {"pages": PAGES, "page": None})


@router.get("/dokumentasjon/{page}", response_class=HTMLResponse)
def documentation_page(request: Request, page: str) -> HTMLResponse:
    if page not in PAGES:
        return message(request, N_("Finnes ikke"), N_("Den siden finnes ikke."), 404)
    return render(request, "documentation.html",
                  {"pages": PAGES, "page": page, "body": page_html(page)})  # fmt: skip
