"""What the facilitator sees: how to join (address, QR code, join code), the join sheet, and the
panel of who has joined, by role, and how far each has got."""

from __future__ import annotations

import io
from html.parser import HTMLParser

import segno

from coprod_check.model.answers import Answer
from coprod_check.workshop import panel
from coprod_check.workshop.room import Workshop

ADDRESS = "http://192.168.1.20:8765"


def test_issue16_the_qr_code_holds_the_join_link_with_the_code(workshop: Workshop) -> None:
    link = panel.join_link(ADDRESS, workshop.code)
    assert link == f"{ADDRESS}/j/{workshop.code}"
    drawn = panel.qr_drawing(link)
    expected = io.StringIO()
    segno.make(link, error="m").terminal(out=expected, compact=True, border=2)
    assert drawn == expected.getvalue()
    assert set(drawn) <= set("█▀▄ \n")  # block characters only: no colours or escapes


def test_issue16_the_opening_says_where_and_how_to_join(workshop: Workshop) -> None:
    shown = panel.opening(workshop, [ADDRESS], "room/join-sheet.html", plain=False, width=80)
    assert f"Join at: {ADDRESS}" in shown
    assert f"Join code: {workshop.code}" in shown
    assert "▀" in shown  # the QR code
    assert "room/join-sheet.html" in shown
    plain = panel.opening(workshop, [ADDRESS], "room/join-sheet.html", plain=True, width=40)
    assert "▀" not in plain
    assert f"Join code: {workshop.code}" in plain
    assert all(len(line) <= 40 for line in plain.splitlines())
    assert "q and Enter to end the" in plain


class _Tags(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_issue16_the_join_sheet_has_the_qr_code_as_svg_the_address_and_the_code(
    workshop: Workshop,
) -> None:
    sheet = panel.join_sheet("Riverside <b>", ADDRESS, workshop.code)
    tags = _Tags(sheet).tags
    svg = [attrs for tag, attrs in tags if tag == "svg"]
    assert len(svg) == 1
    assert svg[0]["role"] == "img"
    assert svg[0]["aria-label"] == "QR code for the join address"
    assert ADDRESS in sheet
    assert workshop.code in sheet
    assert "Riverside &lt;b&gt;" in sheet
    assert not [tag for tag, _ in tags if tag in ("script", "img", "link")]


def test_issue16_the_panel_counts_by_role_and_shows_no_names_unless_given(
    workshop: Workshop,
) -> None:
    workshop.join("staff", None)
    _, asha = workshop.join("lived-experience", "Asha")
    workshop.join("staff", None)
    step = asha.steps()[0]
    asha.answer(step, Answer(question=step.id))
    progress = workshop.progress()
    words = panel.by_role(workshop, progress)
    assert words == ("3 have joined: 1 Person with lived experience, 2 Staff member. 0 finished.")
    assert [panel.who(item) for item in progress] == ["Participant 1", "Asha", "Participant 3"]
    assert panel.progress_words(progress[1]) == f"1 of {progress[1].total}"


def test_issue16_plain_mode_says_who_joins_and_lists_everyone_on_p(workshop: Workshop) -> None:
    shown = io.StringIO()
    watching = panel.Panel(workshop, shown, plain=True, width=100)
    watching.start()
    assert shown.getvalue() == "No one has joined yet.\n"
    workshop.join("partner", "Ben")
    watching.tick()
    assert "Joined: Ben (Partner). 1 has joined: 1 Partner. 0 finished." in shown.getvalue()
    watching.show_all()
    watching.tick()
    assert f"  Ben (Partner): 0 of {workshop.progress()[0].total}" in shown.getvalue()


def test_issue16_the_live_panel_draws_a_row_for_each_participant(workshop: Workshop) -> None:
    workshop.join("partner", "Ben")
    workshop.join("funder", None)
    shown = io.StringIO()
    watching = panel.Panel(workshop, shown, plain=False, width=100)
    watching.start()
    watching.stop()
    drawn = shown.getvalue()
    assert "2 have joined: 1 Partner, 1 Funder or commissioner" in drawn
    assert "Ben" in drawn
    assert "Participant 2" in drawn
    assert panel.END_WORDS in drawn
