"""The web application participants' browsers talk to (Starlette).

The routes, all plain forms and full page loads:

- ``GET /``: the front door, where the join code is typed; for a participant, back to where
  they were. ``POST /``: the code typed. ``GET /j/CODE``: the address in the QR code.
- ``POST /join``: the role (and a name if they wish): the participant's results file is made,
  and their browser is given its token.
- ``GET /q/STEP``: one question; ``POST /q/STEP``: its answer (or a skip), saved at once.
- ``GET /done``: every answer, to look over and change. ``POST /leave``: let someone else answer
  on this device.

Nothing else is served: the facilitator's panel is in the terminal and the combined result is a
file, so neither can be reached from a participant's browser. Every request needs the join code
(once typed, the participant's token stands for it); every form, its CSRF token.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from coprod_check.ask.questionnaire import Step
from coprod_check.ask.targets import TargetQuestion
from coprod_check.errors import CoprodError
from coprod_check.model.answers import Answer
from coprod_check.model.framework import Question
from coprod_check.workshop import guard, pages
from coprod_check.workshop.pages import MAX_NAME, MAX_NOTE, step_href

if TYPE_CHECKING:
    from collections.abc import Collection

    from starlette.types import ASGIApp

    from coprod_check.workshop.room import Participant, Workshop

KEEP_FOR = 30 * 24 * 3600
"""How long a participant's browser keeps their token: long enough to carry on next week."""

Notify = Callable[[str], None]
"""Tells the facilitator about something that went wrong (a line in the terminal)."""


class NotUsable(Exception):
    """What was sent cannot be used; the page is shown again with these words."""


def create_app(
    workshop: Workshop,
    *,
    names: Collection[str],
    guesses: guard.Guesses | None = None,
    notify: Notify | None = None,
) -> ASGIApp:
    """The application for ``workshop``, answering requests for the hosts in ``names`` (and any
    address written as numbers)."""
    site = Site(workshop, guesses or guard.Guesses(), notify or (lambda _words: None))
    app = Starlette(
        routes=[
            Route("/", site.front, methods=["GET", "POST"]),
            Route("/j/{code}", site.link, methods=["GET"]),
            Route("/join", site.join, methods=["POST"]),
            Route("/q/{step}", site.question, methods=["GET", "POST"]),
            Route("/done", site.done, methods=["GET"]),
            Route("/leave", site.leave, methods=["POST"]),
        ],
        exception_handlers={HTTPException: site.refused},  # type: ignore[dict-item]
    )
    return guard.Guard(app, names=names)


