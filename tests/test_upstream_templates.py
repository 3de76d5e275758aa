"""The copies of Material's templates, and the script that relies on its markup, were checked
against the installed theme's files (tests/material-upstream.sha256): when an upgrade changes one,
this fails naming the copy to re-check (issue #16)."""

import hashlib
from pathlib import Path

import pytest

from conftest import ROOT

MANIFEST = ROOT / "tests" / "material-upstream.sha256"


def _rows():
    for line in MANIFEST.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            digest, upstream, ours = line.split()
            yield digest, upstream, ours


def _material_templates() -> Path:
    import material
    return Path(material.__file__).resolve().parent / "templates"


@pytest.mark.parametrize("digest,upstream,ours", list(_rows()), ids=[f"{r[1]}->{r[2]}" for r in _rows()])
def test_the_upstream_file_is_the_one_the_copy_was_checked_against(digest, upstream, ours):
    assert (ROOT / ours).is_file(), f"{ours} is listed in {MANIFEST.name} but does not exist"
    installed = hashlib.sha256((_material_templates() / upstream).read_bytes()).hexdigest()
    assert installed == digest, (
        f"Material's {upstream} changed (sha256 {installed}): re-check {ours} against it, "
        f"then put the new sha256 on its line in tests/{MANIFEST.name}")


def test_every_copy_of_a_material_template_is_listed():
    listed = {ours for _, _, ours in _rows()}
    theme = _material_templates()
    copies = {path.relative_to(ROOT).as_posix() for path in (ROOT / "overrides").rglob("*.html")
              if (theme / path.relative_to(ROOT / "overrides")).is_file()}
    assert copies <= listed, f"copies of Material's templates not in tests/{MANIFEST.name}: {sorted(copies - listed)}"
