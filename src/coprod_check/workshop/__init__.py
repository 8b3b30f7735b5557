"""A workshop: a whole room answering together.

``workshop serve`` runs a small web server on the facilitator's computer; each participant answers
on their own phone, tablet or laptop, in their role's words, one question per page, and every
answer is saved at once into an ordinary results file of their own in the workshop's folder.
When the facilitator ends it, their files are combined.

- ``record``: the workshop's own file (``.workshop.toml``): its join code and who has joined.
- ``room``: the workshop in memory: its participants, their questions and their progress.
- ``guard``: join codes, participants' tokens, the forms' CSRF tokens, guessing limits, request
  limits and the headers every page is sent with.
- ``pages``: the pages, made from the Jinja templates in ``templates/workshop``.
- ``app``: the web application (Starlette): the routes participants' browsers use.
- ``server``: the server (uvicorn), the join address, and the facilitator's keys.
- ``panel``: what the facilitator's terminal shows: the join address, its QR code, the join code
  and who has joined; and the printable join sheet.
- ``ending``: the combined result, written when the workshop ends.

Only ``coprod-check workshop`` imports this package, so the web libraries load for it alone.
"""
