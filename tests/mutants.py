"""`make test-mutants`: shows that the suite catches deliberate defects (issue 29).

Each row of DEFECTS is one mistake a person could make in the content, a template, a stylesheet,
a script or a hook, written as exact edits (old text -> new text, or a file removed), with the
tests expected to catch it (pytest node ids: file and function, parameters included). For each
defect the script takes a fresh copy of the project's committed files (`git archive HEAD`),
applies the edits (an old text that is not found exactly once stops the script: an edit that
applies to nothing proves nothing), and runs only those tests, with the project's own Python
(its .venv). The defect is caught when pytest exits with 1 (a test failed or errored) and its
output holds the row's `expect` pattern, the evidence that it failed for this defect; exit 0 means
the defect survived; 2 to 5 (interrupted, internal error, usage error, no test collected) mean
the row itself is broken. A baseline runs first: the same tests on an unmutated copy must pass,
or a test that fails anyway would "catch" everything.

    .venv/bin/python tests/mutants.py                 # every defect
    MUTANTS=focus-ring,csp-hash .venv/bin/python tests/mutants.py   # a subset (keys or names)
    MUTANTS_LOGS=/tmp/mutant-logs ...                 # keeps each run's pytest output there
    MUTANTS_TMP=/tmp/somewhere ...                    # where the copies go (default: the system's)
    .venv/bin/python tests/mutants.py --list          # the table; checks that every edit applies

Prints a table (defect | caught by | seconds) and exits 1 if any defect survived or a row
could not be checked. Not collected by pytest (its name does not start with test_). Stdlib only.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"


@dataclass(frozen=True)
class Edit:
    """Replace `old` (found exactly once) by `new` in `path`; `old=None` removes the file."""

    path: str
    old: str | None
    new: str = ""


@dataclass(frozen=True)
class Defect:
    key: str            # what MUTANTS= names it by
    name: str           # the README's words
    edits: tuple[Edit, ...]
    tests: tuple[str, ...]   # pytest node ids, run in this order with -x
    # A regular expression (multi-line) the failing run's output must hold: pytest's '>' line (the
    # line that failed) or an 'E' line (the error), not merely the test's name or source.
    expect: str
    why: str = ""       # what the mistake is, for the reader of this table


# A 1 x 1 PNG: a picture the site's policy allows (data:image/png), so only its missing words are wrong.
_PNG = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASU"
        "VORK5CYII=")
_STORY_LEAD = "¿Por qué historias? Porque la trata casi nunca se ve a simple vista. Se entiende cuando conoces la historia."

DEFECTS: tuple[Defect, ...] = (
    Defect(
        "image-alt", "an image without alt text",
        (Edit("docs/publico/como-ocurre.es.md", _STORY_LEAD, f"{_STORY_LEAD}\n\n![]({_PNG})"),),
        ("tests/test_mutant_gaps.py::test_every_picture_says_what_it_shows",),
        r"pictures without alt text.*publico/como-ocurre/index\.html",
        "a picture in a public page written ![](...) (Markdown gives it alt=\"\", which hides it as decoration)"),
    Defect(
        "map-name", "a map without its accessible name",
        (Edit("hooks/renderers/region_map.py", """f'<title id="rg-map-title">{escape(words["map_title"])}</title>'""",
              """f'<title id="rg-map-title"></title>'"""),),
        ("tests/test_regions.py::test_the_map_has_an_accessible_name_and_description",),
        r'^>\s+assert soup\.find\(id=svg\["aria-labelledby"\]\)',
        "the region map's SVG title left empty in the renderer"),
    Defect(
        "label-unescaped", "a label printed without escaping",
        (Edit("hooks/renderers/region_map.py", "{escape(region.label)}</a></th>", "{region.label}</a></th>"),),
        ("tests/test_regions.py::test_every_label_is_escaped",),
        r'^>\s+assert "<script>" not in out',
        "the region table's label written into the HTML as it is"),
    Defect(
        "missing-anchor", "a link to a missing anchor",
        (Edit("docs/glosario.es.md", "](contexto/marco-legal.md#reglamento)", "](contexto/marco-legal.md#el-reglamento)"),),
        ("tests/test_site.py::test_every_page_is_built_in_both_languages",),
        r"does not contain an anchor '#el-reglamento'",
        "a glossary link to a heading's anchor that the page does not have (strict build)"),
    Defect(
        "quick-exit-site", "a quick exit pointing at the site",
        (Edit("mkdocs.yml", "quick_exit_url: https://www.google.com/", "quick_exit_url: /"),),
        ("tests/test_quick_exit.py::test_every_exit_in_view_is_uncovered_its_first_tap_leaves_for_good_and_so_do_three_shift_presses[desktop-nothing-open-es]",),
        # The test waits for the neutral site (_left_and_back_skips) and the tab is on the site's own page.
        r'^E\s+waiting for navigation to "https://www\.google\.com/"',
        "the quick exit's destination set to the site's own home page"),
    Defect(
        "focus-ring", "a focus ring removed",
        (Edit("overrides/assets/css/site.css",
              "}\n:focus-visible {\n  outline: 3px solid var(--site-focus-ring);\n  outline-offset: 2px;\n"
              "  box-shadow: 0 0 0 5px var(--site-focus-halo);\n}",
              "}\n:focus-visible {\n  outline: none;\n}"),),
        ("tests/test_focus_ring.py::test_the_focus_ring_stands_3_to_1_against_every_surface_it_sits_on[1280-light]",),
        r"^>\s+assert not failures",
        "site.css's rule for every focused element turned into `outline: none` (ring and halo gone)"),
    Defect(
        "low-contrast", "low-contrast text",
        (Edit("overrides/assets/css/site.css",
              '[data-md-color-scheme="slate"] {\n  --md-primary-fg-color: #4d1029;\n  --md-accent-fg-color: #ff8fb1;\n'
              "  --md-typeset-a-color: #ffa7c2;",
              '[data-md-color-scheme="slate"] {\n  --md-primary-fg-color: #4d1029;\n  --md-accent-fg-color: #ff8fb1;\n'
              "  --md-typeset-a-color: #8a1538;"),),
        ("tests/test_accessibility.py::test_no_page_kind_has_a_wcag_violation_in_the_dark_scheme",),
        r"^E\s.*color-contrast",
        "the dark scheme's link colour copied from the light one (dark red on dark grey)"),
    Defect(
        "no-lang", "a page without lang",
        (Edit("overrides/404.html", '{% extends "main.html" %}',
              '<!doctype html>\n<html>\n<head>\n<meta charset="utf-8">\n'
              '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
              "<!--asset-bundle:styles:{{ 'assets/' | url | e }}-->\n</head>\n<body>\n"
              "<!--asset-bundle:first-paint:{{ 'assets/' | url | e }}-->"),
         Edit("overrides/404.html", "  </ul>\n{% endblock %}",
              "  </ul>\n{% endblock %}\n<!--asset-bundle:scripts:{{ 'assets/' | url | e }}-->\n</body>\n</html>")),
        ("tests/test_site.py::test_the_404_page_speaks_the_language_of_its_folder[404.html-es-/]",),
        r"KeyError: 'lang'|\['lang'\]",
        "the 404 page written as a stand-alone HTML page, whose <html> has no lang"),
    Defect(
        "inline-script", "an inline script added",
        (Edit("overrides/main.html", "{% block scripts %}",
              '{% block scripts %}<script>document.documentElement.classList.add("js-ready")</script>'),),
        ("tests/test_injection.py::test_each_pages_policy_allows_exactly_the_inline_scripts_it_carries",),
        r"^>\s+assert len\(shipped\) == 1",
        "a static inline script added to a template (the policy would allow its hash: only the suite stops it)"),
    Defect(
        "inline-script-page", "an inline script in a page's text",
        (Edit("docs/acerca.es.md", "<!-- publisher: about -->",
              "<!-- publisher: about -->\n\n<script>console.log('visita')</script>"),),
        ("tests/test_site.py::test_every_page_is_built_in_both_languages",),
        r"docs/acerca\.es\.md: the page's text contains an inline script",
        "a snippet pasted into a page (the build must stop, naming the page)"),
    Defect(
        "csp-hash", "a CSP hash dropped",
        (Edit("hooks/csp.py", """*(f"'{source}'" for source in inline_scripts)""",
              """*(f"'{source}'" for source in inline_scripts[1:])"""),),
        ("tests/test_injection.py::test_each_pages_policy_allows_exactly_the_inline_scripts_it_carries",
         "tests/test_browser_safety.py::test_page_loads_with_no_console_error_no_csp_violation_and_no_outside_request[acerca/]"),
        r"^>\s+assert allowed == carried|^>\s+assert watched\.(console_errors|csp_violations)",
        "the policy written without the first of the page's script hashes"),
    Defect(
        "skip-link", "the skip link removed",
        (Edit("overrides/main.html",
              '  <a href="#contenido-principal" class="md-skip content-skip">{{ ui.skip_to_content | e }}</a>\n', ""),),
        ("tests/test_keyboard.py::test_every_built_page_opens_with_a_skip_link_to_its_content",),
        r'^>\s+assert "content-skip" in first\["class"\]',
        "the reporting strip's first link, to the content, deleted from overrides/main.html"),
    Defect(
        "call-button", "a call button under 44 px",
        (Edit("overrides/assets/css/site.css", "  min-width: 2.2rem;\n  min-height: 2.2rem;\n  padding: 0.3rem 0.8rem;",
              "  min-width: 2rem;\n  min-height: 2rem;\n  padding: 0.3rem 0.8rem;"),),
        ("tests/test_home.py::test_every_main_call_link_is_a_button_of_44_px_or_more[1280-es]",),
        r"^>\s+assert not small",
        "the call buttons' minimum size lowered to 2rem (40 px)"),
    Defect(
        "english-fallback", "an English page falling back to Spanish",
        (Edit("mkdocs.yml", "fallback_to_default: false", "fallback_to_default: true"),
         Edit("docs/publico/mitos-y-realidades.en.md", None)),
        ("tests/test_site.py::test_every_source_page_exists_in_both_languages",
         "tests/test_site.py::test_html_lang_matches_the_language_of_each_page"),
        r"publico/mitos-y-realidades has no en page",
        "the i18n plugin told to fill a missing English page with the Spanish one, and one English page missing"),
    Defect(
        "region-sum", "a region sum off by one",
        (Edit("hooks/renderers/region_map.py", "total = sum(d.complaints_2007_2014 for d in districts)\n",
              "total = sum(d.complaints_2007_2014 for d in districts[:-1])\n"),),
        ("tests/test_regions.py::test_the_lima_and_piura_pages_show_each_prosecution_district[es]",),
        r'^>\s+assert int\(table\.select_one\("tfoot td:last-child"\)',
        "the districts table's sum leaves out its last row"),
    Defect(
        "region-figure", "a district's count off by one in the data",
        (Edit("hooks/data/prosecution-districts.yml", '{name: "Loreto",        department: "16", complaints: 211}',
              '{name: "Loreto",        department: "16", complaints: 212}'),),
        ("tests/test_regions.py::test_the_districts_of_each_department_add_up_to_its_figure_and_all_to_the_national_total",),
        r"^E\s+.*ContentError: .*(is not the sum of Loreto's|add up to 1977, not to the national total 1976)",
        "a district's count typed one too high in the data file (the pages no longer add up)"),
    Defect(
        "plan-over-time", "a session plan longer than its session",
        (Edit("docs/capacitacion/que-es-la-trata/plan.es.md", '  - minutes: 15\n    title: "Acto, medio y fin"',
              '  - minutes: 20\n    title: "Acto, medio y fin"'),),
        ("tests/test_training.py::test_the_plan_runs_a_clock_from_zero_to_the_duration",),
        r"plan\.es\.md.*(minutes|duration)",
        "one step of a module's plan given five more minutes than the session has"),
    Defect(
        "quiz-two-right", "a quiz with two right answers",
        (Edit("docs/capacitacion/que-es-la-trata/cuestionario.es.md", '      - text: "Un secuestro, golpes y encierro."\n',
              '      - text: "Un secuestro, golpes y encierro."\n        correct: true\n'),),
        ("tests/test_training.py::test_every_module_teaches_only_existing_guidelines",),
        r"cuestionario\.es\.md.*correct",
        "a second option of a question marked correct"),
    Defect(
        "pdf-blank-page", "a PDF with a blank page",
        (Edit("overrides/assets/css/training-pack.css", "    border: 0;\n    break-before: page;\n  }\n\n  .md-typeset .training-pack__part :is",
              "    border: 0;\n    break-before: page;\n    break-after: page;\n  }\n\n  .md-typeset .training-pack__part :is"),),
        ("tests/test_pdf.py::test_no_sheet_holds_only_sources_or_a_closing_line_and_nothing_for_the_screen",),
        r"sheet \d+ holds only",
        "each part of a pack also breaks the page after it: the last one leaves a blank sheet"),
    Defect(
        "strict-writes-site", "a strict warning that still writes site/",
        (Edit("hooks/atomic_output.py", "    if _run.finished and not _run.failed:\n", "    if _run.finished:\n"),),
        ("tests/test_mutant_gaps.py::test_a_strict_warning_in_the_spanish_pages_alone_leaves_the_previous_site_whole",),
        r"^>\s+assert snapshot\(site_dir\) == before",
        "the atomic build swaps the new site in even when MkDocs' strict check failed"),
)


# ---------------------------------------------------------------------------- the copy


def committed_files() -> bytes:
    """The project's committed files as a tar archive (`git archive HEAD`): the working tree's
    uncommitted edits and untracked files (site/, dist/, node_modules) are not part of it."""
    result = subprocess.run(["git", "archive", "--format=tar", "HEAD"], cwd=ROOT, capture_output=True, timeout=120)
    if result.returncode != 0:
        sys.exit(f"mutants: 'git archive HEAD' failed in {ROOT}: {result.stderr.decode(errors='replace').strip()}")
    return result.stdout


def fresh_copy(archive: bytes, folder: Path) -> Path:
    folder.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


class EditNotFound(Exception):
    pass


def edited(defect: Defect, project: Path) -> dict[Path, str | None]:
    """What each file of the defect becomes (None: removed); each old text must be there exactly
    once, and the new text must differ."""
    changed: dict[Path, str | None] = {}
    for edit in defect.edits:
        path = project / edit.path
        if not path.is_file():
            raise EditNotFound(f"{defect.key}: {edit.path} is not in the project\n"
                               "  Update the row in tests/mutants.py to the project as it is now.")
        if edit.old is None:
            changed[path] = None
            continue
        text = changed.get(path) or path.read_text(encoding="utf-8")
        found = text.count(edit.old)
        if found != 1:
            where = "is no longer in" if found == 0 else f"is {found} times in"
            raise EditNotFound(f"{defect.key}: the text to change {where} {edit.path}: {edit.old!r}\n"
                               "  Update the row in tests/mutants.py to the file as it is now.")
        changed[path] = text.replace(edit.old, edit.new, 1)
        if changed[path] == text:
            raise EditNotFound(f"{defect.key}: the edit would leave {edit.path} as it is")
    return changed


def apply(defect: Defect, project: Path) -> None:
    for path, text in edited(defect, project).items():
        if text is None:
            path.unlink()
        else:
            path.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------------------- running pytest

# pytest's exit codes (pytest.ExitCode): 1 is the only one that says a test failed.
_EXIT = {0: "all passed", 1: "tests failed", 2: "interrupted (a collection error?)", 3: "pytest's internal error",
         4: "usage error (a node id not found?)", 5: "no test collected"}


@dataclass
class Run:
    code: int
    output: str
    seconds: float

    def failed_tests(self) -> list[str]:
        """The node ids pytest's short summary (-rfE) names, in order: 'FAILED id' and 'ERROR id'."""
        found = re.findall(r"^(?:FAILED|ERROR) (\S+(?:\[[^\]]*\])?)", self.output, re.MULTILINE)
        return list(dict.fromkeys(found))


