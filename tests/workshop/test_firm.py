"""The firm's database on a real PostgreSQL server: publish, conflicts, fetch, names, benchmark.

The laptop is an SQLite file, the firm a database on the throw-away server the tests
start themselves (skipped, with the reason, only when no server can be started).
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from workshop.benchmark import MIN_PEERS, benchmark, percentile_rank
from workshop.commitments import add_commitment, list_commitments
from workshop.demo import create_demo
from workshop.errors import ConflictError
from workshop.follow_up import carry_forward
from workshop.participants import add_participant, list_participants, set_answer, set_answers
from workshop.publish import fetch, publish, set_names_by_default
from workshop.results_json import results_json
from workshop.storage.db import open_database
from workshop.storage.firm_models import PublishBackup
from workshop.storage.models import Commitment, Participant, Workshop
from workshop.workshops import create_workshop, duplicate_as_follow_up, list_workshops

from .helpers import QIDS

pytestmark = pytest.mark.postgresql


@pytest.fixture
def firm(pg_url: str):  # noqa: ANN201
    database = open_database(pg_url)
    yield database
    database.close()


def _laptop(tmp_path: Path, name: str):  # noqa: ANN202
    return open_database(tmp_path / name / "workshop.db")


def _firm_id(firm, uuid: str) -> int:  # noqa: ANN001
    with firm.session() as session:
        return session.scalar(select(Workshop.id).where(Workshop.uuid == uuid))


def _uuid(db, workshop_id: int) -> str:  # noqa: ANN001
    with db.session() as session:
        return session.get(Workshop, workshop_id).uuid


ROW_IDS = {"id", "client_id", "workshop_id", "participant_id", "carried_from_id", "carried_from", "carried_to"}


def _stable(value: object) -> object:
    """The results JSON without what names a database row (ids) rather than content."""
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if k not in ROW_IDS}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    return value


def test_publish_twice_is_idempotent(db, firm) -> None:  # noqa: ANN001
    current = create_demo(db, lang="en")
    first = publish(db, current, firm)
    assert [o.action for o in first.outcomes] == ["created", "created"]  # the workshop and its history
    again = publish(db, current, firm)
    assert [o.action for o in again.outcomes] == ["unchanged", "unchanged"]
    assert len(list_workshops(firm)) == 2
    there = _firm_id(firm, _uuid(db, current))
    assert _stable(results_json(firm, there)) == _stable(results_json(db, current))
    # A change on the laptop is an update, not a second copy; participants keep their rows.
    people = list_participants(db, current)
    set_answer(db, people[0].id, "q01", 1, "paper")
    with firm.session() as session:
        before = sorted(session.scalars(select(Participant.id).where(Participant.workshop_id == there)))
    assert [o.action for o in publish(db, current, firm).outcomes] == ["unchanged", "updated"]
    with firm.session() as session:
        after = sorted(session.scalars(select(Participant.id).where(Participant.workshop_id == there)))
    assert after == before
    assert _stable(results_json(firm, there)) == _stable(results_json(db, current))


def test_conflict_is_refused_and_force_keeps_the_firms_copy(db, firm) -> None:  # noqa: ANN001
    current = create_demo(db, lang="en")
    publish(db, current, firm)
    there = _firm_id(firm, _uuid(db, current))
    # Someone changes the firm's copy; meanwhile the laptop changes its own.
    firm_person = list_participants(firm, there)[0]
    set_answer(firm, firm_person.id, "q02", 5, "paper")
    set_answer(db, list_participants(db, current)[0].id, "q02", 1, "paper")
    firm_before = results_json(firm, there)
    with pytest.raises(ConflictError, match="changed since"):
        publish(db, current, firm)
    assert results_json(firm, there) == firm_before  # nothing written
    with firm.session() as session:
        assert session.scalar(select(func.count()).select_from(PublishBackup)) == 0
    forced = publish(db, current, firm, force=True)
    assert [o.action for o in forced.outcomes] == ["unchanged", "forced"] and forced.backups == 1
    assert _stable(results_json(firm, there)) == _stable(results_json(db, current))
    with firm.session() as session:
        kept = session.scalars(select(PublishBackup)).one()
    assert kept.workshop_uuid == _uuid(db, current)
    answers = {p["uuid"]: p["answers"] for p in kept.data["participants"]}
    assert ["q02", 5, "paper"] == answers[firm_person_uuid(firm, firm_person.id)][1][:3]
    # After the forced publish the laptop is in step again: the next publish is quiet.
    assert [o.action for o in publish(db, current, firm).outcomes] == ["unchanged", "unchanged"]


def firm_person_uuid(firm, participant_id: int) -> str:  # noqa: ANN001
    with firm.session() as session:
        return session.get(Participant, participant_id).uuid


def test_fetch_then_follow_up_then_publish(db, firm, tmp_path: Path) -> None:  # noqa: ANN001
    current = create_demo(db, lang="en")
    publish(db, current, firm)
    with db.session() as session:
        client_uuid = session.get(Workshop, current).client.uuid

    other = _laptop(tmp_path, "second-laptop")
    fetched = fetch(other, client_uuid, firm)
    assert [o.action for o in fetched.outcomes] == ["created", "created"]
    assert [o.action for o in fetch(other, client_uuid, firm).outcomes] == ["unchanged", "unchanged"]
    rows = list_workshops(other)
    assert len(rows) == 2
    local_current = max(rows, key=lambda r: r.date).id
    assert _stable(results_json(other, local_current)) == _stable(results_json(db, current))

    # The follow-up offsite, on the second laptop: same people, new answers, open commitments carried.
    follow = duplicate_as_follow_up(other, local_current, dt.date.today() + dt.timedelta(days=180), "Follow-up")
    for person in list_participants(other, follow.id):
        set_answers(other, person.id, dict.fromkeys(QIDS, 4), "kiosk")
    carried, _changes = carry_forward(other, follow.id)
    assert carried

    report = publish(other, follow.id, firm)
    assert [o.action for o in report.outcomes] == ["unchanged", "unchanged", "created"]
    assert len(list_workshops(firm)) == 3
    there = _firm_id(firm, _uuid(other, follow.id))
    assert _stable(results_json(firm, there)) == _stable(results_json(other, follow.id))
    with firm.session() as session:
        links = session.scalars(select(Commitment.carried_from_id).where(Commitment.workshop_id == there)).all()
    assert links and all(link is not None for link in links)  # carried commitments still point back
    # The first laptop fetches the follow-up it did not have.
    assert [o.action for o in fetch(db, client_uuid, firm).outcomes] == ["unchanged", "unchanged", "created"]
    other.close()


def test_names_are_left_behind(db, firm) -> None:  # noqa: ANN001
    current = create_demo(db, lang="en")
    person = list_participants(db, current)[0]
    add_commitment(db, current, "Weekly lead review", owner=person.name, function="sales")
    add_commitment(db, current, "Shared glossary", owner="Marketing team")
    report = publish(db, current, firm, names=False)
    assert not report.names
    with firm.session() as session:
        names = session.scalars(select(Participant.name)).all()
        owners = set(session.scalars(select(Commitment.owner)).all())
    assert names and all(name is None for name in names)
    assert person.name not in owners and "Marketing team" in owners
    assert all(p.name for p in list_participants(db, current) if p.id == person.id)  # the laptop keeps them
    # Same results without names, and republishing without names is quiet.
    there = _firm_id(firm, _uuid(db, current))
    assert _stable(results_json(firm, there))["total"] == _stable(results_json(db, current))["total"]
    assert [o.action for o in publish(db, current, firm, names=False).outcomes] == ["unchanged", "unchanged"]


def test_the_firm_can_make_leaving_names_behind_the_default(db, firm) -> None:  # noqa: ANN001
    set_names_by_default(firm, False)
    current = create_demo(db, lang="en")
    assert not publish(db, current, firm).names
    with firm.session() as session:
        assert all(name is None for name in session.scalars(select(Participant.name)))


def _scored_client(firm, name: str, score: int, industry: str | None = None) -> int:  # noqa: ANN001
    from workshop.client_profile import set_profile

    w = create_workshop(firm, name, "Offsite", "2026-03-01")
    for i, function in enumerate(["sales"] * 3 + ["marketing"] * 3):
        person, _c = add_participant(firm, w.id, f"P{i}", function)
        set_answers(firm, person.id, dict.fromkeys(QIDS, score if function == "sales" else 3), "paper")
    if industry:
        set_profile(firm, name, industry=industry)
    return w.id


def _own_workshop(db) -> int:  # noqa: ANN001
    w = create_workshop(db, "Our client", "Offsite", "2026-04-01")
    for i, function in enumerate(["sales"] * 3 + ["marketing"] * 3):
        person, _c = add_participant(db, w.id, f"Q{i}", function)
        set_answers(db, person.id, dict.fromkeys(QIDS, 4 if function == "sales" else 2), "paper")
    return w.id


def test_benchmark_needs_five_other_clients(db, firm) -> None:  # noqa: ANN001
    own = _own_workshop(db)
    publish(db, own, firm)  # the client itself is on the firm's server too: it never counts
    for i in range(MIN_PEERS - 1):
        _scored_client(firm, f"Peer {i}", score=i + 1)
    report = benchmark(db, own, firm)
    assert report.peers == MIN_PEERS - 1
    assert all(m.percentile is None and "at least 5" in m.reason for m in report.measures)

    _scored_client(firm, "Peer 4", score=5)
    report = benchmark(db, own, firm)
    measures = {m.id: m for m in report.measures}
    assert report.peers == MIN_PEERS
    # Our total is 3 per statement (sales 4, marketing 2): peers' totals are (s+3)/2 for s = 1..5.
    assert measures["total"].value == pytest.approx(60.0)
    assert measures["total"].percentile == pytest.approx(percentile_rank(60.0, [40, 50, 60, 70, 80]))
    assert measures["sales"].percentile == pytest.approx(70.0)  # 4 among 1..5: three below, one equal
    assert measures["marketing"].percentile == pytest.approx(0.0)  # 2 against five 3s
    assert all(m.percentile is not None for m in report.measures)
    text = json.dumps(report.to_json())
    assert "Peer" not in text  # no other client is ever named

    # Only the same industry: too few again, and said so.
    assert all(m.percentile is None for m in benchmark(db, own, firm, industry="Retail").measures)


def test_a_newer_workshop_of_a_peer_replaces_its_older_one(db, firm) -> None:  # noqa: ANN001
    own = _own_workshop(db)
    for i in range(MIN_PEERS):
        _scored_client(firm, f"Peer {i}", score=1)
    later = create_workshop(firm, "Peer 0", "Follow-up", "2026-09-01")
    for i in range(3):
        person, _c = add_participant(firm, later.id, f"X{i}", "sales")
        set_answers(firm, person.id, dict.fromkeys(QIDS, 5), "paper")
    report = benchmark(db, own, firm)
    assert report.peers == MIN_PEERS  # still one figure per client
    sales = {m.id: m for m in report.measures}["sales"]
    assert sales.peers == MIN_PEERS and sales.percentile == pytest.approx(80.0)  # four at 20, Peer 0 now at 100
    # A peer whose latest workshop is below its minimum group size gives no figure at all.
    smaller = create_workshop(firm, "Peer 1", "Follow-up", "2026-10-01")
    person, _c = add_participant(firm, smaller.id, "Y", "sales")
    set_answers(firm, person.id, dict.fromkeys(QIDS, 5), "paper")
    report = benchmark(db, own, firm)
    assert report.peers == MIN_PEERS - 1
    assert all(m.percentile is None for m in report.measures)  # four left: too few


def test_results_are_identical_on_sqlite_and_postgresql(db, firm) -> None:  # noqa: ANN001
    today = dt.date(2026, 6, 1)
    ids = (create_demo(db, lang="nl", today=today), create_demo(firm, lang="nl", today=today))
    assert ids[0] == ids[1]
    for wid in {ids[0], ids[0] - 1}:
        assert results_json(db, wid) == results_json(firm, wid)
    assert [r.__dict__ for r in list_workshops(db)] == [r.__dict__ for r in list_workshops(firm)]
    assert [c.__dict__ for c in list_commitments(db, ids[0])] == [c.__dict__ for c in list_commitments(firm, ids[0])]


def _run(db: object, *args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "workshop.cli", "--db", str(db), *args],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    return result


def test_the_command_line_publishes_fetches_and_benchmarks(db_path: Path, pg_url: str, tmp_path: Path) -> None:
    current = _run(db_path, "demo").stdout.strip()
    published = json.loads(_run(db_path, "publish", current, "--to", pg_url, "--json").stdout)
    assert [w["action"] for w in published["workshops"]] == ["created", "created"]
    assert "unchanged" in _run(db_path, "publish", current, "--to", pg_url).stdout
    second = tmp_path / "second.db"
    assert "2 workshop(s)" in _run(second, "fetch", published["client_uuid"], "--from", pg_url).stdout
    data = json.loads(_run(db_path, "benchmark", current, "--firm", pg_url, "--json").stdout)
    assert data["peers"] == 0 and data["measures"][0]["percentile"] is None
    assert "Wholesale" in _run(db_path, "client", "1", "--industry", "Wholesale", "--size", "50-249").stdout
    missing = _run(db_path, "fetch", "00000000-0000-0000-0000-000000000000", "--from", pg_url, code=2)
    assert "no client or workshop" in missing.stderr
    # The same commands on the server as the main database (--db URL).
    assert json.loads(_run(pg_url, "list", "--json").stdout)[0]["participants"] == 17
    down = _run("postgresql://nobody@/nowhere?host=/nonexistent", "list", code=1)
    assert "cannot be reached" in down.stderr


def test_the_migration_gives_existing_rows_uuids_on_postgresql(pg_empty_url: str) -> None:
    from sqlalchemy import inspect

    from workshop.storage import db as dbmod
    from workshop.storage.migrations.runner import upgrade

    engine = dbmod.make_engine(pg_empty_url)
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO clients (name, created_at) VALUES ('Acme', now()), ('Beta', now())")
        conn.exec_driver_sql(
            "INSERT INTO workshops (client_id, title, date, place, facilitator, language, paper, min_group_size, "
            "instrument_id, instrument_version, revealed, created_at, updated_at) SELECT id, 'Offsite', "
            "DATE '2025-01-01', '', '', 'en', 'a4', 3, 'x', '1', false, now(), now() FROM clients")
        conn.exec_driver_sql("INSERT INTO participants (workshop_id, name, function, position, created_at) "
                             "SELECT id, 'Ann', 'sales', 1, now() FROM workshops")
        conn.exec_driver_sql("INSERT INTO commitments (workshop_id, what, owner, success_measure, status, "
                             "review_note, position, created_at, updated_at) "
                             "SELECT id, 'Do it', '', '', 'open', '', 1, now(), now() FROM workshops")
    engine.dispose()
    database = open_database(pg_empty_url)
    assert dbmod.current_revision(database.engine) == dbmod.HEAD
    with database.engine.connect() as conn:
        for table in ("clients", "workshops", "participants", "commitments"):
            uuids = [row[0] for row in conn.exec_driver_sql(f"SELECT uuid FROM {table}")]
            assert len(uuids) == 2 and len(set(uuids)) == 2 and all(len(u) == 36 for u in uuids)
            column = next(c for c in inspect(conn).get_columns(table) if c["name"] == "uuid")
            assert column["nullable"] is False
    assert [w.title for w in list_workshops(database)] == ["Offsite", "Offsite"]
    database.close()


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_kept_figures_follow_every_change(db, engine: str, tmp_path: Path,
                                          request: pytest.FixtureRequest) -> None:  # noqa: ANN001
    from workshop.storage.firm_models import BenchmarkFigures

    firm = open_database(request.getfixturevalue("pg_url") if engine == "postgresql" else tmp_path / "firm.db")
    own = _own_workshop(db)
    peers = [_scored_client(firm, f"Peer {i}", score=5) for i in range(MIN_PEERS)]
    sales = {m.id: m for m in benchmark(db, own, firm).measures}["sales"]
    assert sales.percentile == pytest.approx(0.0)  # our 4 against five 5s
    with firm.session() as session:
        assert session.scalar(select(func.count()).select_from(BenchmarkFigures)) == MIN_PEERS
    # An edit made straight in the firm's database (not by publishing) drops that workshop's figures...
    for person in list_participants(firm, peers[0]):
        if person.function == "sales":
            set_answers(firm, person.id, dict.fromkeys(QIDS, 1), "paper")
    with firm.session() as session:
        assert session.get(BenchmarkFigures, peers[0]) is None
    # ...and the next comparison computes them again.
    sales = {m.id: m for m in benchmark(db, own, firm).measures}["sales"]
    assert sales.percentile == pytest.approx(20.0)
    firm.close()


def test_a_password_comes_from_the_keyring_never_from_a_file(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring
    from keyring.backend import KeyringBackend
    from sqlalchemy import event

    from workshop.storage import server

    class Memory(KeyringBackend):
        priority = 1
        store: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.store.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.store[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.store.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(Memory())
    try:
        assert server.stored_password(pg_url) is None
        assert server.remember_password(pg_url, "s3cret")
        engine = server.make_server_engine(pg_url)
        seen: list[dict] = []
        event.listen(engine, "do_connect", lambda dialect, rec, cargs, cparams: seen.append(dict(cparams)))
        with engine.connect() as conn:  # the test server trusts its socket: the password is offered, not needed
            conn.exec_driver_sql("SELECT 1")
        engine.dispose()
        assert seen[0]["password"] == "s3cret"
        assert "s3cret" not in engine.url.render_as_string(hide_password=False)
        server.forget_password(pg_url)
        assert server.stored_password(pg_url) is None
    finally:
        keyring.set_keyring(previous)


def test_a_missing_password_is_asked_for_in_words(monkeypatch: pytest.MonkeyPatch) -> None:
    from workshop.errors import PasswordNeeded
    from workshop.storage.server import connection_error

    class Failure(Exception):
        orig = "connection failed: fe_sendauth: no password supplied"

    error = connection_error(Failure(), "postgresql://anna:hidden@db.example.com/firm")
    assert isinstance(error, PasswordNeeded)
    assert "PGPASSFILE" in error.message and "keyring" in error.message and "hidden" not in error.message


def test_the_facilitator_report_prints_the_benchmark(db_path: Path, pg_url: str, tmp_path: Path) -> None:
    firm = open_database(pg_url)
    for i in range(MIN_PEERS):
        _scored_client(firm, f"Peer {i}", score=i + 1)
    firm.close()
    local = open_database(db_path)
    own = _own_workshop(local)
    local.close()
    out = tmp_path / "report.pdf"
    _run(db_path, "report", str(own), "--kind", "facilitator", "--out", str(out), "--lang", "en", "--firm", pg_url)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout
    assert "Compared with the firm's other clients" in text
    assert "Against 5 other clients' latest workshops" in text
    line = next(row for row in text.splitlines() if "Group total" in row)
    assert "60.0" in line and "50th" in line
    assert "Peer" not in text
    plain = tmp_path / "plain.pdf"
    _run(db_path, "report", str(own), "--kind", "facilitator", "--out", str(plain), "--lang", "en")
    assert "firm's other clients" not in subprocess.run(["pdftotext", str(plain), "-"], capture_output=True,
                                                        text=True).stdout


def test_changes_on_both_sides_are_never_overwritten_by_fetch(db, firm, tmp_path: Path) -> None:  # noqa: ANN001
    current = create_demo(db, lang="en")
    report = publish(db, current, firm)
    there = _firm_id(firm, _uuid(db, current))
    set_answer(firm, list_participants(firm, there)[0].id, "q03", 5, "paper")  # a colleague's change
    mine = list_participants(db, current)[0]
    set_answer(db, mine.id, "q03", 1, "paper")  # and one here
    outcome = fetch(db, report.client_uuid, firm)
    assert [o.action for o in outcome.outcomes] == ["unchanged", "kept"]
    assert list_participants(db, current)[0].answers["q03"] == 1  # this laptop's answer stays
    # An unchanged copy takes the firm's version.
    other = _laptop(tmp_path, "other")
    fetch(other, report.client_uuid, firm)
    set_answer(firm, list_participants(firm, there)[0].id, "q04", 2, "paper")
    assert [o.action for o in fetch(other, report.client_uuid, firm).outcomes] == ["unchanged", "updated"]
    newest = max(list_workshops(other), key=lambda r: r.date).id
    assert list_participants(other, newest)[0].answers["q04"] == 2
    other.close()
