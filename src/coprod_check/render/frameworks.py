"""Plain-text views of frameworks and the glossary: no colour, no box drawing, readable at 40
columns and by a screen reader. Each function returns text, which never holds a control character
or a mark that reorders text from a framework file (see ``safe_text``); the command-line layer
prints it."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from coprod_check.model.catalog import Catalog, Loaded
from coprod_check.model.framework import Choice, Framework, Question, Source, Term
from coprod_check.text import escape_unsafe, safe_text
from coprod_check.text import wrap as _wrap

TITLE_ROOM = 20
"""The fewest columns a table's titles may be wrapped into; narrower, each framework is a block."""


def framework_table(catalog: Catalog, width: int = 80) -> str:
    """One row per framework: id, kind, version, number of questions and title, the title
    wrapped to fit ``width``; where even that does not fit, one short block per framework."""
    headings = ("ID", "KIND", "VERSION", "QUESTIONS", "TITLE")
    rows = [
        (
            item.framework.id,
            item.framework.kind,
            item.framework.version,
            str(item.framework.question_count),
            item.framework.title + ("" if item.bundled else f"  ({item.origin})"),
        )
        for item in catalog.frameworks
    ]
    widths = [max(len(row[column]) for row in [headings, *rows]) for column in range(4)]
    left = sum(widths) + 2 * len(widths)  # where the titles start
    if width - left < TITLE_ROOM:
        return safe_text("\n".join(_framework_blocks(rows, width)) + "\n")
    lines = []
    for row in [headings, *rows]:
        title, *more = _wrap(row[4], width - left)
        cells = [
            row[0].ljust(widths[0]),
            row[1].ljust(widths[1]),
            row[2].ljust(widths[2]),
            row[3].rjust(widths[3]),
            title,
        ]
        lines.append("  ".join(cells).rstrip())
        lines += [" " * left + part for part in more]
    return safe_text("\n".join(lines) + "\n")


def _framework_blocks(rows: Sequence[tuple[str, str, str, str, str]], width: int) -> list[str]:
    """Each framework as a few short lines: its id, then what it is, then its title."""
    lines: list[str] = []
    for framework_id, kind, version, questions, title in rows:
        facts = f"{kind} {version}"
        if questions != "0":
            facts += f", {questions} question{'' if questions == '1' else 's'}"
        lines += [*_wrap(framework_id, width), *_wrap(facts, width, "  ")]
        lines += _wrap(title, width, "  ")
    return lines


def framework_json(catalog: Catalog) -> str:
    """The framework list as JSON, for scripts."""
    items = [
        {
            "id": item.framework.id,
            "kind": item.framework.kind,
            "title": item.framework.title,
            "version": item.framework.version,
            "questions": item.framework.question_count,
            "source": item.origin,
        }
        for item in catalog.frameworks
    ]
    return escape_unsafe(json.dumps({"frameworks": items}, indent=2, ensure_ascii=False)) + "\n"


def _choice_value(choice: Choice) -> str:
    if choice.stage is not None:
        return ", ".join(f"{pathway}: {stage}" for pathway, stage in choice.stage.items())
    if choice.score is not None:
        return f"score {choice.score}"
    return "not scored"


def _question(question: Question, number: int, width: int) -> list[str]:
    """A question with its id, and each choice with its id: the ids that answers files, plans
    and ``explain`` use."""
    lines = _wrap(f"{number}. {question.text}", width, "  ", "     ")
    facts = [f"id: {question.id}", f"type: {question.type}"]
    if question.places:
        facts.append(f"places: {question.places}")
    facts.append("about: " + ", ".join(question.dimensions))
    lines.extend(_wrap(" · ".join(facts), width, "     "))
    if question.when is not None:
        lines.extend(_wrap(f"asked when: {json.dumps(question.when)}", width, "     "))
    if question.type != "text":
        for choice in question.options():
            lines.extend(_wrap(f"- {choice.label}", width, "     ", "       "))
            lines.extend(_wrap(f"id: {choice.id} · {_choice_value(choice)}", width, "       "))
    return lines


def framework_outline(item: Loaded, width: int = 80) -> str:
    """A readable outline of one framework: source, pathway, dimensions, questions and advice."""
    framework: Framework = item.framework
    out = _heading(framework, width)
    out += _pathway(framework, width)
    out += _dimensions(framework, width)
    if framework.questions:
        out += ["", f"Questions ({len(framework.questions)})"]
        for number, question in enumerate(framework.questions, start=1):
            out.append("")
            out.extend(_question(question, number, width))
    out += _guardrails(framework, width)
    out += _recommendations(framework, width)
    if framework.glossary:
        out += ["", f"Glossary ({len(framework.glossary)} terms)", ""]
        out.append(glossary_text(framework.glossary, width).rstrip("\n"))
    return safe_text("\n".join(out) + "\n")


