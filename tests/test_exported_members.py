"""The public surface: a short, sorted __all__ whose names all exist, and every
command documented in --help and the README."""

from pathlib import Path

from click.testing import CliRunner

import sitroom
from sitroom.cli import cli


def test_all_is_sorted_and_importable():
    assert sitroom.__all__ == sorted(sitroom.__all__)
    for name in sitroom.__all__:
        assert getattr(sitroom, name) is not None


def test_every_command_has_help_and_is_in_the_readme():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert command.help and command.help.strip(), name
        assert f"sitroom {name}" in readme, name
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0
