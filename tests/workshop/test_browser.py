"""A workshop in a real browser (Playwright driving Debian's chromium): three people with
different roles join at once and answer, go back, skip, add notes, close the page and carry on;
the facilitator ends the workshop; the combined result and where voices differ are what the
answers imply. Every kind of page passes axe with no violations at 320 and 1280 pixels, reads at
320 pixels with large text, and asks for nothing but the workshop's own server.

Like the HTML report's browser tests, these skip when /usr/bin/chromium is missing, unless
COPROD_CHECK_REQUIRE_BROWSER is set (as CI does).
"""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Any

import pytest

from coprod_check.files import results
from coprod_check.model.catalog import Catalog
from coprod_check.model.framework import NOT_APPLICABLE
from coprod_check.score.scores import question_score
from tests.workshop.served import Served

WIDTHS = (320, 1280)
ATTACK = '<script>alert("hi")</script><img src=x onerror=alert(2)>'


class Device:
    """One participant's browser: its own cookies, every request it made, every alert shown."""

    def __init__(self, browser: Any, served: Served) -> None:
        self.served = served
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.requested: list[str] = []
        self.dialogs: list[str] = []
        self.context.on("request", lambda sent: self.requested.append(sent.url))
        self.page = self.new_page()

    def new_page(self) -> Any:
        page = self.context.new_page()
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        return page

    def open(self, path: str) -> None:
        self.page.goto(self.served.address + path, wait_until="load")

    @property
    def path(self) -> str:
        return str(self.page.url).removeprefix(self.served.address)

    def heading(self) -> str:
        return str(self.page.get_by_role("heading", level=1).inner_text())

    def save(self) -> None:
        with self.page.expect_navigation():
            self.page.get_by_role("button", name="Save and go on").click()

    def skip(self) -> None:
        with self.page.expect_navigation():
            self.page.get_by_role("button", name="Skip for now").click()


def audit(device: Device, name: str) -> None:
    """axe finds no violations on the page at each width, and it never scrolls sideways, even
    with the text twice as large."""
    from axe_playwright_python.sync_playwright import Axe  # noqa: PLC0415 — only with a browser

    page = device.page
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        result = Axe().run(page)
        assert result.violations_count == 0, f"{name} at {width}px:\n{result.generate_report()}"
        assert _overflow(page) <= 0, f"{name} is wider than a {width}px screen"
    page.set_viewport_size({"width": 320, "height": 900})
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    assert _overflow(page) <= 0, f"{name} is wider than a 320px screen with large text"
    page.evaluate("document.documentElement.style.fontSize = ''")
    page.set_viewport_size({"width": 1280, "height": 900})


