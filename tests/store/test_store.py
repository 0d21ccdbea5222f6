"""The workspace store: saving, listing, reading, renaming and deleting models and revisions."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path

import platformdirs
import pytest

from accord.errors import AccordError, NotFoundError, StoreError
from accord.store import ModelInfo, Store, default_url

HARBOUR = "name: harbour\ndecision_makers: []\n"


def utc(value: datetime) -> bool:
    return value.tzinfo is not None and value.utcoffset() == UTC.utcoffset(None)


@contextmanager
def raw_sqlite(url: str) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection to a workspace file, as another program would open it."""
    path = url.removeprefix("sqlite:///")
    with closing(sqlite3.connect(path, isolation_level=None, check_same_thread=False)) as raw:
        yield raw


def test_a_new_workspace_is_empty(store: Store) -> None:
    assert store.is_empty()
    assert [] == store.models()


def test_create_model_saves_revision_one(store: Store) -> None:
    before = datetime.now(UTC)
    model, first = store.create_model("Harbour", HARBOUR, "yaml", "first draft", author="ana")
    after = datetime.now(UTC)

    assert "Harbour" == model.name
    assert (1, 1) == (model.latest, model.revisions)
    assert (model.id, 1, None) == (first.model_id, first.number, first.parent)
    assert ("first draft", "ana", "yaml", "") == (
        first.note,
        first.author,
        first.format,
        first.summary,
    )
    assert utc(model.created_at)
    assert utc(model.updated_at)
    assert utc(first.created_at)
    assert before <= model.created_at == model.updated_at == first.created_at <= after
    assert not store.is_empty()


def test_revision_text_round_trips_with_digest_and_byte_size(store: Store) -> None:
    text = "name: Zürich ✓\n"
    model, first = store.create_model("Zürich", text, "yaml", "")

    saved = store.revision(model.id, 1)

    assert text == saved.text
    assert first == saved.info
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == saved.info.sha256
    assert len(text.encode("utf-8")) == saved.info.size
    assert saved.info.size > len(text)


def test_revisions_are_numbered_in_order_and_listed_newest_first(store: Store) -> None:
    model, _ = store.create_model("Harbour", HARBOUR, "yaml", "one")
    second = store.add_revision(model.id, HARBOUR + "# two\n", "yaml", "two", parent=1)
    third = store.add_revision(model.id, "{}", "json", "", author="bo", summary="3 states")

    listed = store.revisions(model.id)

    assert [3, 2, 1] == [r.number for r in listed]
    assert ["", "two", "one"] == [r.note for r in listed]
    assert (2, 1) == (second.number, second.parent)
    assert (3, None, "json", "bo", "3 states") == (
        third.number, third.parent, third.format, third.author, third.summary,
    )  # fmt: skip
    assert listed[0].created_at >= listed[1].created_at >= listed[2].created_at
    assert "{}" == store.revision(model.id, 3).text


def test_saving_a_revision_keeps_the_model_current(store: Store) -> None:
    model, first = store.create_model("Harbour", HARBOUR, "yaml", "")
    time.sleep(0.01)
    second = store.add_revision(model.id, HARBOUR, "yaml", "same text again")

    now = store.model(model.id)

    assert (2, 2) == (now.latest, now.revisions)
    assert model.created_at == now.created_at
    assert second.created_at == now.updated_at > first.created_at
    assert first.sha256 == second.sha256


def test_models_are_listed_by_name_and_names_need_not_be_unique(store: Store) -> None:
    zeta, _ = store.create_model("Zeta", HARBOUR, "yaml", "")
    alpha, _ = store.create_model("Alpha", HARBOUR, "yaml", "")
    again, _ = store.create_model("Alpha", HARBOUR, "gmcr", "")

    assert [alpha.id, again.id, zeta.id] == [m.id for m in store.models()]
    assert alpha == store.find("Alpha")
    assert zeta == store.find("  Zeta ")
    assert store.find("Omega") is None


def test_rename_changes_the_name_and_keeps_the_revisions(store: Store) -> None:
    model, _ = store.create_model("Harbour", HARBOUR, "yaml", "")
    store.add_revision(model.id, HARBOUR, "yaml", "")
    time.sleep(0.01)

    renamed = store.rename(model.id, "  Harbour dispute ")

    assert "Harbour dispute" == renamed.name == store.model(model.id).name
    assert (2, 2) == (renamed.latest, renamed.revisions)
    assert renamed.updated_at > model.updated_at
    assert store.find("Harbour") is None


