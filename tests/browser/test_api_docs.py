"""The API's docs page with accounts on (issue 30, item 11): the schema declares the personal
API token as a bearer scheme, so Swagger UI shows "Authorize"; a token given there is sent,
and "Try it out" on `GET /api/v1/data` answers 200 (without it, 401)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from support import reader_with_token, start_server


@pytest.fixture()
def accounts_server(tmp_path):
    url = f"sqlite:///{tmp_path / 'docs.db'}"
    _, token = reader_with_token(url)
    proc, base = start_server(url, tmp_path, "--accounts")
    yield base, token
    proc.terminate()
    proc.wait(timeout=10)


def try_data(page, status: int) -> None:
    """ "Try it out" on GET /api/v1/data: the page shows `status` (waited for)."""
    block = page.locator(".opblock-get", has=page.locator('[data-path="/api/v1/data"]'))
    if not block.locator("button.execute").count():
        if not block.locator("button.try-out__btn").count():
            block.locator(".opblock-summary").click()
        block.locator("button.try-out__btn").click()
    block.locator("button.execute").click()
    shown = block.locator(".live-responses-table tr.response .response-col_status").first
    expect(shown).to_have_text(re.compile(rf"^\s*{status}"))


def test_the_docs_page_sends_the_token_given_to_authorize(page, accounts_server):
    base, token = accounts_server
    page.goto(base + "/api/docs")
    page.locator("button.btn.authorize").first.wait_for()
    try_data(page, 401)
    page.locator("button.btn.authorize").first.click()
    page.locator(".modal-ux input").first.fill(token)
    page.locator(".modal-ux .auth-btn-wrapper button.authorize").click()
    page.locator(".modal-ux button.btn-done").click()
    try_data(page, 200)
