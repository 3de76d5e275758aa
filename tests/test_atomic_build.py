"""A failed build leaves `site/` byte for byte as it was; a good one replaces it whole (issue #16).

MkDocs' strict mode stops the build only after every page is written (a broken link, a missing
anchor or image, a `nav:` entry to a missing page or without its colon), and an error can come in
either language's pass: each case builds over a real previous site (`build_error` compares it file
by file).
"""

import os
import subprocess

import pytest

from conftest import build_error, build_errors, edit, previous_site, run_build, snapshot

STRICT_WARNINGS = [
    ("a broken link", "docs/acerca.{lang}.md", "\n\n[x](no-existe.md)\n",
     "Doc file 'acerca.{lang}.md' contains a link 'no-existe.md', but the target is not found among documentation files."),
    ("a missing anchor", "docs/acerca.{lang}.md", "\n\n[x](glosario.md#no-existe)\n",
     "Doc file 'acerca.{lang}.md' contains a link 'glosario.md#no-existe', but the doc 'glosario.{lang}.md' does not contain an anchor '#no-existe'."),
    ("a missing image", "docs/acerca.{lang}.md", "\n\n![x](no-existe.png)\n",
     "Doc file 'acerca.{lang}.md' contains a link 'no-existe.png', but the target is not found among documentation files."),
]


@pytest.mark.whole_build  # found only once a language pass has written its pages: a whole build
def test_strict_warnings_of_every_kind_in_both_languages_leave_the_previous_site_whole(project):
    """One build for all of them (a build is the slow part): each kind in each language's pass,
    and a `nav:` entry to a missing page. Each is reported, as MkDocs words it; nothing is written."""
    expected = []
    for language in ("es", "en"):
        for _, file, text, warning in STRICT_WARNINGS:
            page = project / file.format(lang=language)
            page.write_text(page.read_text(encoding="utf-8") + text, encoding="utf-8")
            expected.append(warning.format(lang=language))
    edit(project / "mkdocs.yml", "      - datos.md\n", "      - datos.md\n      - no-existe.md\n")
    # A nav entry without its colon: MkDocs reads title and file as one file name, and says so.
    edit(project / "mkdocs.yml", "  - Cómo denunciar: denunciar.md", "  - Cómo denunciar denunciar.md")
    messages = build_errors(project)
    assert [m for m in expected if m not in messages] == [], messages
    colon = [m for m in messages if "'Cómo denunciar denunciar.md'" in m]
    assert len(colon) == 1, messages
    assert colon[0].startswith(
        "A reference to 'Cómo denunciar denunciar.md' is included in the 'nav' configuration, which is not found"), colon
    assert not any("Traceback" in m for m in messages), messages
    nav = [m for m in messages if m not in expected and m not in colon]
    assert nav and all("'no-existe.md'" in m and "not found" in m for m in nav), messages


@pytest.mark.whole_build  # found only once a language pass has written its pages: a whole build
def test_an_error_while_pages_are_written_leaves_the_previous_site_whole(project):
    """A page refused by a hook after the site's first pages are written (the English pass)."""
    page = project / "docs/seguridad.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\n<p onclick=\"x()\">x</p>\n", encoding="utf-8")
    assert build_error(project, command_line=True).startswith(
        "docs/seguridad.en.md: the page's text contains an event handler")


@pytest.mark.whole_build
def test_a_good_build_replaces_the_previous_site_whole(project):
    """... and removes what killed builds left beside it, but not the folder of a build still running."""
    site_dir = project / "site"
    site_dir.mkdir()
    (site_dir / "left-over.html").write_text("from an older build")
    ended = subprocess.Popen(["true"])
    ended.wait()
    for left in (f".site.building-{ended.pid}-k1ll", f".site.previous-{ended.pid}-k1ll", ".site.building-x7q2"):
        (project / left).mkdir()
        (project / left / "index.html").write_text("half a site")
    running = project / f".site.building-{os.getpid()}-l1ve"
    running.mkdir()
    result = run_build(project, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (site_dir / "left-over.html").exists()
    assert (site_dir / "index.html").is_file() and (site_dir / "en/index.html").is_file()
    assert running.is_dir()
    running.rmdir()
    assert sorted(p.name for p in project.iterdir()) == ["docs", "hooks", "mkdocs.yml", "overrides", "site"]
    assert oct(site_dir.stat().st_mode & 0o777) == oct(previous_site().stat().st_mode & 0o777)
    built = snapshot(site_dir)
    assert set(built) == set(snapshot(previous_site()))


@pytest.mark.whole_build
def test_a_failed_offline_edition_leaves_the_previous_one_whole(project):
    """`make offline` (deploy/offline-edition.py) on a broken project: dist/ is as it was."""
    import shutil
    import subprocess
    import sys

    from conftest import BUILD_ENV, ROOT

    shutil.copytree(ROOT / "deploy", project / "deploy", ignore=shutil.ignore_patterns("__pycache__"))
    dist = project / "dist"
    dist.mkdir()
    (dist / "politica-trata-1.1.zip").write_bytes(b"the previous edition")
    before = snapshot(dist)
    page = project / "docs/acerca.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\n[x](no-existe.md)\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(project / "deploy/offline-edition.py"), "--out", str(dist)],
                            cwd=project, env=BUILD_ENV, capture_output=True, text=True, timeout=600)
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert "no-existe.md" in result.stderr
    assert snapshot(dist) == before
    assert sorted(p.name for p in project.iterdir()) == ["deploy", "dist", "docs", "hooks", "mkdocs.yml", "overrides"]