def test_delete_removes_the_model_and_its_revisions(store: Store, sqlite_url: str) -> None:
    kept, _ = store.create_model("Kept", HARBOUR, "yaml", "")
    gone, _ = store.create_model("Gone", HARBOUR, "yaml", "")
    store.add_revision(gone.id, HARBOUR, "yaml", "")

    store.delete(gone.id)

    assert [kept.id] == [m.id for m in store.models()]
    with pytest.raises(NotFoundError, match=f"^no model with id {gone.id}$"):
        store.revisions(gone.id)
    with raw_sqlite(sqlite_url) as raw:
        left = raw.execute("SELECT count(*) FROM accord_revisions WHERE model_id = ?", (gone.id,))
        assert (0,) == left.fetchone()
    store.delete(kept.id)
    assert store.is_empty()


def test_a_workspace_survives_closing_and_reopening(sqlite_url: str) -> None:
    with Store(sqlite_url) as first:
        model, saved = first.create_model("Harbour", HARBOUR, "yaml", "kept")

    with Store(sqlite_url) as again:
        assert [model] == again.models()
        assert saved == again.revisions(model.id)[0]
        assert utc(again.model(model.id).updated_at)


NO_MODEL = "^no model with id 7$"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        pytest.param(lambda s, m: s.model(7), NO_MODEL, id="model"),
        pytest.param(lambda s, m: s.revisions(7), NO_MODEL, id="revisions"),
        pytest.param(lambda s, m: s.revision(7, 1), NO_MODEL, id="revision"),
        pytest.param(lambda s, m: s.rename(7, "x"), NO_MODEL, id="rename"),
        pytest.param(lambda s, m: s.delete(7), NO_MODEL, id="delete"),
        pytest.param(lambda s, m: s.add_revision(7, "", "yaml", ""), NO_MODEL, id="add"),
        pytest.param(
            lambda s, m: s.revision(m, 12), "^model {m} has no revision 12$", id="no-revision"
        ),
        pytest.param(
            lambda s, m: s.add_revision(m, "", "yaml", "", parent=2),
            "^model {m} has no revision 2$",
            id="no-parent",
        ),
    ],
)
def test_missing_models_and_revisions_are_reported(
    store: Store, call: Callable[[Store, int], object], message: str
) -> None:
    model, _ = store.create_model("Harbour", HARBOUR, "yaml", "")

    with pytest.raises(NotFoundError, match=message.format(m=model.id)) as caught:
        call(store, model.id)

    assert isinstance(caught.value, LookupError)
    assert isinstance(caught.value, StoreError)
    assert isinstance(caught.value, AccordError)
    assert [1] == [r.number for r in store.revisions(model.id)]


@pytest.mark.parametrize("name", ["", "   "])
def test_a_model_needs_a_name(store: Store, name: str) -> None:
    with pytest.raises(StoreError, match="needs a name"):
        store.create_model(name, HARBOUR, "yaml", "")
    model, _ = store.create_model("Harbour", HARBOUR, "yaml", "")
    with pytest.raises(StoreError, match="needs a name"):
        store.rename(model.id, name)
    assert store.model(model.id).name == "Harbour"


def test_an_unknown_format_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match=r"unknown model format 'xml'.*'gmcr', 'json', 'yaml'"):
        store.create_model("Harbour", "<model/>", "xml", "")
    model, _ = store.create_model("Harbour", HARBOUR, "yaml", "")
    with pytest.raises(StoreError, match="unknown model format 'YAML'"):
        store.add_revision(model.id, HARBOUR, "YAML", "")
    assert 1 == store.model(model.id).latest


def test_revision_numbers_are_unique_in_the_database(store: Store, sqlite_url: str) -> None:
    model, _ = store.create_model("Harbour", HARBOUR, "yaml", "")
    with raw_sqlite(sqlite_url) as raw, pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        raw.execute(
            "INSERT INTO accord_revisions (model_id, number, note, created_at, format, summary,"
            " sha256, size, text) SELECT model_id, number, note, created_at, format, summary,"
            " sha256, size, text FROM accord_revisions WHERE model_id = ?",
            (model.id,),
        )


