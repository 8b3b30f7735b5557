"""`coprod-check workshop serve` as a real process: serving, ending it (Ctrl-C, kill, q), the
combined result, carrying on after a restart or a kill -9, and what is refused before serving."""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from coprod_check.files import results
from coprod_check.workshop.record import RECORD_FILE
from tests.helpers import Run
from tests.workshop.people import Person
from tests.workshop.served import Served


def answered(folder: Path) -> dict[str, dict[str, object]]:
    """Every participant's saved answers and targets (as ``target:AREA``), by file."""
    saved: dict[str, dict[str, object]] = {}
    for path in sorted(folder.glob("*.toml")):
        if not path.name.startswith("."):
            kept = results.read(path)
            targets = {f"target:{area}": stage for area, stage in kept.targets.items()}
            saved[path.name] = {**kept.answers, **targets}
    return saved


def take_part(served: Served, role: str, count: int, *, pick: int = 0) -> Person:
    someone = Person(served.client())
    someone.join(served.code, role)
    for _ in range(count):
        someone.answer(pick)
    return someone


def test_issue16_ctrl_c_ends_the_workshop_and_writes_the_combined_result(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "room"
    with Served(folder, "--project", "Riverside family hub") as served:
        assert served.address.startswith("http://127.0.0.1:")
        take_part(served, "lived-experience", 6, pick=0)
        take_part(served, "staff", 6, pick=10)
        served.wait_for(r"^Joined: Participant 2")
        code, out, err = served.end(signal.SIGINT)
    assert code == 0, err
    combined_path = folder / "combined" / "combined.toml"
    assert f"Saved the combined result of 2 respondents to {combined_path}" in out
    assert "Where voices differ" in out
    assert f"coprod-check report {combined_path} --format html" in out
    combined = results.read(combined_path)
    assert combined.combined is not None
    assert combined.combined.respondents == 2
    assert set(combined.combined.roles) == {"lived-experience", "staff"}
    assert combined.combined.differ  # the two answered as far apart as they could
    assert not (folder / ".workshop.lock").exists()


def test_issue16_the_combined_result_is_what_combine_makes_of_the_same_files(
    tmp_path: Path, run: Callable[..., Run]
) -> None:
    folder = tmp_path / "room"
    with Served(folder) as served:
        take_part(served, "lived-experience", 8, pick=0)
        take_part(served, "partner", 8, pick=2)
        code, _, err = served.end(signal.SIGTERM)
    assert code == 0, err
    made = run("combine", str(folder), "--output", str(tmp_path / "again.toml"))
    assert made.code == 0, made.err
    ours = results.read(folder / "combined" / "combined.toml")
    theirs = results.read(tmp_path / "again.toml")
    assert ours.summary == theirs.summary
    assert ours.combined is not None
    assert theirs.combined is not None
    assert ours.combined.differ == theirs.combined.differ


def test_issue16_q_in_the_terminal_ends_the_workshop(tmp_path: Path) -> None:
    with Served(tmp_path / "room") as served:
        code, out, err = served.end("q\n")
    assert code == 0, err
    assert "No one answered anything, so there is nothing to combine." in out


def test_issue16_kill_9_loses_nothing_saved_and_serving_again_carries_on(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "room"
    with Served(folder) as served:
        code_before = served.code
        asha = take_part(served, "lived-experience", 5)
        ben = take_part(served, "staff", 3)
        where = {"asha": asha.where, "ben": ben.where}
        before = answered(folder)
        served.kill()
    assert answered(folder) == before
    assert sum(len(answers) for answers in before.values()) == 8
    with Served(folder) as again:
        assert again.code == code_before
        assert "Carrying on: 2 people joined before" in "".join(again.printed)
        for someone, name in ((asha, "asha"), (ben, "ben")):
            someone.client.base_url = again.address  # a new port; the same cookies
            someone.open("/")
            assert someone.where == where[name]  # carries on where they were
            someone.answer()
        code, out, err = again.end(signal.SIGINT)
    assert code == 0, err
    after = answered(folder)
    for name, answers in before.items():
        assert answers.items() <= after[name].items()
        assert len(after[name]) == len(answers) + 1
    assert "Saved the combined result of 2 respondents" in out


def test_issue16_ending_again_brings_the_combined_result_up_to_date(tmp_path: Path) -> None:
    folder = tmp_path / "room"
    with Served(folder) as served:
        take_part(served, "staff", 3)
        assert served.end(signal.SIGINT)[0] == 0
    with Served(folder) as again:
        take_part(again, "partner", 3)
        code, out, err = again.end(signal.SIGINT)
    assert code == 0, err
    assert "Saved the combined result of 2 respondents" in out
    combined = results.read(folder / "combined" / "combined.toml").combined
    assert combined is not None
    assert combined.respondents == 2


def test_issue16_a_second_server_on_the_same_folder_is_refused(
    tmp_path: Path, run: Callable[..., Run]
) -> None:
    folder = tmp_path / "room"
    with Served(folder) as served:
        second = run("workshop", "serve", str(folder), "--port", "0")
        assert second.code == 2
        assert "another coprod-check workshop serve is serving this folder" in second.err
        assert served.end(signal.SIGINT)[0] == 0


def test_issue16_serving_beyond_this_computer_says_who_can_reach_it(tmp_path: Path) -> None:
    with Served(tmp_path / "room", "--host", "0.0.0.0") as served:
        code, _, err = served.end(signal.SIGINT)
    assert code == 0
    warning = [line for line in err.splitlines() if line.startswith("warning:")]
    assert len(warning) == 1
    assert "everyone on this network can reach the join page" in warning[0]


def test_issue16_this_computer_only_unless_host_is_given(tmp_path: Path) -> None:
    with Served(tmp_path / "room") as served:
        host = served.address.removeprefix("http://").rsplit(":", 1)[0]
        code, _, err = served.end(signal.SIGINT)
    assert code == 0
    assert host == "127.0.0.1"
    assert "warning" not in err


def test_issue16_a_port_in_use_is_refused(tmp_path: Path, run: Callable[..., Run]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        made = run("workshop", "serve", str(tmp_path / "room"), "--port", str(port))
    assert made.code == 2
    assert f"port {port} is in use by another program" in made.err
    assert "hint: choose another with --port" in made.err


def test_issue16_a_damaged_workshop_record_is_named_at_its_line(
    tmp_path: Path, run: Callable[..., Run]
) -> None:
    folder = tmp_path / "room"
    folder.mkdir()
    (folder / RECORD_FILE).write_text('schema = "coprod-check/workshop/1"\ncode = "AB\n')
    made = run("workshop", "serve", str(folder), "--port", "0")
    assert made.code == 2
    assert f"{folder / RECORD_FILE}:2:" in made.err
    assert "Traceback" not in made.err


def test_issue16_a_combined_result_not_made_here_is_not_written_over(
    tmp_path: Path, run: Callable[..., Run]
) -> None:
    (tmp_path / "mine.toml").write_text("keep me\n")
    made = run(
        "workshop",
        "serve",
        str(tmp_path / "room"),
        "--port",
        "0",
        "-o",
        str(tmp_path / "mine.toml"),
    )
    assert made.code == 2
    assert "this file already exists" in made.err
    assert (tmp_path / "mine.toml").read_text() == "keep me\n"


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (["--pathway", "nowhere"], "no pathway called 'nowhere'"),
        (["--framework", "nowhere"], "no framework with questions called 'nowhere'"),
        (["--port", "70000"], "70000 is not in the range"),
    ],
)
def test_issue16_bad_options_are_refused_before_serving(
    tmp_path: Path, run: Callable[..., Run], options: list[str], words: str
) -> None:
    made = run("workshop", "serve", str(tmp_path / "room"), *options)
    assert made.code == 2
    assert words in made.err
