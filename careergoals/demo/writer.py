"""Fast inserts for the demo seed: ids reserved up front, rows written as plain tuples.

On PostgreSQL the rows go in with COPY (psycopg), and, unless the caller is already inside a
transaction, from a thread of their own on a second connection: the database writes one
block while Python builds the next, which is what lets a million steps land in a couple
of minutes on two cores. All rows go in one transaction on that connection, committed by
``finish()``. On SQLite (small seeds on a laptop), or inside a caller's transaction (the
tests), they are written at once with ``executemany``/COPY on the caller's connection.
Columns a row leaves out take the field's default, so each builder names only what it decides.
"""

import datetime
import queue
import threading
import time
from collections.abc import Callable, Sequence

from django.db import connection, models, transaction
from django.utils import timezone

STOP = object()


class Writer:
    def __init__(self, *, now: datetime.datetime | None = None):
        self.now = now or timezone.now()
        self.postgres = connection.vendor == "postgresql"
        self.counts: dict[str, int] = {}
        self.seconds: dict[str, float] = {}  # spent writing each table
        self._next_id: dict[str, int] = {}
        self._rebuild: list[str] = []  # statements that put back the indexes dropped
        self._jobs: queue.Queue | None = None
        self._error: BaseException | None = None
        self.inline = not self.postgres or connection.in_atomic_block
        if not self.inline:
            self._jobs = queue.Queue(maxsize=60)  # a few blocks ahead, no more: memory stays flat
            self._thread = threading.Thread(target=self._work, name="seed-writer", daemon=True)
            self._thread.start()

    # --- ids ---------------------------------------------------------------------------------

    def ids(self, model: type[models.Model], n: int) -> list[int]:
        """``n`` fresh primary keys for ``model``. On PostgreSQL they come from its sequence
        (outside any transaction), so a row the app inserts meanwhile never collides."""
        if n <= 0:
            return []
        table = model._meta.db_table
        if self.postgres:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [table, n],
                )
                return [row[0] for row in cursor.fetchall()]
        if table not in self._next_id:
            top = model.objects.aggregate(top=models.Max("pk"))["top"] or 0
            self._next_id[table] = top + 1
        start = self._next_id[table]
        self._next_id[table] = start + n
        return list(range(start, start + n))

    # --- running on the writing connection ---------------------------------------------------

    def run(self, job: Callable[[], None]) -> None:
        """Run ``job`` on the connection that writes, after every row given so far."""
        if self._jobs is None:
            job()
            return
        while True:  # never wait forever on a writer that died
            if self._error is not None:
                raise self._error
            try:
                self._jobs.put(job, timeout=1)
                return
            except queue.Full:
                continue

    def _work(self) -> None:
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    # Foreign keys checked row by row while COPY runs, not all at commit.
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                while (job := self._jobs.get()) is not STOP:
                    job()
        except BaseException as error:  # handed to the caller by run() or finish()
            self._error = error
            while self._jobs.get() is not STOP:
                pass
        finally:
            connection.close()

    def finish(self) -> None:
        """Commit what was written (background mode); raise whatever went wrong."""
        self.run(self._build_indexes)
        if self._jobs is not None:
            self._jobs.put(STOP)
            self._thread.join()
        if self._error is not None:
            raise self._error

    def abort(self) -> None:
        """Roll back everything written (background mode)."""
        if self._jobs is not None and self._thread.is_alive():

            def fail():
                raise RuntimeError("seeding stopped")

            self._jobs.put(fail)
            self._jobs.put(STOP)
            self._thread.join()

    # --- indexes -----------------------------------------------------------------------------

    def defer_indexes(self, models_: Sequence[type[models.Model]]) -> None:
        """Drop the secondary indexes, unique constraints and foreign keys of these tables now
        and add them again before commit (PostgreSQL only): one sorted build and one join
        instead of millions of random index insertions and row-by-row key checks, as the
        PostgreSQL manual's "Populating a Database" advises. The tables stay locked until
        commit; the constraints added back check every row."""
        if self.postgres:
            self.run(lambda: self._drop_indexes(models_))

    def _drop_indexes(self, models_) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for model in models_:
                table = connection.ops.quote_name(model._meta.db_table)
                cursor.execute(
                    "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                    "WHERE conrelid = %s::regclass AND contype IN ('u', 'f') ORDER BY contype DESC",
                    [model._meta.db_table],
                )
                for name, definition in cursor.fetchall():
                    name = connection.ops.quote_name(name)
                    cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
                    self._rebuild.append(f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}")
                cursor.execute(
                    "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                    "JOIN pg_class c ON c.oid = i.indexrelid "
                    "WHERE i.indrelid = %s::regclass AND NOT i.indisprimary AND NOT EXISTS "
                    "(SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)",
                    [model._meta.db_table],
                )
                for name, definition in cursor.fetchall():
                    cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
                    self._rebuild.append(definition)

    def _build_indexes(self) -> None:
        started = time.monotonic()
        with connection.cursor() as cursor:
            for statement in self._rebuild:
                cursor.execute(statement)
        self._rebuild.clear()
        self.seconds["indexes"] = time.monotonic() - started

    # --- rows --------------------------------------------------------------------------------

    def _columns(self, model, names: Sequence[str]):
        """The fields named, then every other concrete field with the value it would default to."""
        fields = {field.attname: field for field in model._meta.concrete_fields}
        unknown = set(names) - set(fields)
        if unknown:
            raise ValueError(f"{model.__name__} has no fields {sorted(unknown)}")
        named = [fields[name] for name in names]
        rest, filler = [], []
        for attname, field in fields.items():
            if attname in names or field.primary_key:  # no id: the database gives one
                continue
            rest.append(field)
            filler.append(self._default(field))
        return named + rest, tuple(filler)

    def _default(self, field):
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            return self.now
        if field.has_default():
            if callable(field.default):
                raise ValueError(f"{field}: a per-row default must be given in the row")
            return field.get_default()
        if field.null:
            return None
        if isinstance(field, models.CharField | models.TextField):
            return ""
        raise ValueError(f"{field} has no default: name it in the rows")

    def insert(self, model: type[models.Model], names: Sequence[str], rows: list[tuple]) -> None:
        """Write ``rows`` (tuples of the ``names`` fields); in background mode, soon."""
        fields, filler = self._columns(model, names)
        label = model._meta.label
        self.counts[label] = self.counts.get(label, 0) + len(rows)
        self.run(lambda: self._write(model, fields, filler, rows))

    def _write(self, model, fields, filler, rows) -> None:
        started = time.monotonic()
        table = connection.ops.quote_name(model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        with connection.cursor() as cursor:
            if self.postgres:
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row + filler)
            else:
                marks = ", ".join(["%s"] * len(fields))
                prepared = [
                    tuple(
                        field.get_db_prep_save(value, connection)
                        for field, value in zip(fields, row + filler, strict=True)
                    )
                    for row in rows
                ]
                insert = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 - quoted names
                cursor.executemany(insert, prepared)
        label = model._meta.label
        self.seconds[label] = self.seconds.get(label, 0) + time.monotonic() - started