def test_sqlite_workspace_uses_a_write_ahead_log(store: Store, sqlite_url: str) -> None:
    with raw_sqlite(sqlite_url) as raw:
        assert ("wal",) == raw.execute("PRAGMA journal_mode").fetchone()


def test_a_save_waits_for_another_writer_instead_of_failing(store: Store, sqlite_url: str) -> None:
    model, _ = store.create_model("Harbour", HARBOUR, "yaml", "")
    with raw_sqlite(sqlite_url) as raw:
        raw.execute("BEGIN IMMEDIATE")  # another program holds the write lock for a moment
        release = threading.Timer(0.5, raw.rollback)
        release.start()
        try:
            started = time.monotonic()
            saved = store.add_revision(model.id, HARBOUR, "yaml", "after the wait")
            waited = time.monotonic() - started
        finally:
            release.join()

    assert 2 == saved.number
    assert waited >= 0.4


def test_a_database_that_cannot_be_opened_is_a_store_error(tmp_path: Path) -> None:
    url = f"sqlite:///{(tmp_path / 'missing' / 'folder' / 'w.sqlite').as_posix()}"
    with pytest.raises(
        StoreError,
        match=r"cannot open the workspace database sqlite:///.*w\.sqlite: unable to open",
    ):
        Store(url)


def test_a_password_is_never_shown(postgres_server: str) -> None:
    url = postgres_server.replace("postgres@", "postgres:hunter2@")  # trust auth ignores it
    with Store(url) as opened:
        assert "hunter2" not in opened.url
        assert "postgres:***@127.0.0.1" in opened.url
    refused = "postgresql+psycopg://ana:hunter2@127.0.0.1:1/none"
    with pytest.raises(
        StoreError, match=r"cannot open .*ana:\*\*\*@127\.0\.0\.1:1/none: "
    ) as caught:
        Store(refused)
    assert "hunter2" not in str(caught.value)


@pytest.mark.parametrize("url", ["not a url", "nosuchdb://ana:hunter2@host/db"])
def test_a_url_that_names_no_database_is_a_store_error(url: str) -> None:
    with pytest.raises(StoreError, match="cannot open the workspace database") as caught:
        Store(url)
    assert "hunter2" not in str(caught.value)


def test_default_url_honours_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    url = f"sqlite:///{(tmp_path / 'chosen.sqlite').as_posix()}"
    monkeypatch.setenv("ACCORD_DATABASE_URL", url)

    assert url == default_url()
    with Store() as opened:
        assert url == opened.url
    assert (tmp_path / "chosen.sqlite").exists()


def test_default_url_is_in_the_user_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    asked: list[str] = []

    def user_data_dir(appname: str, *args: object, **kwargs: object) -> str:
        asked.append(appname)
        return str(tmp_path / "data" / appname)

    monkeypatch.delenv("ACCORD_DATABASE_URL", raising=False)
    monkeypatch.setattr(platformdirs, "user_data_dir", user_data_dir)

    url = default_url()

    assert ["accord"] == asked
    assert f"sqlite:///{(tmp_path / 'data' / 'accord' / 'workspace.sqlite').as_posix()}" == url
    assert (tmp_path / "data" / "accord").is_dir()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG_DATA_HOME is Linux's")
def test_default_store_lives_under_xdg_data_home(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("ACCORD_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))

    with Store() as opened:
        model, _ = opened.create_model("Harbour", HARBOUR, "yaml", "")
        assert isinstance(model, ModelInfo)

    assert (tmp_path / "accord" / "workspace.sqlite").is_file()


def test_importing_accord_does_not_load_the_store() -> None:
    code = "import sys, accord, accord.errors; print('sqlalchemy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "False" == out.stdout.strip()


def test_an_in_memory_workspace_is_shared_by_all_threads() -> None:
    with Store("sqlite://") as memory:
        model, _ = memory.create_model("Harbour", HARBOUR, "yaml", "")
        seen: list[list[ModelInfo]] = []
        reader = threading.Thread(target=lambda: seen.append(memory.models()))
        reader.start()
        reader.join()

        assert [[model]] == seen
