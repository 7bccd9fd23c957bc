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


def main() -> None:
    cli(prog_name="sitroom")


if __name__ == "__main__":
    main()
