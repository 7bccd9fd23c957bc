"""The command line: parse options, call the library, map errors to exit codes.

Exit codes: 0 when every input was read, 1 when some were rejected (after
doing the rest), 2 for usage errors. Data goes to stdout (or --output);
progress, rejections and errors go to stderr, one line each.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import IO, Any

import click
from rich.console import Console

from . import __version__
from .errors import InputError, SitroomError

stderr = Console(stderr=True, highlight=False, soft_wrap=True)


class DateParam(click.ParamType):
    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        from .pipeline import parse_date

        parsed = parse_date(value)
        if parsed is None:
            self.fail(f"{value!r} is not a date (use YYYY-MM-DD)", param, ctx)
        return parsed


def reject_line(exc: InputError) -> str:
    return f"sitroom: rejected {exc.input or '?'}: {exc.message} [{exc.code}]"


@contextmanager
def progress(label: str, enabled: bool) -> Iterator[Any]:
    """A rich progress bar on stderr for people; nothing when piped or quiet."""
    if not enabled or not stderr.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, \
        TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), console=stderr,
                  transient=True) as bar:
        yield (bar, bar.add_task(label, total=None))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitroom")
def cli() -> None:
    """sitroom: turn news articles into an auditable ledger of what happened
    and who says so."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--published", type=DateParam(), default=None,
              help="Publication date for every input (overrides metadata), YYYY-MM-DD.")
