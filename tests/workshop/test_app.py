"""The workshop's pages through Starlette's test client: joining, answering one question per page,
back, skip, notes, carrying on; and everything a browser that should not get in is refused."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from coprod_check.files import results
from coprod_check.workshop import guard
from coprod_check.workshop.guard import Guesses
from coprod_check.workshop.room import Workshop
from tests.workshop.people import BASE, Form, Person

ATTACK = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'

Make = Callable[[], Person]


def saved(path: Path) -> results.Results:
    return results.read(path)


def only_file(workshop: Workshop) -> Path:
    (participant,) = workshop.participants.values()
    return participant.path


# -- joining and answering ------------------------------------------------------------------------


def test_issue16_the_front_door_asks_for_the_join_code(person: Make, workshop: Workshop) -> None:
    someone = person()
    page = someone.open("/")
    assert page.status_code == 200
    assert "The join code" in page.text
    page = someone.send({"code": f" {workshop.code.lower()[:3]} {workshop.code.lower()[3:]} "})
    assert page.status_code == 200
    assert "Who are you answering as?" in page.text


def test_issue16_joining_makes_a_results_file_in_the_role_and_words_of_the_participant(
    person: Make, workshop: Workshop
) -> None:
    someone = person()
    someone.join(workshop.code, "lived-experience", "Asha")
    assert someone.where.startswith("/q/")
    path = only_file(workshop)
    assert path.name == "lived-experience-01.toml"
    meta = saved(path).meta
    assert (meta.role, meta.respondent, meta.project) == (
        "lived-experience",
        "Asha",
        "Riverside family hub",
    )
    first = workshop.catalog.questions_for("lived-experience")[0]
    assert first.text in someone.html  # in their own voice
    assert someone.where == f"/q/{first.id}"


def test_issue16_each_answer_is_saved_the_moment_it_is_sent(
    person: Make, workshop: Workshop
) -> None:
    someone = person()
    someone.join(workshop.code)
    first = someone.where.removeprefix("/q/")
    someone.answer(1, note="We were asked late.")
    answer = saved(only_file(workshop)).answers[first]
    options = [c.id for c in workshop.catalog.questions[first].options()]
    assert answer.choices == (options[1],)
    assert answer.note == "We were asked late."
    assert someone.where != f"/q/{first}"


def test_issue16_skip_back_and_change_an_answer(person: Make, workshop: Workshop) -> None:
    someone = person()
    someone.join(workshop.code)
    first = someone.where
    someone.skip(note="Not sure")
    second = someone.where
    assert second != first
    kept = saved(only_file(workshop)).answers[first.removeprefix("/q/")]
    assert kept.skipped
    assert kept.note == "Not sure"
    someone.back()
    assert someone.where == first
    assert "Not sure" in someone.html  # the note given is shown again
    someone.answer(0)
    assert someone.where == second
    assert not saved(only_file(workshop)).answers[first.removeprefix("/q/")].skipped


def test_issue16_the_page_shows_progress_help_and_what_words_mean(
    person: Make, workshop: Workshop
) -> None:
    someone = person()
    someone.join(workshop.code)
    catalog = workshop.catalog
    for _ in range(40):
        question = catalog.questions.get(someone.where.removeprefix("/q/"))
        if question is not None and question.terms:
            break
        someone.answer()
    assert question is not None
    assert question.terms
    assert re.search(r"Question \d+ of \d+", someone.html)
    assert "<summary>Help with this question</summary>" in someone.html
    assert "<summary>What do these words mean?</summary>" in someone.html
    term = catalog.glossary[question.terms[0]]
    assert term.term in someone.html


def test_issue16_a_question_must_be_answered_or_skipped(person: Make, workshop: Workshop) -> None:
    someone = person()
    someone.join(workshop.code)
    first = someone.where
    page = someone.send({"do": "save", "note": "a note"})
    assert page.status_code == 400
    assert "Choose an answer, or choose Skip for now." in page.text
    assert 'role="alert"' in page.text
    assert "a note" in page.text  # what was typed is kept
    assert someone.where == first
    assert saved(only_file(workshop)).answers == {}


def test_issue16_a_target_question_follows_each_area(person: Make, workshop: Workshop) -> None:
    someone = person()
    someone.join(workshop.code)
    for _ in range(30):
        if someone.where.startswith("/q/target"):
            break
        someone.answer()
    assert someone.where.startswith("/q/target")
    assert "(suggested)" in someone.html
    form = Form(someone.html)
    someone.send({"do": "save", "choice": form.choices[3]})
    assert saved(only_file(workshop)).targets


def test_issue16_the_last_answer_marks_the_results_complete(
    person: Make, workshop: Workshop
) -> None:
    someone = person()
    someone.join(workshop.code)
    for _ in range(200):
        if someone.where == "/done":
            break
        someone.skip()
    assert someone.where == "/done"
    kept = saved(only_file(workshop))
    assert kept.complete
    assert kept.summary is not None
    assert "that was the last question" in someone.html
    assert "Skipped" in someone.html


def test_issue16_a_change_after_the_last_question_goes_back_to_the_answers(
    person: Make, workshop: Workshop
) -> None:
    someone = person()
    someone.join(workshop.code)
    for _ in range(200):
        if someone.where == "/done":
            break
        someone.skip()
    second = Form(someone.html).links[1]
    someone.open(second)
    someone.answer(0)
    assert someone.where == "/done"
    question = second.removeprefix("/q/")
    assert not saved(only_file(workshop)).answers[question].skipped
    assert saved(only_file(workshop)).complete


def test_issue16_closing_the_page_and_coming_back_carries_on(
    person: Make, workshop: Workshop
) -> None:
    someone = person()
    someone.join(workshop.code)
    for _ in range(3):
        someone.answer()
    here = someone.where
    someone.open("/")
    assert someone.where == here
    someone.open(f"/j/{workshop.code}")  # the join link again: no second participant
    assert someone.where == here
    assert len(workshop.participants) == 1


def test_issue16_someone_else_can_answer_on_the_same_device(
    person: Make, workshop: Workshop
) -> None:
    someone = person()
    someone.join(workshop.code)
    for _ in range(200):
        if someone.where == "/done":
            break
        someone.skip()
    someone.send(action="/leave")
    assert someone.where == "/"
    someone.join(workshop.code, "partner")
    assert len(workshop.participants) == 2


def test_issue16_frameworks_with_no_roles_ask_only_for_a_name(
    tmp_path: Path, write_framework: Callable[..., Path]
) -> None:
    from starlette.testclient import TestClient  # noqa: PLC0415

    from coprod_check.frameworks.load import Sources, load_catalog  # noqa: PLC0415
    from coprod_check.workshop.app import create_app  # noqa: PLC0415
    from tests.helpers import minimal_framework  # noqa: PLC0415

    write_framework(minimal_framework(), folder=tmp_path / "fw")
    catalog = load_catalog(Sources(folders=(tmp_path / "fw",), bundled=False))
    (tmp_path / "room").mkdir()
    room = Workshop.open(catalog, tmp_path / "room", project="Tiny", frameworks=None, pathway=None)
    with TestClient(create_app(room, names=[]), base_url=BASE) as client:
        someone = Person(client)
        someone.open(f"/j/{room.code}")
        assert "Who are you answering as?" not in someone.html
        someone.send({"name": "Sam"})
        someone.answer(1)
    (participant,) = room.participants.values()
    assert participant.path.name == "participant-01.toml"
    assert saved(participant.path).answers["how-made"].choices == ("together",)


# -- security -------------------------------------------------------------------------------------


def test_issue16_no_page_or_form_without_the_join_code(
    person: Make, workshop: Workshop, tmp_path: Path
) -> None:
    someone = person()
    for path in ["/q/design-stage", "/done"]:
        page = someone.client.get(path, follow_redirects=False)
        assert page.status_code == 303
        assert page.headers["location"] == "/"
    for path in ["/q/design-stage", "/join", "/leave"]:
        page = someone.client.post(path, data={"do": "save", "choice": "x"})
        assert page.status_code == 403, path
    assert workshop.participants == {}
    assert sorted(p.name for p in (tmp_path / "room").iterdir()) == [".workshop.toml"]


def test_issue16_a_wrong_code_is_refused_and_guessing_is_limited(
    person: Make, workshop: Workshop, guesses: Guesses
) -> None:
    someone = person()
    wrong = "AAAAAA" if workshop.code != "AAAAAA" else "CCCCCC"
    for _ in range(guesses.per_address):
        page = someone.open(f"/j/{wrong}")
        assert page.status_code == 400
        assert "That is not the join code" in page.text
    page = someone.open(f"/j/{workshop.code}")  # even the right code, until the window passes
    assert page.status_code == 429
    assert page.headers["retry-after"] == str(guesses.wait)
    someone.open("/")
    assert someone.send({"code": workshop.code}).status_code == 429
    assert workshop.participants == {}


def test_issue16_guesses_from_every_address_together_are_limited_too() -> None:
    now = [0.0]
    guesses = Guesses(per_address=5, overall=8, window=60.0, clock=lambda: now[0])
    for number in range(8):
        assert guesses.allowed(f"10.0.0.{number}")
        guesses.wrong(f"10.0.0.{number}")
    assert not guesses.allowed("10.0.0.99")
    now[0] = 61.0
    assert guesses.allowed("10.0.0.99")


def test_issue16_guesses_are_forgotten_once_the_window_has_passed() -> None:
    now = [0.0]
    guesses = Guesses(per_address=2, window=60.0, clock=lambda: now[0])
    guesses.wrong("a")
    now[0] = 30.0
    guesses.wrong("a")
    assert not guesses.allowed("a")
    assert guesses.allowed("b")
    now[0] = 60.5  # the first has gone
    assert guesses.allowed("a")


def test_issue16_guesses_remember_a_bounded_number_of_addresses() -> None:
    guesses = Guesses(addresses=3, clock=lambda: 0.0)
    for number in range(10):
        guesses.wrong(str(number))
    assert len(guesses._by_address) == 3


def test_issue16_the_code_is_random_unambiguous_and_long_enough() -> None:
    codes = {guard.new_code() for _ in range(200)}
    assert len(codes) > 190
    for code in codes:
        assert len(code) >= 6
        assert not set(code) & set("0O1IL2Z5S8B")
        assert set(code) <= set(guard.ALPHABET)


def test_issue16_the_token_cookie_is_httponly_and_samesite(
    person: Make, workshop: Workshop
) -> None:
    someone = person()
    someone.open(f"/j/{workshop.code}")
    form = Form(someone.html)
    data = {**form.fields, "role": "staff"}
    page = someone.client.post("/join", data=data, follow_redirects=False)
    cookies = page.headers.get_list("set-cookie")
    token = [c for c in cookies if c.startswith(f"coprod-{workshop.record.id}=")]
    assert token, cookies
    assert "HttpOnly" in token[0]
    assert "SameSite=lax" in token[0]
    raw = token[0].split(";")[0].split("=", 1)[1]
    assert raw not in (workshop.folder / ".workshop.toml").read_text()  # only its hash is kept
    assert guard.token_hash(raw) in (workshop.folder / ".workshop.toml").read_text()


def test_issue16_a_participant_can_change_only_their_own_answers(
    person: Make, workshop: Workshop
) -> None:
    asha, ben = person(), person()
    asha.join(workshop.code, "staff", "Asha")
    ben.join(workshop.code, "partner", "Ben")
    ben_file = next(p.path for p in workshop.participants.values() if p.name == "Ben")
    before = ben_file.read_bytes()
    # Asha's browser sending Ben's form (Ben's CSRF token): refused.
    ben_form = Form(ben.html)
    data = {**ben_form.fields, "do": "save", "choice": ben_form.choices[0]}
    page = asha.client.post(ben_form.action or "", data=data)
    assert page.status_code == 403
    # Ben's token with Asha's form: refused.
    asha_form = Form(asha.html)
    ben_token = ben.client.cookies[f"coprod-{workshop.record.id}"]
    forged = {**asha_form.fields, "do": "save", "choice": asha_form.choices[0]}
    page = asha.client.post(
        asha_form.action or "",
        data=forged,
        headers={"cookie": f"coprod-{workshop.record.id}={ben_token}"},
    )
    assert page.status_code == 403
    # A made-up token: not a participant at all.
    page = asha.client.post(
        asha_form.action or "",
        data=forged,
        headers={"cookie": f"coprod-{workshop.record.id}={guard.new_token()}"},
    )
    assert page.status_code == 403
    assert ben_file.read_bytes() == before


def test_issue16_a_forged_form_without_the_csrf_token_is_refused(
    person: Make, workshop: Workshop
) -> None:
    someone = person()
    someone.join(workshop.code)
    path = only_file(workshop)
    before = path.read_bytes()
    form = Form(someone.html)
    for csrf in [None, "", "0" * 64, guard.csrf_token(workshop.record.secret, "someone-else")]:
        data = {key: value for key, value in form.fields.items() if key != "csrf"}
        if csrf is not None:
            data["csrf"] = [csrf]
        data.update({"do": "save", "choice": form.choices[0]})
        page = someone.client.post(form.action or "", data=data)
        assert page.status_code == 403, csrf
    assert path.read_bytes() == before
    # The join form, too.
    other = person()
    other.open(f"/j/{workshop.code}")
    data = {"code": workshop.code, "role": "staff", "csrf": "0" * 64}
    assert other.client.post("/join", data=data).status_code == 403
    assert len(workshop.participants) == 1


def test_issue16_a_form_from_another_site_is_refused(person: Make, workshop: Workshop) -> None:
    someone = person()
    someone.join(workshop.code)
    form = Form(someone.html)
    data = {**form.fields, "do": "save", "choice": form.choices[0]}
    page = someone.client.post(
        form.action or "", data=data, headers={"origin": "http://elsewhere.example"}
    )
    assert page.status_code == 403
    assert saved(only_file(workshop)).answers == {}


def test_issue16_an_oversize_body_is_refused_before_it_is_read(
    person: Make, workshop: Workshop
) -> None:
    someone = person()
    someone.join(workshop.code)
    form = Form(someone.html)
    data = {**form.fields, "do": "save", "choice": form.choices[0], "note": "x" * guard.MAX_BODY}
    page = someone.client.post(form.action or "", data=data)
    assert page.status_code == 413
    assert saved(only_file(workshop)).answers == {}


def test_issue16_a_body_without_its_length_is_refused(person: Make, workshop: Workshop) -> None:
    someone = person()
    someone.join(workshop.code)
    form = Form(someone.html)

    def chunks() -> object:
        yield b"do=save"

    page = someone.client.post(
        form.action or "",
        content=chunks(),  # type: ignore[arg-type]
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert page.status_code == 411


def test_issue16_a_note_too_long_is_refused_and_kept_on_the_page(
    person: Make, workshop: Workshop
) -> None:
    someone = person()
    someone.join(workshop.code)
    page = someone.answer(0, note="n" * 2001)
    assert page.status_code == 400
    assert "That note is too long: 2001 letters" in page.text
    assert saved(only_file(workshop)).answers == {}


def test_issue16_a_name_too_long_is_refused(person: Make, workshop: Workshop) -> None:
    someone = person()
    page = someone.join(workshop.code, "staff", "n" * 81)
    assert page.status_code == 400
    assert "That name is too long" in page.text
    assert workshop.participants == {}


def test_issue16_typed_text_is_escaped_everywhere_it_is_shown(
    person: Make, workshop: Workshop
) -> None:
    someone = person()
    someone.join(workshop.code, "staff", ATTACK)
    first = someone.where
    for _ in range(100):
        question = workshop.catalog.questions.get(someone.where.removeprefix("/q/"))
        if question is not None and question.type == "text":
            break
        someone.answer(note=ATTACK)
    assert question is not None
    assert question.type == "text"
    text_page = someone.where
    someone.answer(text=ATTACK, note=ATTACK)
    someone.open(text_page)
    pages = [someone.html, someone.open(first).text]
    someone.open("/")  # on from the furthest answer
    for _ in range(200):
        if someone.where == "/done":
            break
        someone.skip(note=ATTACK)
    pages.append(someone.html)
    someone.open(f"{text_page}")
    pages.append(someone.answer(text="", note=ATTACK).text)  # the page with a problem
    for number, page in enumerate(pages):
        assert "<script>" not in page
        assert "<img" not in page
        assert "&lt;script&gt;" in page, number
    kept = saved(only_file(workshop))
    assert kept.meta.respondent == ATTACK  # kept exactly, shown only as text
    assert kept.answers[text_page.removeprefix("/q/")].text == ATTACK


def test_issue16_the_facilitators_panel_and_combined_result_are_not_served(
    person: Make, workshop: Workshop
) -> None:
    (workshop.folder / "combined").mkdir()
    (workshop.folder / "combined" / "combined.toml").write_text("secret = 1\n")
    someone = person()
    someone.join(workshop.code)
    for path in [
        "/panel",
        "/facilitator",
        "/combined",
        "/combined/combined.toml",
        "/.workshop.toml",
        "/staff-01.toml",
        "/join-sheet.html",
        "/static/../.workshop.toml",
        "/q/..%2F.workshop.toml",
    ]:
        page = someone.client.get(path, follow_redirects=True)
        assert "secret = 1" not in page.text
        assert workshop.code not in page.text or path.startswith("/q/"), path
        assert workshop.record.secret not in page.text
        assert page.status_code in (200, 404), path


def test_issue16_a_request_for_another_host_is_refused(person: Make, workshop: Workshop) -> None:
    someone = person()
    for host in ["attacker.example", "rebound.example:8765"]:
        page = someone.client.get("/", headers={"host": host})
        assert page.status_code == 400, host
    for host in ["localhost:8765", "127.0.0.1:8765", "192.168.1.20:8765", "[::1]:8765"]:
        assert someone.client.get("/", headers={"host": host}).status_code == 200, host


def test_issue16_every_page_forbids_scripts_and_loading_from_elsewhere(
    person: Make, workshop: Workshop
) -> None:
    someone = person()
    pages = [someone.open("/"), someone.open(f"/j/{workshop.code}")]
    pages.append(someone.join(workshop.code))
    pages.append(someone.open("/nowhere"))
    for page in pages:
        policy = page.headers["content-security-policy"]
        assert "default-src 'none'" in policy
        assert "script-src" not in policy
        assert page.headers["x-content-type-options"] == "nosniff"
        assert page.headers["cache-control"] == "no-store"
        assert "<script" not in page.text
        assert not re.search(r'(src|href)="(https?:)?//', page.text)


@pytest.mark.parametrize("path", ["/", "/j/ABCDEF"])
def test_issue16_the_front_door_reveals_nothing(
    person: Make, workshop: Workshop, path: str
) -> None:
    page = person().open(path)
    assert workshop.code not in page.text
    assert "Who are you answering as?" not in page.text