def _heading(framework: Framework, width: int) -> list[str]:
    out = _wrap(framework.title, width)
    out += _wrap(
        f"id: {framework.id} · kind: {framework.kind} · version: {framework.version}", width
    )
    out += _source("Source", framework.source, width)
    for source in framework.further_sources:
        out += _source("Also from", source, width)
    return [*out, "", *_wrap(framework.description, width)]


def _source(label: str, source: Source, width: int) -> list[str]:
    """A publication cited: title, author, year, section, licence and link, then its note."""
    cited = f"{label}: {source.title}, {source.author}"
    if source.year:
        cited += f" ({source.year})"
    if source.section:
        cited += f', section "{source.section}"'
    if source.licence:
        cited += f". Licence: {source.licence}"
    out = _wrap(cited, width)
    if source.url:
        out.append(source.url)  # whole, on a line of its own, so it can be copied
    if source.note:
        out += _wrap(source.note, width)
    return out


def _pathway(framework: Framework, width: int) -> list[str]:
    pathway = framework.pathway
    if pathway is None:
        return []
    title = f"Pathway: {pathway.title}" + (" (the default)" if pathway.default else "")
    out = ["", *_wrap(title, width, "", "  ")]
    out += _wrap(pathway.description, width, "  ")
    number = 0
    for group in pathway.groups:
        out += [
            "",
            *_wrap(group.title, width, "  ", "    "),
            *_wrap(group.description, width, "    "),
        ]
        for stage in (s for s in pathway.stages if s.group == group.id):
            number += 1
            out.append("")
            out += _wrap(f"{number}. {stage.title} [{stage.id}]", width, "    ", "       ")
            out += _wrap(stage.description, width, "       ")
            out += _wrap(f"Moving up: {stage.next_step}", width, "       ")
    return out


def _dimensions(framework: Framework, width: int) -> list[str]:
    if not framework.dimensions:
        return []
    out = ["", "Dimensions"]
    for dimension in framework.dimensions:
        label = dimension.kind if not dimension.parent else f"part of {dimension.parent}"
        out += _wrap(f"- {dimension.title} [{dimension.id}, {label}]", width, "  ", "    ")
        out += _wrap(dimension.description, width, "    ")
    return out


def _guardrails(framework: Framework, width: int) -> list[str]:
    if not framework.guardrails:
        return []
    out = ["", *_wrap("Guardrails (shown whenever they hold; some hold a placement back)", width)]
    for guardrail in framework.guardrails:
        areas = ", ".join(guardrail.areas) if guardrail.areas else "every area"
        code = f", {guardrail.code}" if guardrail.code else ""
        out.append("")
        out += _wrap(f"- {guardrail.title} [{guardrail.id}{code}]", width, "  ", "    ")
        out += _wrap(guardrail.explanation, width, "    ")
        for grade in guardrail.levels():
            says = f"{grade.says}: " if grade.says else ""
            if grade.highest:
                highest = ", ".join(f"{p}: {s}" for p, s in grade.highest.items())
                line = f"{says}holds back {areas} to at most {highest}."
            else:
                line = f"{says}warns, for {areas}."
            out += _wrap(line[:1].upper() + line[1:], width, "    ")
    return out


def _recommendations(framework: Framework, width: int) -> list[str]:
    if not framework.recommendations:
        return []
    out = ["", f"Recommendations ({len(framework.recommendations)})"]
    for advice in framework.recommendations:
        out.append("")
        heading = (
            f"- {advice.title} [{advice.id}, {advice.priority} priority, for {advice.audience}]"
        )
        out += _wrap(heading, width, "  ", "    ")
        out += _wrap(advice.advice, width, "    ")
        out += _wrap(f'Report section: "{advice.section}"', width, "    ")
    return out


def glossary_text(terms: Iterable[Term], width: int = 80) -> str:
    """Terms in alphabetical order, each with its plain definition."""
    out: list[str] = []
    for term in sorted(terms, key=lambda item: item.term.lower()):
        out.extend(_wrap(f"{term.term}", width))
        out.extend(_wrap(term.definition, width, "  "))
        if term.also:
            out.extend(_wrap("Also: " + ", ".join(term.also), width, "  "))
        out.append("")
    return safe_text("\n".join(out))