class Site:
    """The handlers, around one workshop."""

    def __init__(self, workshop: Workshop, guesses: guard.Guesses, notify: Notify) -> None:
        self.workshop = workshop
        self.guesses = guesses
        self.notify = notify
        self.participant_cookie = f"coprod-{workshop.record.id}"
        self.visitor_cookie = f"coprod-visit-{workshop.record.id}"

    # -- who is asking ------------------------------------------------------------------------

    def participant(self, request: Request) -> Participant | None:
        return self.workshop.find(request.cookies.get(self.participant_cookie, ""))

    def csrf(self, cookie: str) -> str:
        return guard.csrf_token(self.workshop.record.secret, cookie)

    async def form(self, request: Request, cookie: str) -> FormData:
        """The form sent, once its CSRF token is found to be the one made for ``cookie``."""
        origin = request.headers.get("origin", "null")
        if (
            origin != "null"
            and origin.split("://", 1)[-1].lower() != request.headers.get("host", "").lower()
        ):  # "null" says nothing: the CSRF token decides
            raise HTTPException(403, "This form came from another site.")
        form = await request.form(max_files=0, max_fields=100, max_part_size=guard.MAX_BODY)
        given = form.get("csrf")
        if not isinstance(given, str) or not guard.is_csrf_token(
            self.workshop.record.secret, cookie, given
        ):
            raise HTTPException(
                403,
                "This form is out of date, or did not come from this workshop. Go to the start "
                "and try again. (The workshop needs this browser to keep cookies.)",
            )
        return form

    def client(self, request: Request) -> str:
        return request.client.host if request.client is not None else ""

    # -- the front door -----------------------------------------------------------------------

    async def front(self, request: Request) -> Response:
        participant = self.participant(request)
        if participant is not None and request.method == "GET":
            return await run_in_threadpool(_carry_on_now, participant)
        visitor, new = self._visitor(request)
        if request.method == "GET":
            return self._with_visitor(self._join_page(visitor), visitor, new)
        form = await self.form(request, visitor)
        return self._with_visitor(
            self._code_given(request, visitor, _text(form, "code")), visitor, new
        )

    async def link(self, request: Request) -> Response:
        participant = self.participant(request)
        if participant is not None:  # the join link again, on a device that has joined
            return await run_in_threadpool(_carry_on_now, participant)
        visitor, new = self._visitor(request)
        return self._with_visitor(
            self._code_given(request, visitor, request.path_params["code"]), visitor, new
        )

    def _visitor(self, request: Request) -> tuple[str, bool]:
        """The browser's visitor cookie, and whether it is new (to be set)."""
        given = request.cookies.get(self.visitor_cookie, "")
        if 16 <= len(given) <= 64:
            return given, False
        return guard.new_token(), True

    def _with_visitor(self, response: Response, visitor: str, new: bool) -> Response:
        if new:
            response.set_cookie(
                self.visitor_cookie, visitor, httponly=True, samesite="lax", path="/"
            )
        return response

    def _join_page(self, visitor: str, problem: str | None = None, status: int = 200) -> Response:
        page = pages.join_page(
            csrf=self.csrf(visitor), project=self.workshop.project, problem=problem
        )
        return HTMLResponse(page, status)

    def _code_given(self, request: Request, visitor: str, typed: str) -> Response:
        """The page after a code is given: who is answering, or the front door again."""
        wrong = self._check_code(request, visitor, typed)
        if wrong is not None:
            return wrong
        page = pages.who_page(
            self.workshop.catalog,
            csrf=self.csrf(visitor),
            code=self.workshop.code,
            project=self.workshop.project,
        )
        return HTMLResponse(page)

    def _check_code(self, request: Request, visitor: str, typed: str) -> Response | None:
        """None for the right code; otherwise the page that says why not (and the guess
        counted). While too many wrong codes have come, even the right one is refused."""
        address = self.client(request)
        if not self.guesses.allowed(address):
            page = pages.problem_page(
                "Too many wrong codes",
                "Too many wrong join codes have been tried. Wait a few minutes, check the code "
                "with the facilitator, then try again.",
            )
            return HTMLResponse(page, 429, headers={"Retry-After": str(self.guesses.wait)})
        if guard.is_code(typed, self.workshop.code):
            return None
        self.guesses.wrong(address)
        problem = "That is not the join code. Check it with the facilitator and type it again."
        return self._join_page(visitor, problem, 400)

    async def join(self, request: Request) -> Response:
        visitor, _ = self._visitor(request)
        form = await self.form(request, visitor)
        wrong = self._check_code(request, visitor, _text(form, "code"))
        if wrong is not None:
            return wrong
        role, name = _text(form, "role"), " ".join(_text(form, "name").split())
        roles = self.workshop.catalog.roles
        problem = None
        if roles and role not in roles:
            problem = "Choose who you are answering as."
        elif len(name) > MAX_NAME:
            problem = f"That name is too long: at most {MAX_NAME} letters fit."
        if problem is not None:
            page = pages.who_page(
                self.workshop.catalog,
                csrf=self.csrf(visitor),
                code=self.workshop.code,
                project=self.workshop.project,
                problem=problem,
                role=role,
                name=name[:MAX_NAME],
            )
            return HTMLResponse(page, 400)
        try:
            token, participant = await run_in_threadpool(
                self.workshop.join, role if roles else None, name or None
            )
        except CoprodError as error:
            return self._not_saved(error)
        response = _carry_on(participant)  # no one else has its token yet
        response.set_cookie(
            self.participant_cookie,
            token,
            max_age=KEEP_FOR,
            httponly=True,
            samesite="lax",  # sent when a link to the workshop is followed from elsewhere
            path="/",
        )
        return response

    # -- the questions ------------------------------------------------------------------------

    async def question(self, request: Request) -> Response:
        participant = self.participant(request)
        if participant is None:
            return self._not_joined(request)
        step_id = request.path_params["step"]
        token = request.cookies[self.participant_cookie]
        if request.method == "GET":
            return await run_in_threadpool(self._show, participant, step_id, token)
        form = await self.form(request, token)
        return await run_in_threadpool(self._answered, participant, step_id, token, form)

    def _show(self, participant: Participant, step_id: str, token: str) -> Response:
        with participant.lock:
            step = _step(participant, step_id)
            if step is None:
                return _carry_on(participant)
            page = pages.question_page(
                self.workshop.catalog, participant, step, csrf=self.csrf(token)
            )
        return HTMLResponse(page)

    def _answered(
        self, participant: Participant, step_id: str, token: str, form: FormData
    ) -> Response:
        with participant.lock:
            step = _step(participant, step_id)
            if step is None:  # taken out of the way by a changed answer, or never there
                return _carry_on(participant)
            skip = _text(form, "do") == "skip"
            answer: Answer | None = None
            stage: str | None = None
            try:
                if isinstance(step, TargetQuestion):
                    stage = None if skip else _one_stage(step, form)
                else:
                    answer = _answer(step, form, skip=skip)
            except NotUsable as problem:
                given = _as_given(step, form)
                page = pages.question_page(
                    self.workshop.catalog,
                    participant,
                    step,
                    csrf=self.csrf(token),
                    problem=str(problem),
                    given=given,
                )
                return HTMLResponse(page, 400)
            try:
                following = participant.answer(step, answer, stage)
            except CoprodError as error:
                return self._not_saved(error)
        return _see(step_href(following) if following is not None else "/done")

    async def done(self, request: Request) -> Response:
        participant = self.participant(request)
        if participant is None:
            return self._not_joined(request)
        token = request.cookies[self.participant_cookie]

        def page() -> str:
            with participant.lock:
                return pages.done_page(self.workshop.catalog, participant, csrf=self.csrf(token))

        return HTMLResponse(await run_in_threadpool(page))

    async def leave(self, request: Request) -> Response:
        participant = self.participant(request)
        if participant is None:
            return self._not_joined(request)
        await self.form(request, request.cookies[self.participant_cookie])
        response = _see("/")
        response.delete_cookie(self.participant_cookie, path="/", httponly=True, samesite="lax")
        return response

    # -- refusals -----------------------------------------------------------------------------

    def _not_joined(self, request: Request) -> Response:
        """A page or form for participants, asked for by a browser that has not joined: to the
        front door (a form sent is refused)."""
        if request.method == "GET":
            return _see("/")
        page = pages.problem_page(
            "Join the workshop first", "Type the join code at the start to take part."
        )
        return HTMLResponse(page, 403)

    def _not_saved(self, error: CoprodError) -> Response:
        self.notify(f"an answer could not be saved: {error}")
        page = pages.problem_page(
            "Your answer could not be saved",
            "Something on the facilitator's computer stopped it being saved. Please tell the "
            "facilitator; your earlier answers are safe.",
        )
        return HTMLResponse(page, 500)

    async def refused(self, request: Request, error: HTTPException) -> Response:
        titles = {
            400: "That could not be read",
            403: "That was refused",
            404: "There is no such page",
            405: "That cannot be done here",
        }
        words = {
            404: "This workshop has no page at this address.",
            405: "This page does not take that kind of request.",
        }
        title = titles.get(error.status_code, "That was refused")
        said = words.get(error.status_code) or (
            error.detail if error.status_code == 403 else "What was sent could not be read."
        )
        return HTMLResponse(pages.problem_page(title, said), error.status_code)