def _overflow(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


def choose(device: Device, pick: str) -> list[str]:
    """Choose the first or the last choice offered (never "does not apply"); their values."""
    boxes = device.page.locator("input[name=choice]")
    values = [boxes.nth(n).get_attribute("value") for n in range(boxes.count())]
    usable = [n for n, value in enumerate(values) if value != NOT_APPLICABLE]
    number = usable[0] if pick == "first" else usable[-1]
    boxes.nth(number).check()
    return [str(values[number])]


def by_keyboard(device: Device, served: Served, name: str) -> None:
    """Join with the keyboard alone: the code, the first role, a name, then Start."""
    page = device.page
    device.open("/")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "code"
    page.keyboard.type(served.code.lower())
    with page.expect_navigation():
        page.keyboard.press("Enter")
    audit(device, "who is answering")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "role":
            break
    page.keyboard.press("Space")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "name":
            break
    page.keyboard.type(name)
    with page.expect_navigation():
        page.keyboard.press("Enter")


Chosen = dict[str, dict[str, list[str]]]
"""What Asha and Sam chose, by question."""


def test_issue16_three_people_answer_together_in_a_real_browser(
    browser: Any, tmp_path: Path, catalog: Catalog
) -> None:
    folder = tmp_path / "room"
    with Served(folder, "--project", "Riverside family hub") as served:
        devices = [Device(browser, served) for _ in range(3)]
        chosen = _workshop(served, catalog, *devices)
        code, out, err = served.end(signal.SIGINT)
    assert code == 0, err
    for device in devices:
        assert device.dialogs == [], "a script in what someone typed ran"
        outside = [
            url
            for url in device.requested
            if not url.startswith(served.address) and not url.startswith("file://")
        ]
        assert outside == [], "a page asked for something from elsewhere"
        device.context.close()
    assert "Saved the combined result of 3 respondents" in out
    _combined_as_answered(folder, catalog, chosen)


def _workshop(served: Served, catalog: Catalog, asha: Device, sam: Device, pat: Device) -> Chosen:
    """Everything the three do while the workshop runs, auditing each kind of page on the way."""
    _join(served, asha, sam, pat)
    chosen = _design(asha, sam)

    # Sam goes back and changes an answer; Asha forgets to choose, and is told.
    with sam.page.expect_navigation():
        sam.page.get_by_role("link", name="Back to the question before").click()
    assert sam.path == "/q/target%3Adesign"
    sam.skip()
    with asha.page.expect_navigation():
        asha.page.get_by_role("button", name="Save and go on").click()
    assert asha.page.get_by_role("alert").inner_text().startswith("Choose an answer")
    audit(asha, "a question with a problem")

    # Asha closes the page and opens the address again: she carries on where she was.
    where = asha.path
    asha.page.close()
    asha.page = asha.new_page()
    asha.open("/")
    assert asha.path == where

    # A question to type an answer to.
    sam.open("/q/voice-what-changed")
    audit(sam, "a question to type an answer to")
    sam.page.get_by_label(catalog.questions["voice-what-changed"].text).fill(ATTACK)
    sam.save()

    # Pat skips to the end, and sees every answer to look over.
    pat.page.get_by_label("A note on why you chose this").fill(ATTACK)
    pat.skip()
    while pat.path != "/done":
        pat.skip()
    assert pat.heading() == "Thank you: that was the last question"
    audit(pat, "the end")
    pat.open("/no-such-page")
    audit(pat, "a page that is not there")

    # The join sheet, as the facilitator prints it.
    pat.page = pat.new_page()
    pat.page.goto((served.folder / "join-sheet.html").as_uri(), wait_until="load")
    audit(pat, "the join sheet")
    assert pat.page.get_by_role("img", name="QR code for the join address").is_visible()
    return chosen


def _join(served: Served, asha: Device, sam: Device, pat: Device) -> None:
    """Asha joins with the keyboard; Sam (staff) and Pat (a partner) by the join link, the QR
    code's."""
    asha.open("/")
    audit(asha, "the join page")
    by_keyboard(asha, served, "Asha")
    assert asha.path == "/q/design-stage"
    assert asha.heading().startswith("Question 1 of ")
    for device, role, name in ((sam, "Staff member", ""), (pat, "Partner", ATTACK)):
        device.open(f"/j/{served.code}")
        device.page.get_by_role("radio", name=role).check()
        device.page.get_by_label("Your name, or your group's").fill(name)
        with device.page.expect_navigation():
            device.page.get_by_role("button", name="Start").click()


def _design(asha: Device, sam: Device) -> Chosen:
    """Asha and Sam answer the design questions as far apart as they can be, with notes, then
    its target question."""
    audit(asha, "a question")
    asha.page.get_by_text("Help with this question").click()
    assert asha.page.locator("details").first.get_attribute("open") is not None
    chosen: Chosen = {"asha": {}, "sam": {}}
    for device, name, pick in ((asha, "asha", "first"), (sam, "sam", "last")):
        for number in range(5):
            question = device.path.removeprefix("/q/")
            chosen[name][question] = choose(device, pick)
            if number == 0:
                note = f"{name}'s note {ATTACK}"
                device.page.get_by_label("A note on why you chose this").fill(note)
            if question == "design-parts":
                audit(device, "a question with several answers")
            device.save()
    assert asha.path == sam.path == "/q/target%3Adesign"
    audit(asha, "a target question")
    asha.save()  # the suggested stage
    sam.skip()
    return chosen


def _combined_as_answered(folder: Path, catalog: Catalog, chosen: Chosen) -> None:
    """Three respondents, and where voices differ is what Asha and Sam answered."""
    combined = results.read(folder / "combined" / "combined.toml").combined
    assert combined is not None
    assert combined.respondents == 3
    pathway = catalog.pathways["arnstein"]
    differ = {item.id: item for item in combined.differ if item.kind == "question"}
    for question_id, asha_choice in chosen["asha"].items():
        question = catalog.questions[question_id]
        if question.places is not None:
            continue  # scored against each respondent's target: the combine tests cover it
        scores = {
            "lived-experience": question_score(
                question, _answer(question_id, asha_choice), pathway
            ),
            "staff": question_score(
                question, _answer(question_id, chosen["sam"][question_id]), pathway
            ),
        }
        low, high = scores["lived-experience"], scores["staff"]
        assert low is not None
        assert high is not None
        if abs(high - low) >= combined.threshold:
            assert question_id in differ, question_id
            assert differ[question_id].values == pytest.approx(scores)
        else:
            assert question_id not in differ, question_id
    people = {path.name: results.read(path) for path in sorted(folder.glob("[!.]*.toml"))}
    assert {kept.meta.role for kept in people.values()} == {"lived-experience", "staff", "partner"}
    assert people["partner-03.toml"].meta.respondent == ATTACK
    assert people["partner-03.toml"].complete
    assert people["lived-experience-01.toml"].meta.respondent == "Asha"


def _answer(question_id: str, picked: list[str]) -> Any:
    from coprod_check.model.answers import Answer  # noqa: PLC0415

    return Answer(question=question_id, choices=tuple(picked))