def run_tests(project: Path, tests: list[str], basetemp: Path, stop_at_first: bool = True) -> Run:
    env = {name: value for name, value in os.environ.items()
           if name not in ("TEST_SITE_DIR", "PYTEST_ADDOPTS", "PYTEST_XDIST_WORKER", "MUTANTS")}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    command = [str(PYTHON), "-m", "pytest", "-q", "-rfE", "-p", "no:cacheprovider", "-p", "no:xdist",
               f"--basetemp={basetemp}", *(["-x"] if stop_at_first else []), *tests]
    started = time.monotonic()
    try:
        result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=1800)
        code, output = result.returncode, result.stdout + result.stderr
    except subprocess.TimeoutExpired as timeout:
        code, output = 2, f"timed out after {timeout.timeout} s\n{timeout.stdout or ''}"
    return Run(code, output, time.monotonic() - started)


# ---------------------------------------------------------------------------- the table


@dataclass
class Outcome:
    defect: Defect
    caught_by: str
    seconds: float
    caught: bool
    detail: str = ""


def check(defect: Defect, archive: bytes, work: Path) -> Outcome:
    project = fresh_copy(archive, work / defect.key / "project")
    try:
        apply(defect, project)
        run = run_tests(project, list(defect.tests), work / defect.key / "bt")
        keep_log(defect.key, run)
    finally:
        shutil.rmtree(work / defect.key, ignore_errors=True)
    if run.code == 0:
        return Outcome(defect, "SURVIVED (every test passed)", run.seconds, False, _tail(run.output))
    if run.code != 1:
        return Outcome(defect, f"NOT CHECKED: pytest exit {run.code}, {_EXIT.get(run.code, '?')}", run.seconds, False,
                       _tail(run.output))
    failed = run.failed_tests()
    first = failed[0] if failed else "(a test)"
    evidence = re.search(defect.expect, run.output, re.MULTILINE)
    if not evidence:
        return Outcome(defect, f"NOT PROVEN: {first} failed without /{defect.expect}/", run.seconds, False,
                       _tail(run.output))
    line = run.output[run.output.rfind("\n", 0, evidence.start()) + 1:].split("\n", 1)[0].strip()
    return Outcome(defect, first, run.seconds, True, line if len(line) <= 200 else line[:199] + "…")


