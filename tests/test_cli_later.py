"""Each command of `drafter` is built only when it is used (usage.Later): `drafter --help`
builds none, `drafter render` only render (not `drafter site`'s twelve), and nothing of what
the command line says changes (the help goldens hold the words)."""

from __future__ import annotations

from typer.main import get_command
from typer.testing import CliRunner

from drafter import usage
from drafter.cli import app
from drafter.site.cli import site_app

runner = CliRunner()


def test_each_command_stands_in_until_used_and_is_listed_where_it_was(monkeypatch) -> None:
    names = list(get_command(app).commands)  # type: ignore[attr-defined]
    assert names == ["init", "import", "check", "render", "rollup", "merge", "pdf", "verify",
                     "serve", "templates", "site"]
    built: list[str] = []
    build = usage.Later.build
    monkeypatch.setattr(usage.Later, "build", lambda self: built.append(self.name) or build(self))
    for args in (["--help"], ["render", "--help"], ["templates", "list"]):
        assert runner.invoke(app, args).exit_code == 0, args
    assert built == ["render", "templates"]  # the main help lists them without building them
    result = runner.invoke(app, ["site", "user", "--help"])
    assert result.exit_code == 0 and "用法：root site user [选项]" in result.output  # CliRunner names it root
    assert built == ["render", "templates", "site"]


def test_each_stand_in_says_what_its_command_says() -> None:
    for name, later in get_command(app).commands.items():  # type: ignore[attr-defined]
        built = later.build()
        assert built.name == name and not isinstance(built, usage.Later)
        for width in (20, 45, 80):  # the main help's one line, cut where the command's would be
            assert later.get_short_help_str(width) == built.get_short_help_str(width), name
        assert later.help == built.help, name
    site = get_command(app).commands["site"].build()  # type: ignore[attr-defined]
    assert isinstance(site, usage.Group) and list(site.commands) == [  # type: ignore[attr-defined]
        *(c.name for c in site_app.registered_commands), "office", "user"]


def test_a_typo_still_finds_the_site_and_its_usage_errors_are_chinese() -> None:
    result = runner.invoke(app, ["sit"])
    assert result.exit_code == 2 and "是否想用“site”" in result.output
    result = runner.invoke(app, ["site", "nosuch"])
    assert result.exit_code == 2 and "没有命令“nosuch”" in result.output
    assert "site --help 查看用法" in result.output
    result = runner.invoke(app, ["site"])  # no command: its help, exit 2 as every group
    assert result.exit_code == 2 and "site [选项] 命令" in result.output


def test_a_plain_render_loads_no_pdf_side_and_help_builds_no_command(tmp_path) -> None:
    """`render` without --pdf never imports the PDF side (LibreOffice's finder, hashing of
    fonts); `--help` imports no command module at all."""
    import subprocess
    import sys

    from tests.conftest import SAMPLE_000

    out = tmp_path / "报告.docx"
    code = ("import sys; from drafter.cli import main; sys.argv = ['drafter'] + sys.argv[1:]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith(('drafter.publish',"
            " 'drafter.commands.', 'drafter.pipeline'))), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, "render", str(SAMPLE_000), "-o", str(out)],
                          capture_output=True, text=True, check=False)
    assert out.exists(), done.stderr
    loaded = done.stderr.strip().splitlines()[-1]
    assert "drafter.publish.pdf" not in loaded and "drafter.commands.pdf" not in loaded, loaded
    assert "drafter.commands.render" in loaded  # the check itself can fail
    done = subprocess.run([sys.executable, "-c", code, "--help"], capture_output=True,
                          text=True, check=False)
    assert "用法" in done.stdout
    assert done.stderr.strip().splitlines()[-1] == "[]", done.stderr
