"""A real server on loopback and Debian's chromium driven by Playwright (no browser download)."""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from pathlib import Path

import pytest
import uvicorn
from axe_check import with_axe

from support import free_port
from utenfor.web.app import Settings, create_app

CHROMIUM = os.environ.get("UTENFOR_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
        "--disable-component-update", "--disable-sync", "--disable-quic"]  # fmt: skip
# Each new context opens a window, and this Chromium gives every window a renderer of its own
# for the address bar's popup (a "top-chrome" WebUI page), about 0.4 core-seconds a context,
# half of what a test's first page load costs. Tests see nothing of it; these features make it.
UNUSED_FEATURES = ("WebUIOmniboxPopup", "WebUIOmniboxAimPopup")


def disabled_features(browser) -> list[str]:
    """The --disable-features switches the browser runs with, as chrome://version shows them."""
    page = browser.new_page()
    page.goto("chrome://version")
    line = page.inner_text("#command_line").split()
    page.close()
    return [a for a in line if a.startswith("--disable-features=")]


# Chromium's autofill and password manager classify every field of every form a page shows,
# on the browser process's thread pool: about 50 ms of CPU for each load of the calculation
# form, and again whenever its year rows are rebuilt (issue 32, docs/performance.md wave 3p).
# The tests use neither. They are the profile's preferences, with no switch; the contexts
# Playwright makes are incognito profiles that read them from the default profile, where
# chrome://settings sets them.
UNUSED_PREFERENCES = ("autofill.profile_enabled", "autofill.credit_card_enabled",
                      "credentials_enable_service")  # fmt: skip


def switch_off_preferences(browser, names=UNUSED_PREFERENCES, timeout: float = 20) -> dict:
    """Sets the preferences `names` to false in the default profile, through a
    chrome://settings page opened there (Playwright opens pages only in contexts of its own),
    and answers them as the page reads them back afterwards (None if the page has not answered
    within `timeout` seconds in all)."""
    deadline = time.monotonic() + timeout
    cdp = browser.new_browser_cdp_session()
    target = cdp.send("Target.createTarget", {"url": "chrome://settings/autofill"})["targetId"]
    session = cdp.send("Target.attachToTarget", {"targetId": target, "flatten": False})
    replies: dict[int, dict] = {}

    def reply(event: dict) -> None:
        message = json.loads(event["message"])
        replies[message.get("id")] = message

    cdp.on("Target.receivedMessageFromTarget", reply)

    def evaluate(number: int, expression: str):
        params = {"expression": expression, "awaitPromise": True, "returnByValue": True}
        message = {"id": number, "method": "Runtime.evaluate", "params": params}
        cdp.send("Target.sendMessageToTarget",
                 {"sessionId": session["sessionId"], "message": json.dumps(message)})  # fmt: skip
        while number not in replies and time.monotonic() < deadline:
            cdp.send("Browser.getVersion")  # lets Playwright deliver the page's answer
            time.sleep(0.01)
        return replies.get(number, {}).get("result", {}).get("result", {}).get("value")

    each = "for (const n of %s) o[n] = await new Promise(r => chrome.settingsPrivate.%s);"
    wanted = json.dumps(list(names))
    number = 0
    while time.monotonic() < deadline:  # until the page's script has loaded
        number += 1
        if evaluate(number, "typeof chrome.settingsPrivate") == "object":
            break
        time.sleep(0.05)
    evaluate(-1, "(async () => { const o = {}; %s return o; })()"
             % (each % (wanted, "setPref(n, false, '', r)")))  # fmt: skip
    read = evaluate(-2, "(async () => { const o = {}; %s return o; })()"
                    % (each % (wanted, "getPref(n, v => r(v.value))")))  # fmt: skip
    cdp.send("Target.closeTarget", {"targetId": target})
    cdp.detach()
    return read


def launch(playwright):
    """Debian's chromium with ARGS, UNUSED_FEATURES and UNUSED_PREFERENCES switched off.
    Chromium keeps only the last --disable-features it is given, and Playwright gives its own
    list: so the browser is started once to read that list, then again with one that holds
    both. Debian's chromium-headless-shell (UTENFOR_CHROMIUM=/usr/bin/chromium-headless-shell)
    opens no windows, so it has no address bar and no chrome:// pages: it runs as it is
    started."""
    first = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    if Path(CHROMIUM).name == "chromium-headless-shell":
        return first
    own = disabled_features(first)
    first.close()
    names = [n for a in own for n in a.split("=", 1)[1].split(",")] + list(UNUSED_FEATURES)
    merged = "--disable-features=" + ",".join(dict.fromkeys(names))
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*ARGS, merged],
                                         ignore_default_args=own)  # fmt: skip
    kept = disabled_features(browser)
    assert kept == [merged], f"Chromium was not started with the merged list: {kept}"
    off = switch_off_preferences(browser)
    assert off == dict.fromkeys(UNUSED_PREFERENCES, False), (
        f"chrome://settings did not switch off {UNUSED_PREFERENCES}: it read back {off}"
    )
    return browser


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("db") / "browser.db"
    app = create_app(Settings(database_url=f"sqlite:///{db}"))
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    assert srv.started, "the test server did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's {Path(CHROMIUM).name} (.ci/run "
            "installs chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    # Runs under the app's Content-Security-Policy: anything the policy blocks (a chart that
    # needs more than it allows, say) is reported by the browser and fails the test below.
    context = browser.new_context(locale="nb-NO", viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    outside: list[str] = []
    pg.on("request", lambda r: outside.append(r.url) if not r.url.startswith(
        ("http://127.0.0.1", "data:", "blob:", "about:")) else None)  # fmt: skip
    blocked: list[str] = []
    pg.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text
          else None)  # fmt: skip
    yield pg
    context.close()
    assert not outside, f"requests left the machine: {outside}"
    assert not blocked, f"blocked by the Content-Security-Policy: {blocked}"


@pytest.fixture()
def axe_page(browser):
    """A page with axe-core in it from its start (under the app's Content-Security-Policy)."""
    size = {"width": 1400, "height": 1000}
    context = with_axe(browser.new_context(locale="nb-NO", viewport=size))
    yield context.new_page()
    context.close()