@click.option("--format", "fmt", type=click.Choice(["auto", "json", "jsonl"]), default="auto",
              show_default=True,
              help="json: one object (an array when there are several); jsonl: one per line; "
                   "auto: json for one article, jsonl for more.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="Write records here instead of stdout.")
@click.option("--rejects", type=click.File("w", encoding="utf-8"), default=None,
              help="Also write rejected inputs as JSON lines {input, reason, message} here.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None,
              help="Reject single inputs larger than this (default 10 MiB).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def extract(inputs: tuple[str, ...], published: date | None, fmt: str, output: IO[str],
            rejects: IO[str] | None, max_bytes: int | None, quiet: bool) -> None:
    """Read articles and print their records.

    INPUT is a file, a directory (walked for .txt, .html, .htm, .json, .jsonl),
    - for stdin, an http(s) URL, or an RSS/Atom feed (URL or file).
    """
    from .inputs import env_max_bytes, sources
    from .pipeline import read_all

    limit = max_bytes or env_max_bytes()
    records: list[dict[str, Any]] = []
    rejected = read = 0
    stream = fmt == "jsonl"
    try:
        with progress("Reading articles", not quiet) as bar:
            for item in read_all(sources(inputs, max_bytes=limit), published=published):
                if isinstance(item, InputError):
                    rejected += 1
                    stderr.print(reject_line(item), markup=False)
                    if rejects is not None:
                        rejects.write(json.dumps({"input": item.input, "reason": item.reason,
                                                  "message": item.message, "code": item.code},
                                                 ensure_ascii=False) + "\n")
                else:
                    read += 1
                    rec = item.to_dict()
                    if stream:
                        output.write(json.dumps(rec, ensure_ascii=False) + "\n")
                        output.flush()
                    else:
                        records.append(rec)
                if bar is not None:
                    bar[0].advance(bar[1])
    except SitroomError as exc:
        stderr.print(f"sitroom: error: {exc}", markup=False)
        sys.exit(2)
    if not stream:
        if fmt == "auto" and len(records) > 1:
            for rec in records:
                output.write(json.dumps(rec, ensure_ascii=False) + "\n")
        elif len(records) == 1:
            output.write(json.dumps(records[0], ensure_ascii=False, indent=2) + "\n")
        elif records:
            output.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    if not quiet and (rejected or read > 1):
        stderr.print(f"sitroom: {read} read, {rejected} rejected", markup=False)
    sys.exit(1 if rejected else 0)



# --- the ledger ------------------------------------------------------------------

db_option = click.option("--db", "db", default=None, metavar="URL",
                         help="Ledger database: a path or sqlite:///path "
                              "(default ./sitroom.db or $SITROOM_DB).")
json_option = click.option("--json", "as_json", is_flag=True, help="JSON output (ledger-format.md).")


def _open(db: str | None):
    from .ledger import Ledger

    try:
        return Ledger(db)
    except SitroomError as exc:
        stderr.print(f"sitroom: error: {exc}", markup=False)
        sys.exit(2)


def _print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for the NLP; the ledger is the same for any number.")
@click.option("--published", type=DateParam(), default=None,
              help="Publication date for every input (overrides metadata).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None,
              help="Reject single inputs larger than this (default 10 MiB).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def ingest(inputs: tuple[str, ...], db: str | None, workers: int, published: date | None,
           max_bytes: int | None, quiet: bool) -> None:
    """Read articles into the ledger and link them across articles.

    Same inputs as extract. Inputs already in the ledger are skipped, so the
    same command can be run again after an interruption."""
    from .ingest import ingest as run_ingest

    ledger = _open(db)
    try:
        with progress("Ingesting", not quiet) as bar:
            def on_result(outcome: str, name: str, detail: str | None) -> None:
                if outcome == "rejected":
                    stderr.print(f"sitroom: rejected {name}: {detail}", markup=False)
                if bar is not None:
                    bar[0].advance(bar[1])

            report = run_ingest(inputs, ledger, workers=workers, published=published,
                                max_bytes=max_bytes, on_result=on_result)
    except SitroomError as exc:
        stderr.print(f"sitroom: error: {exc}", markup=False)
        sys.exit(2)
    finally:
        ledger.close()
    stderr.print(f"sitroom: {report.stored} stored, {report.duplicates} duplicates, "
                 f"{report.rejected} rejected, {report.skipped} already in the ledger", markup=False)
    sys.exit(1 if report.rejected else 0)


@cli.command()
@db_option
@json_option
def status(db: str | None, as_json: bool) -> None:
    """Counts of the ledger: articles, duplicates, rejected inputs, events, claims."""
    with _open(db) as ledger:
        data = ledger.status()
    if as_json:
        _print_json(data)
        return
    from rich.table import Table

    out = Console(highlight=False)
    t = Table(title=f"ledger {data['path']} (schema {data['schema_version']})", show_header=False)
    for key in ("inputs", "articles", "duplicates", "events", "claims", "figures"):
        t.add_row(key, str(data[key]))
    t.add_row("rejected", str(len(data["rejected"])))
    out.print(t)
    for r in data["rejected"]:
        out.print(f"  rejected {r['input']}: {r['reason']}", markup=False)


def _names(x: Any) -> str:
    xs = x if isinstance(x, list) else ([x] if x else [])
    return ", ".join(f"{a.get('name')} ({a.get('country') or '?'})" for a in xs) or "-"


@cli.command()
@db_option
@json_option
@click.option("--actor", default=None, help="Country code (PRK) or part of a name.")
@click.option("--type", "etype", default=None, help="PLOVER type, e.g. MOBILIZE.")
@click.option("--since", default=None, metavar="DATE")
@click.option("--until", default=None, metavar="DATE")
@click.option("--place", default=None, help="Part of a place name, or a country code.")
def events(db: str | None, as_json: bool, actor: str | None, etype: str | None, since: str | None,
           until: str | None, place: str | None) -> None:
    """Events linked across articles."""
    with _open(db) as ledger:
        data = ledger.events(actor=actor, type=etype, since=since, until=until, place=place)
    if as_json:
        _print_json({"events": data})
        return
    from rich.table import Table

    t = Table(title=f"{len(data)} events")
    for col in ("id", "type", "actor", "recipient", "where", "when", "status", "articles", "sources"):
        t.add_column(col)
    for e in data:
        stances = ", ".join(sorted({f"{s['name']}: {s['stance']}" for s in e["sources"] if s["name"]}))
        t.add_row(e["id"], f"{e['type']} {e['mode'] or ''}".strip(), _names(e["actor"]),
                  _names(e["recipient"]), (e["location"] or {}).get("name") or "-",
                  (e["date"] or {}).get("value") or "-", e["status"], str(len(e["articles"])),
                  stances or "-")
    Console(highlight=False).print(t)


@cli.command()
@db_option
@json_option
@click.option("--about", default=None, help="Words the claim is about.")
@click.option("--contested", is_flag=True, help="Only contested or retracted claims.")
def claims(db: str | None, as_json: bool, about: str | None, contested: bool) -> None:
    """Claims across articles, with each source's stance and a verdict."""
    with _open(db) as ledger:
        data = ledger.claims(about=about, contested=contested)
    if as_json:
        _print_json({"claims": data})
        return
    from rich.table import Table

    t = Table(title=f"{len(data)} claims")
    for col in ("id", "claim", "verdict", "sources", "first", "last"):
        t.add_column(col)
    for c in data:
        stances = "; ".join(f"{s['name']}: {s['stance']} ({s['published'] or '?'})" for s in c["sources"])
        t.add_row(c["id"], c["text"][:80], c["verdict"], stances, c["first_seen"] or "-",
                  c["last_seen"] or "-")
    Console(highlight=False).print(t)


@cli.command()
@db_option
@json_option
@click.option("--about", default=None, help="Words the figure is about.")
def figures(db: str | None, as_json: bool, about: str | None) -> None:
    """Figures grouped by what they measure, by source and date."""
    with _open(db) as ledger:
        data = ledger.figures(about=about)
    if as_json:
        _print_json({"figures": data})
        return
    from rich.table import Table

    t = Table(title=f"{len(data)} figures")
    for col in ("what", "value", "qualifier", "as of", "source"):
        t.add_column(col)
    for f in data:
        for i, v in enumerate(f["values"]):
            value = v["value"] if v["value"] is not None else f"{v['low']}-{v['high']}"
            t.add_row(f["what"] if i == 0 else "", f"{value} {v['unit'] or ''}", v["qualifier"] or "-",
                      v["as_of"] or "-", v["source"]["name"] or "-")
    Console(highlight=False).print(t)


@cli.command()
@click.argument("article_id")
@db_option
@json_option
def article(article_id: str, db: str | None, as_json: bool) -> None:
    """One stored article's record, with its evidence highlighted."""
    with _open(db) as ledger:
        rec = ledger.article(article_id)
    if rec is None:
        stderr.print(f"sitroom: error: no article {article_id!r} in the ledger (or the prefix is "
                     "ambiguous)", markup=False)
        sys.exit(2)
    if as_json:
        _print_json(rec)
        return
    from .report import render_article

    Console(highlight=False).print(render_article(rec))


def main() -> None:
    cli(prog_name="sitroom")


if __name__ == "__main__":
    main()
