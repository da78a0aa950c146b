"""The reader's side in Chromium: the report form without JavaScript, axe-core on the new
pages, the API docs under the site's CSP, and the embed card inside another site's iframe.

Screenshots of each page at 1280 and 390 px go to FACTDESK_SCREENSHOTS when it is set.
"""

import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from factcheck.models import ReaderReport
from tests.browser.test_csp import LISTEN
from tests.browser.test_public_accessibility import blocking_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
SHOTS = os.environ.get("FACTDESK_SCREENSHOTS", "")


@pytest.fixture
def no_js_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def shoot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_a_reader_reports_an_error_without_javascript(no_js_page, desk):
    page, claim = no_js_page, desk["revenue"]
    page.goto(claim.get_absolute_url())
    form = page.locator("form.report-form")
    expect(form).to_be_visible()
    expect(page.get_by_label("Leave this empty")).to_be_hidden()  # the honeypot

    # Too short: the form comes back with the message and what was typed.
    page.get_by_label("What is wrong?").fill("Wrong!")
    page.get_by_label("A source that shows it (optional)").fill("https://ir.example.com/ar")
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_role("alert")).to_contain_text("The report was not sent")
    expect(page.get_by_text("at least 10 characters")).to_be_visible()
    expect(page.get_by_label("A source that shows it (optional)")).to_have_value(
        "https://ir.example.com/ar"
    )
    assert ReaderReport.objects.count() == 0

    page.get_by_label("What is wrong?").fill("The annual report says RMB 102 million.")
    page.get_by_role("button", name="Send the report").click()
    expect(page.locator("h1")).to_have_text("Thank you")
    report = ReaderReport.objects.get()
    assert report.claim_id == claim.pk
    assert report.source_url == "https://ir.example.com/ar"
    page.get_by_role("link", name="Back to the fact-check").click()
    expect(page.locator("h1")).to_contain_text("RMB 120 million")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_no_serious_accessibility_violations(page, desk, viewport):
    page.set_viewport_size(VIEWPORTS[viewport])
    claim = desk["revenue"]
    report = reverse("factcheck:claim-report", args=[claim.pk])
    problems = {}
    for name, url in [
        ("methodology", reverse("factcheck:methodology")),
        ("claim-with-form", claim.get_absolute_url()),
        ("report-form", report),
        ("report-thanks", f"{report}?sent=1"),
        ("embed", reverse("factcheck:claim-embed", args=[claim.pk])),
    ]:
        page.goto(url)
        shoot(page, f"{name}-{viewport}")
        found = blocking_violations(page)
        if found:
            problems[url] = found
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (url, viewport)
    # The form with errors, as a reader sees it after a bad submission.
    page.goto(report)
    page.get_by_label("What is wrong?").fill("short")
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_role("alert")).to_be_visible()
    shoot(page, f"report-errors-{viewport}")
    found = blocking_violations(page)
    if found:
        problems["report with errors"] = found
    assert problems == {}


def test_api_docs_render_under_the_csp(page, desk, live_server):
    page.add_init_script(LISTEN)
    failed, requested = [], []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("request", lambda request: requested.append(request.url))
    page.goto(reverse("api:openapi-view"))
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Factdesk API")
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    shoot(page, "api-docs-desktop")
    assert page.evaluate("window.__violations") == []
    assert failed == []
    outside = [url for url in requested if not url.startswith((live_server.url, "data:"))]
    assert outside == []  # no CDN


@pytest.fixture
def partner_site():
    """Another origin (127.0.0.1 on its own port) serving one page, set by the test.

    A real loopback server, not a Playwright route: Chromium treats a routed page as public,
    and its local-network protection then stops it framing the live server.
    """
    pages = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            body = pages.get(self.path, "").encode()
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", pages
    server.shutdown()
    server.server_close()


def test_another_site_can_frame_the_card_but_not_the_claim_page(
    page, desk, live_server, partner_site
):
    claim = desk["valuation"]
    embed = f"{live_server.url}{reverse('factcheck:claim-embed', args=[claim.pk])}"
    page_url = f"{live_server.url}{claim.get_absolute_url()}"
    origin, pages = partner_site
    pages["/partner.html"] = (
        f'<!doctype html><title>Partner</title><iframe id="card" src="{embed}" '
        f'title="card" width="480" height="260"></iframe>'
        f'<iframe id="page" src="{page_url}" title="page"></iframe>'
    )
    page.goto(f"{origin}/partner.html")
    card = page.frame_locator("#card")
    expect(card.locator("h1")).to_contain_text("$3 billion")
    shoot(page, "embed-framed")
    page.wait_for_load_state("load")
    # Refused (X-Frame-Options DENY, frame-ancestors 'none'): Chromium shows its error page.
    expect(page.frame_locator("#page").locator("article.claim-page")).to_have_count(0)
    framed = next(
        frame
        for frame in page.frames
        if frame.name == "" and frame != page.main_frame and "embed" not in frame.url
    )
    assert framed.url.startswith("chrome-error://"), framed.url
