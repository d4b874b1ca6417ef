"""Finding 1 of issue 14: an id, once handed out, never names another row (SQLite reused the
id of a deleted newest row, so an erased person's user and sign-in ids went to the next
person who registered)."""

from __future__ import annotations

import sqlite3

import jwt
import pytest
from sqlalchemy import Integer, create_engine

from server import migrate
from server.models import Base
from tests.server.dbfixtures import make_settings


def _claims(tokens: dict) -> dict:
    return jwt.decode(tokens["access_token"], options={"verify_signature": False})


@pytest.mark.usefixtures("demo")
async def test_an_erased_persons_ids_never_go_to_the_next_registrant(api, client):
    first = await api.register("0399000001", name="Người Đi")
    h_first = {"Authorization": f"Bearer {first['access_token']}"}
    assert (await client.delete("/me", headers=h_first)).status_code == 204
    second = await api.register("0399000002", name="Người Đến")
    a, b = _claims(first), _claims(second)
    assert a["sub"] != b["sub"], "the newcomer got the erased person's user id"
    assert a["sid"] != b["sid"], "the newcomer got the erased person's sign-in id"
    r = await client.get("/me", headers=h_first)
    assert r.status_code == 401, r.text  # not the newcomer's profile


@pytest.mark.usefixtures("demo")
async def test_an_ended_sign_ins_id_is_not_handed_out_again(api, client):
    first = await api.login("0901234567")
    h = {"Authorization": f"Bearer {first['access_token']}"}
    sid = _claims(first)["sid"]
    assert (await client.delete(f"/me/sessions/{sid}", headers=h)).status_code in (204, 404)
    second = await api.login("0901234567")
    assert _claims(second)["sid"] != sid


def _autoincrement_tables(path) -> set[str]:
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    return {name for name, sql in rows if sql and "AUTOINCREMENT" in sql.upper()}


def _integer_keyed() -> set[str]:
    found = set()
    for t in Base.metadata.sorted_tables:
        pk = list(t.primary_key.columns)
        if len(pk) == 1 and pk[0].type._type_affinity is Integer:
            found.add(t.name)
    return found


def test_every_integer_keyed_table_is_autoincrement_after_migrations(tmp_path):
    settings = make_settings(tmp_path / "m", None)
    migrate.upgrade(settings)
    path = tmp_path / "m" / "diennha.sqlite3"
    assert _integer_keyed() - _autoincrement_tables(path) == set()
    # the copy kept the audit log append-only
    with sqlite3.connect(path) as db:
        triggers = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert {"audit_log_no_update", "audit_log_no_delete"} <= triggers


def test_every_integer_keyed_table_is_autoincrement_from_the_models(tmp_path):
    """A table added later gets AUTOINCREMENT from the base class, not by remembering it."""
    path = tmp_path / "fresh.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine)
    engine.dispose()
    assert _integer_keyed() and _integer_keyed() - _autoincrement_tables(path) == set()


def test_migrating_an_existing_file_keeps_its_rows_and_links(tmp_path):
    settings = make_settings(tmp_path / "m", None)
    migrate.upgrade(settings, "0004")
    path = tmp_path / "m" / "diennha.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute(
            "INSERT INTO users (id, phone, full_name, password_hash, language, channels, "
            "is_staff, created_at) VALUES (7, '+84399000009', 'A', 'x', 'vi', '{}', 0, "
            "'2026-01-01 00:00:00')"
        )
        db.execute(
            "INSERT INTO sessions (id, user_id, created_at, last_seen_at) "
            "VALUES (3, 7, '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )
    migrate.upgrade(settings)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA foreign_keys=ON")
        assert db.execute("SELECT user_id FROM sessions WHERE id = 3").fetchone() == (7,)
        db.execute("DELETE FROM sessions WHERE id = 3")
        db.execute(
            "INSERT INTO sessions (user_id, created_at, last_seen_at) "
            "VALUES (7, '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )
        assert db.execute("SELECT max(id) FROM sessions").fetchone() == (4,)