def keep_log(name: str, run: Run) -> None:
    """pytest's whole output, in MUTANTS_LOGS/<name>.log when that folder is given."""
    if os.environ.get("MUTANTS_LOGS"):
        folder = Path(os.environ["MUTANTS_LOGS"])
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.log").write_text(f"exit {run.code}, {run.seconds:.0f} s\n{run.output}", encoding="utf-8")


def _tail(output: str, lines: int = 40) -> str:
    return "\n".join(output.rstrip().splitlines()[-lines:])


def table(rows: list[tuple[str, str, str]]) -> str:
    head = ("defect", "caught by", "seconds")
    return "\n".join(["| " + " | ".join(head) + " |", "|---|---|---:|"] +
                     ["| " + " | ".join(row) + " |" for row in rows])


def selected(defects: tuple[Defect, ...], wanted: str) -> list[Defect]:
    if not wanted.strip():
        return list(defects)
    names = [name.strip() for name in wanted.split(",") if name.strip()]
    unknown = [name for name in names if not any(name in (d.key, d.name) for d in defects)]
    if unknown:
        sys.exit(f"mutants: MUTANTS names no defect {unknown}; the defects are: {', '.join(d.key for d in defects)}")
    return [d for d in defects if d.key in names or d.name in names]


def main(argv: list[str]) -> int:
    defects = selected(DEFECTS, os.environ.get("MUTANTS", ""))
    if "--list" in argv:   # the table, and whether each row's edits still apply to HEAD (no test runs)
        print(table([(f"{d.name} (`{d.key}`)", ", ".join(f"`{t}`" for t in d.tests), "") for d in defects]))
        with tempfile.TemporaryDirectory(prefix="mutants-", dir=os.environ.get("MUTANTS_TMP")) as folder:
            project = fresh_copy(committed_files(), Path(folder) / "project")
            try:
                for defect in defects:
                    edited(defect, project)
            except EditNotFound as missing:
                sys.exit(f"mutants: {missing}")
        print(f"\nThe edits of all {len(defects)} defects apply to HEAD.")
        return 0
    if not PYTHON.exists():
        sys.exit(f"mutants: {PYTHON} is missing: run 'make venv' first")
    archive = committed_files()
    work = Path(tempfile.mkdtemp(prefix="mutants-", dir=os.environ.get("MUTANTS_TMP")))
    print(f"mutants: {len(defects)} defects, each on a fresh copy of HEAD in {work}", flush=True)
    try:
        # Every selected test once on an unmutated copy: a test that fails anyway catches nothing.
        tests = list(dict.fromkeys(t for d in defects for t in d.tests))
        project = fresh_copy(archive, work / "baseline" / "project")
        for defect in defects:   # every row's edits apply before anything runs
            edited(defect, project)
        baseline = run_tests(project, tests, work / "baseline" / "bt", stop_at_first=False)
        keep_log("baseline", baseline)
        shutil.rmtree(work / "baseline", ignore_errors=True)
        if baseline.code != 0:
            print(_tail(baseline.output, 60))
            sys.exit(f"mutants: the baseline fails (pytest exit {baseline.code}, {_EXIT.get(baseline.code, '?')}): "
                     f"{baseline.failed_tests() or 'see above'}. Fix the suite or the rows first.")
        print(f"baseline: {len(tests)} tests pass on the unmutated copy ({baseline.seconds:.0f} s)", flush=True)
        outcomes = []
        for defect in defects:
            outcome = check(defect, archive, work)
            outcomes.append(outcome)
            print(f"{'caught' if outcome.caught else 'NOT CAUGHT'}: {defect.name}: {outcome.caught_by} "
                  f"({outcome.seconds:.0f} s)", flush=True)
            print(("    evidence: " if outcome.caught else "    ") + outcome.detail.replace("\n", "\n    "), flush=True)
    except EditNotFound as missing:
        sys.exit(f"mutants: {missing}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()
    print(table([(o.defect.name, f"`{o.caught_by}`" if o.caught else o.caught_by, f"{o.seconds:.0f}")
                 for o in outcomes]))
    missed = [o.defect.key for o in outcomes if not o.caught]
    total = sum(o.seconds for o in outcomes) + baseline.seconds
    print(f"\n{len(outcomes) - len(missed)} of {len(outcomes)} defects caught, {total / 60:.1f} minutes of pytest"
          + (f"; not caught: {', '.join(missed)}" if missed else ""))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