def _see(where: str) -> RedirectResponse:
    return RedirectResponse(where, status_code=303)


def _carry_on(participant: Participant) -> Response:
    """To where the participant was: the step after the furthest one they reached, or the end.
    (For a caller holding the participant's lock.)"""
    at = participant.where()
    return _see(step_href(at) if at is not None else "/done")


def _carry_on_now(participant: Participant) -> Response:
    """:func:`_carry_on`, taking the participant's lock."""
    with participant.lock:
        return _carry_on(participant)


def _text(form: FormData, key: str) -> str:
    value = form.get(key)
    return value if isinstance(value, str) else ""


def _step(participant: Participant, step_id: str) -> Step | None:
    return next((step for step in participant.steps() if step.id == step_id), None)


def _note(form: FormData) -> str | None:
    note = _text(form, "note").strip()
    if len(note) > MAX_NOTE:
        raise NotUsable(f"That note is too long: {len(note)} letters, and at most {MAX_NOTE} fit.")
    return note or None


def _answer(question: Question, form: FormData, *, skip: bool) -> Answer:
    """The answer the form gives to ``question`` (with no choices and no text for a skip)."""
    note = _note(form)
    if skip:
        return Answer(question=question.id, note=note)
    if question.type == "text":
        typed = _text(form, "text").strip()
        if not typed:
            raise NotUsable("Type your answer, or choose Skip for now.")
        if len(typed) > MAX_NOTE:
            raise NotUsable(
                f"That answer is too long: {len(typed)} letters, and at most {MAX_NOTE} fit."
            )
        return Answer(question=question.id, text=typed, note=note)
    options = question.options()
    known = {choice.id for choice in options}
    picked = [value for value in form.getlist("choice") if isinstance(value, str)]
    chosen = tuple(dict.fromkeys(value for value in picked if value in known))
    if not chosen or len(chosen) != len(set(picked)):
        raise NotUsable("Choose an answer, or choose Skip for now.")
    if question.type != "multiple" and len(chosen) > 1:
        raise NotUsable("Choose just one answer.")
    alone = [choice.label for choice in options if choice.exclusive and choice.id in chosen]
    if alone and len(chosen) > 1:
        raise NotUsable(f'"{alone[0]}" goes on its own: choose it alone, or the others without it.')
    return Answer(question=question.id, choices=chosen, note=note)


def _one_stage(question: TargetQuestion, form: FormData) -> str:
    picked = [value for value in form.getlist("choice") if isinstance(value, str)]
    if len(picked) != 1 or picked[0] not in {choice.id for choice in question.choices}:
        raise NotUsable("Choose a stage, or choose Skip for now to keep the suggested one.")
    return picked[0]


def _as_given(step: Step, form: FormData) -> Answer:
    """What the form gave, to show again beside the problem with it (limited, as stored)."""
    known = {choice.id for choice in step.options()}
    picked = tuple(value for value in form.getlist("choice") if isinstance(value, str))
    return Answer(
        question=step.id,
        choices=tuple(value for value in picked if value in known),
        text=_text(form, "text")[:MAX_NOTE] or None,
        note=_text(form, "note")[:MAX_NOTE] or None,
    )
