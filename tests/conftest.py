"""Shared fixtures: the real site built once, a local server, one Chromium for all browser tests."""

from __future__ import annotations

import contextlib
import dataclasses
import faulthandler
import functools
import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / "hooks"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

# Tests import the content model exactly as the hooks do, and bench/ as `make bench` does.
for _folder in (HOOKS, ROOT):
    if str(_folder) not in sys.path:
        sys.path.insert(0, str(_folder))

from bench.first_load import PAGE_KINDS  # noqa: E402  (one page of every kind, shared with the benchmark)
from content_model import base as _base  # noqa: E402

# The site's languages, as the build has them (hooks/content_model/base.py), and the folder of
# each one's pages: '' for the first, 'en/' for English.
LANGUAGES = _base.LANGUAGES
PREFIXES = {language: "" if language == _base.DEFAULT_LANGUAGE else f"{language}/" for language in LANGUAGES}
# One page of every kind in each language, and the not-found pages (accessibility, keyboard).
KIND_PAGES = [(kind, language, PREFIXES[language] + url) for language in LANGUAGES for kind, url in PAGE_KINDS.items()]
KIND_IDS = [f"{language}-{kind.replace(' ', '-')}" for kind, language, _ in KIND_PAGES]
NOT_FOUND_PAGES = [prefix + "404.html" for prefix in PREFIXES.values()]

BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run_build(project: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real `mkdocs build --strict`, as a person runs it."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=env or BUILD_ENV, capture_output=True, text=True, timeout=600,
    )


def build_in_process(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """What `mkdocs build --strict` does, through MkDocs' own Python API in this process: the
    same configuration loading, plugin events and build, the messages as the command prints
    them ('ERROR - ...'), exit status 1 when MkDocs aborts, and a traceback for any other
    exception. A second Python process would cost seconds per broken copy.

    The hooks' packages (content_model, renderers) and their data are the real project's,
    imported once: a copy whose hooks/ differs must be built with run_build."""
    import logging
    import traceback

    import content_model  # noqa: F401 (imported from the real hooks/ before a copy's build can)
    import renderers  # noqa: F401
    from mkdocs import exceptions
    from mkdocs.commands import build
    from mkdocs.config import load_config

    assert Path(content_model.__file__).is_relative_to(HOOKS), content_model.__file__
    lines: list[str] = []

    class _Printed(logging.Handler):
        def emit(self, record):
            lines.append(f"{record.levelname} - {record.getMessage()}")

    printed, logger = _Printed(logging.WARNING), logging.getLogger("mkdocs")
    logger.addHandler(printed)
    returncode = 0
    try:
        config = load_config(str(project / "mkdocs.yml"), strict=True, site_dir=str(site_dir))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build.build(config)
        finally:
            config.plugins.on_shutdown()
    except exceptions.Abort as abort:
        returncode = 1
        lines.append(abort.format_message())
    except exceptions.MkDocsException as error:  # what the command prints as 'Error: ...'
        returncode = 1
        lines.append(f"Error: {error.format_message()}")
    except Exception:
        returncode = 1
        lines.append(traceback.format_exc())
    finally:
        logger.removeHandler(printed)
    return subprocess.CompletedProcess(["mkdocs build --strict (in process)"], returncode, "\n".join(lines) + "\n", "")


def _hooks_differ(project: Path) -> bool:
    """Whether a copy's hooks/ differs from the real project's (in-process builds use the real one)."""
    mine, theirs = HOOKS, project / "hooks"
    names = lambda folder: sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                                  if p.is_file() and "__pycache__" not in p.parts)
    return names(mine) != names(theirs) or any(
        (mine / name).read_bytes() != (theirs / name).read_bytes() for name in names(mine))


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per test run and shared by every xdist worker (TEST_SITE_DIR
    reuses one built by hand). Tests only read it; build_error copies it as the previous site."""
    if os.environ.get("TEST_SITE_DIR"):
        built = Path(os.environ["TEST_SITE_DIR"])
    else:
        built = _built_once(_shared_folder(tmp_path_factory))
    _session_site[:] = [built]
    return built


_session_site: list[Path] = []


def _built_once(shared: Path, name: str = "site", build=None, timeout: float = 800) -> Path:
    """Build into `shared`/`name` unless another worker does (or already did): the first to make
    the lock folder builds (`build(out)`, the real site by default), the others wait for its
    outcome and fail with its output if it failed."""
    out, done, failed = shared / name, shared / f"{name}.built", shared / f"{name}.failed"
    _claim_and_build(shared, name, build)
    deadline = time.monotonic() + timeout
    while not done.exists() and not failed.exists():
        if time.monotonic() > deadline:
            pytest.fail(f"another worker's build of {name} did not finish")
        time.sleep(0.2)
    if failed.exists():
        pytest.fail(f"{name} does not build:\n" + failed.read_text(encoding="utf-8"))
    return out


def _build_real_site(shared: Path, folder: Path) -> subprocess.CompletedProcess:
    """The session's site, built from the sources alone: the packs' PDFs and the offline edition a
    person made with `make pdf` or `make offline` (dist/) are left out, as on a fresh clone, so
    that a copy of the project built by a test (which has no dist/) builds the same site."""
    nothing = shared / "no-dist"
    nothing.mkdir(exist_ok=True)
    return run_build(ROOT, folder, {**BUILD_ENV, "TRAINING_PDF_DIR": str(nothing), "OFFLINE_EDITION_DIR": str(nothing)})


def _claim_and_build(shared: Path, name: str, build=None) -> None:
    """Build `name` if no one has claimed it yet, and record how it went (`name`.built or .failed)."""
    try:
        (shared / f"{name}.lock").mkdir()
    except FileExistsError:
        return
    try:
        result = (build or (lambda folder: _build_real_site(shared, folder)))(shared / name)
        output, ok = result.stdout + result.stderr, result.returncode == 0
    except Exception as error:  # recorded, so that no one waits for a build that died
        output, ok = repr(error), False
    except BaseException as error:  # the test's timeout or Ctrl+C: recorded too, then let through
        (shared / f"{name}.failed").write_text(repr(error), encoding="utf-8")
        raise
    (shared / f"{name}.{'built' if ok else 'failed'}").write_text(output, encoding="utf-8")


def pytest_collection_finish(session):
    """Start the shared site's build as soon as the run knows that a test needs it: the workers
    run the tests that need no built site meanwhile, instead of waiting at the first that does."""
    if os.environ.get("TEST_SITE_DIR") or session.config.option.collectonly:
        return
    if not any({"site", "project"} & set(getattr(item, "fixturenames", ())) for item in session.items):
        return
    factory = session.config._tmp_path_factory  # what the tmp_path_factory fixture hands out
    threading.Thread(target=_claim_and_build, args=(_shared_folder(factory), "site"), daemon=True).start()


def _shared_folder(tmp_path_factory) -> Path:
    """The folder every xdist worker of this run shares (a run without xdist has its own)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


# ---------------------------------------------------------------------------- servers a test starts


def run_server(command: list[str], cwd: Path, env: dict) -> tuple[subprocess.Popen, list[str]]:
    """A server (mkdocs serve, watchmedo) in a session of its own, so that stop_server reaches
    whatever it starts; its output is read as it comes into the list returned with it (a pipe
    nobody reads fills at 64 KB, and the server stops at its next line)."""
    server = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, start_new_session=True)
    log: list[str] = []
    threading.Thread(target=lambda: [log.append(line) for line in server.stdout], daemon=True).start()
    return server, log


@contextlib.contextmanager
def own_tab(browser, **options):
    """A page in a browser context of its own (a colour scheme, a size: Playwright's context
    options), closed afterwards."""
    context = browser.new_context(**options)
    try:
        yield context.new_page()
    finally:
        context.close()


def free_port() -> int:
    """A loopback port nothing listens on (the system's choice)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serving(server: subprocess.Popen, log: list[str], url: str, seconds: float) -> None:
    """Wait until the server started by run_server answers `url`; fail with its output if it
    exits or does not answer within `seconds`."""
    import urllib.request

    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the server did not answer {url}:\n" + "".join(log))
            time.sleep(0.5)


def stop_server(server: subprocess.Popen, first: int = signal.SIGTERM) -> None:
    """`first` (SIGINT: a writer's Ctrl+C), up to 30 s to stop, then SIGKILL to what is left of
    its session (watchmedo's server, if watchmedo went first)."""
    server.send_signal(first)
    with contextlib.suppress(subprocess.TimeoutExpired):
        server.wait(timeout=30)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)
    server.wait(timeout=10)


def page_markup(page) -> str:
    """The page's markup, or "" while it is between two documents: page.content() has no timeout,
    and a live reload that never settles would hold the test for good."""
    from playwright.sync_api import Error as PlaywrightError

    try:
        return page.locator("html").inner_html(timeout=5000)
    except PlaywrightError:
        return ""


# ---------------------------------------------------------------------------- the published site

PUBLISHED_URL = "https://example.org/trata/"
CORRECTIONS_ADDRESS = "correcciones@example.org"
# Who publishes it (SITE_PUBLISHER, SITE_PUBLISHER_CONTACT): a name with characters HTML must escape.
PUBLISHER_NAME = 'Red "Ejemplo" & Asociados'
PUBLISHER_CONTACT = "https://example.org/quienes-somos"
PACK_MODULE = "capacitacion/que-es-la-trata"
# Files saved with a byte-order mark and Windows line ends (test_reading_files.py).
WINDOWS_FILES = ("docs/politica/cultura-rechazo.es.md", "docs/politica/cultura-rechazo.en.md", "docs/acerca.es.md",
                 "docs/capacitacion/_revelacion.es.md", f"docs/{PACK_MODULE}/actividades.en.md")


@dataclass
class Published:
    site: Path
    pdfs: Path       # stand-in PDFs, one per module and language (their bytes name them)
    edition: Path    # the offline edition's zip
    checksum: str


@pytest.fixture(scope="session")
def published(tmp_path_factory) -> Published:
    """One build of a copy of the project as a publisher sets it up, shared by the tests that each
    needed a build of their own (a build is the slow part of a test run): `SITE_URL` set, an
    offline edition and the packs' PDFs beside it (stand-ins), a corrections address in mkdocs.yml,
    a publisher and its contact (SITE_PUBLISHER, SITE_PUBLISHER_CONTACT),
    an edit to one module's plan and handout (the pack must show it), and three files saved
    with a byte-order mark and Windows line ends. Each test reads what it is about."""
    shared = _shared_folder(tmp_path_factory)
    folder = shared / "published-project"
    version = site_edition()["version"]
    edition = folder / "dist" / f"politica-trata-{version}.zip"

    def build(out: Path) -> subprocess.CompletedProcess:
        folder.mkdir()
        project = copy_project(folder / "project")
        edition.parent.mkdir()
        edition.write_bytes(b"a zip")
        (edition.parent / f"{edition.name}.sha256").write_text(
            f"{hashlib.sha256(b'a zip').hexdigest()}  {edition.name}\n", encoding="utf-8")
        pdfs = folder / "pdf"
        pdfs.mkdir()
        for name in pdf_names():
            (pdfs / name).write_bytes(b"%PDF-1.4 " + name.encode())
        edit(project / "mkdocs.yml", 'address: !ENV [CORRECTIONS_ADDRESS, ""]', f"address: {CORRECTIONS_ADDRESS}")
        edit(project / f"docs/{PACK_MODULE}/plan.es.md", "Los horarios cuentan desde el inicio de la sesión.",
             "Los horarios cuentan desde el inicio de la sesión. Texto nuevo del plan.")
        edit(project / f"docs/{PACK_MODULE}/plan.es.md", 'title: "Pausa"', 'title: "Pausa con café"')
        edit(project / f"docs/{PACK_MODULE}/hoja.en.md", "Keep it and share it.", "Keep it, share it, pin it up.")
        for name in WINDOWS_FILES:
            text = (project / name).read_text(encoding="utf-8")
            (project / name).write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
        return subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)], cwd=project,
            env={**BUILD_ENV, "SITE_URL": PUBLISHED_URL, "OFFLINE_EDITION_DIR": str(edition.parent),
                 "TRAINING_PDF_DIR": str(pdfs), "SITE_PUBLISHER": PUBLISHER_NAME,
                 "SITE_PUBLISHER_CONTACT": PUBLISHER_CONTACT},
            capture_output=True, text=True, timeout=600)

    site = _built_once(shared, "published-site", build)
    return Published(site=site, pdfs=folder / "pdf", edition=edition, checksum=hashlib.sha256(b"a zip").hexdigest())


# ---------------------------------------------------------------------------- the offline edition


@pytest.fixture(scope="session")
def offline_package(tmp_path_factory) -> Path:
    """The zip, made once per run by the command `make offline` runs, with the packs' PDFs
    (stand-ins: `make pdf` and its PDFs are tested in test_pdf.py)."""
    shared = _shared_folder(tmp_path_factory)

    def build(out: Path) -> subprocess.CompletedProcess:
        pdfs = shared / "offline-pdf"
        pdfs.mkdir()
        for name in pdf_names():
            (pdfs / name).write_bytes(b"%PDF-1.4 " + name.encode())
        return subprocess.run([sys.executable, str(ROOT / "deploy" / "offline-edition.py"), "--out", str(out),
                               "--require-pdfs"], cwd=ROOT, env={**BUILD_ENV, "TRAINING_PDF_DIR": str(pdfs)},
                              capture_output=True, text=True, timeout=600)

    out = _built_once(shared, "offline", build)
    return out / f"politica-trata-{site_edition()['version']}.zip"


@pytest.fixture(scope="session")
def offline_edition(offline_package, tmp_path_factory) -> Path:
    """The edition unzipped into an empty folder, as a reader would; returns its top folder."""
    import zipfile

    target = tmp_path_factory.mktemp("usb-stick")
    with zipfile.ZipFile(offline_package) as archive:
        archive.extractall(target)
    return target / offline_package.stem


@pytest.fixture(scope="session")
def pdfs(site, tmp_path_factory) -> Path:
    """The packs' PDFs, written once per run (shared by the workers) by the command `make pdf`
    runs, from the site the other tests read: test_pdf.py reads the files, test_print.py the
    full packs' sheets (printing them again in its own tab cost as much as printing them here)."""
    def build(out: Path) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, str(ROOT / "deploy" / "training-pdf.py"), "--site", str(site),
                               "--out", str(out)], cwd=ROOT, env=BUILD_ENV, capture_output=True, text=True, timeout=700)

    return _built_once(_shared_folder(tmp_path_factory), "pdf", build)


def pdf_names() -> list[str]:
    import content_model
    import training as training_hook

    site = content_model.load_site(ROOT / "docs")
    return [name for language in LANGUAGES for module in site.training[language].modules
            for name in training_hook.pdf_names(module)]


@functools.lru_cache(maxsize=None)
def _parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def html(site: Path, url: str) -> BeautifulSoup:
    """A built page by its site-relative URL ('politica/', 'en/politica/'). Parsed once and shared
    between tests: a test that removes elements must work on a copy."""
    path = site / url / "index.html" if not url.endswith(".html") else site / url
    return _parse(path)


def pdf_sheets(pdf: Path | bytes) -> tuple[str, ...]:
    """Each sheet's text, as PDFium reads it (pypdfium2: some twenty times faster than pypdf on the
    packs), NFKC-normalised, lines ended by '\\n'. PDFium gives the hyphen where a line breaks a word
    as U+0002: given back as '-', as the sheet shows it. The margin boxes' text (page number,
    module) comes first, in the order the page draws it."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        sheets = []
        for page in document:
            text = page.get_textpage().get_text_bounded()
            sheets.append(unicodedata.normalize("NFKC", text.replace("\r\n", "\n").replace("\x02", "-")))
        return tuple(sheets)
    finally:
        document.close()


def pdf_sizes(pdf: Path | bytes) -> list[tuple[float, float]]:
    """Each sheet's (width, height) in PostScript points."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return [tuple(page.get_size()) for page in document]
    finally:
        document.close()


def built_pages(site: Path) -> list[Path]:
    """Every built HTML page of both languages (the 404 pages included)."""
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.parts)


def language_of_page(site: Path, path: Path) -> str:
    return "en" if path.relative_to(site).parts[0] == "en" else "es"


def site_edition() -> dict:
    """The edition in mkdocs.yml (`extra.edition`: version and date), so no test pins a number."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    return config["extra"]["edition"]


# ---------------------------------------------------------------------------- the assets table

# Our stylesheets and scripts as the build names them (hooks/asset_bundle.py): name, content hash, ext.
ASSET_FILE = re.compile(r"assets/(?:stylesheets|javascripts)/(?P<name>[a-z_-]+)\.[0-9a-f]{8}\.min\.(?P<ext>css|js)$")


def _assets_table() -> list[dict]:
    """`extra.assets` in mkdocs.yml, read apart from the rest (whose tags need MkDocs)."""
    import yaml

    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = re.search(r"^  assets:\n(?:(?:    .*)?\n)+", text, re.MULTILINE).group(0)
    return yaml.safe_load(block)["assets"]


ASSETS_TABLE = _assets_table()
FIRST_PAINT = "before the first paint"   # a row's `when` for every page's script run before it is painted


@dataclasses.dataclass(frozen=True)
class Markup:
    """A built page as lxml's HTML parser reads it (a tenth of a second for every page of the site,
    where BeautifulSoup takes seconds): its tree, and the classes and attributes its elements hold,
    which is all a row of the assets table can ask for (`[attribute]` or `.class`)."""
    tree: object
    classes: frozenset[str]
    attributes: frozenset[str]

    def holds(self, selector: str) -> bool:
        if selector.startswith("[") and selector.endswith("]"):
            return selector[1:-1] in self.attributes
        assert selector.startswith("."), f"the table's selectors are [attribute] or .class: {selector}"
        return selector[1:] in self.classes


def markup(text: str) -> Markup:
    import lxml.html

    tree = lxml.html.document_fromstring(text)
    classes, attributes = set(), set()
    for element in tree.iter():
        if isinstance(element.tag, str):   # not a comment
            attributes.update(element.attrib)
            classes.update((element.get("class") or "").split())
    return Markup(tree, frozenset(classes), frozenset(attributes))


def expected_files(page: Markup) -> dict[str, list[str]]:
    """The files a built page should link, by extension, from the table and what the page holds
    (test_assets.py, and test_budgets.py for what Chromium asks for): the script run before the
    first paint (in the header, so first), the shared `site` file, then one file joining the rows
    the page needs, their names in the table's order with `_`."""
    needed = {"css": [], "js": []}
    for row in ASSETS_TABLE:
        if row["when"] in ("every page", FIRST_PAINT):
            continue
        if any(page.holds(selector) for selector in row["when"]):
            name, ext = row["file"].rsplit("/", 1)[1].rsplit(".", 1)
            needed[ext].append(name)
    first = {"css": [], "js": ["first-paint"] if any(row["when"] == FIRST_PAINT for row in ASSETS_TABLE) else []}
    return {ext: first[ext] + ["site"] + (["_".join(names)] if names else []) for ext, names in needed.items()}


# ---------------------------------------------------------------------------- fixture projects


@pytest.fixture
def project(tmp_path, request):
    """A copy of the real project to break on purpose: the bad-input tests edit it. The real
    site is built when a test first asks for the previous site (build_error builds each broken
    copy over it), so that a test that only loads the content model (load_error) never waits
    for it. Removed after the test: a run makes some 200 copies, and pytest deletes the folders
    of older runs as it exits."""
    _site_of_test[:] = [lambda: request.getfixturevalue("site")]
    yield copy_project(tmp_path / "project")
    _site_of_test.clear()
    shutil.rmtree(tmp_path / "project", ignore_errors=True)


_site_of_test: list = []   # how the running test gets the session's site (the `project` fixture)


def copy_project(copy: Path) -> Path:
    """The real project's sources (mkdocs.yml, hooks/, overrides/, docs/) copied into `copy`, by
    cp (a fifth of shutil.copytree's time for the 400 files; some 200 copies a run), without
    Python's caches. Real copies: a test writes into them."""
    copy.mkdir()
    subprocess.run(["cp", "-R", "--preserve=mode,timestamps",
                    *(str(ROOT / name) for name in ("mkdocs.yml", "hooks", "overrides", "docs")), str(copy)], check=True)
    for cache in sorted((copy / "hooks").rglob("__pycache__"), reverse=True):
        shutil.rmtree(cache)
    return copy


def previous_site() -> Path:
    """What `site/` holds before a broken build: the session's real site, built the first time a
    test of the `project` fixture asks (before any broken copy is built over it)."""
    if not _session_site:
        assert _site_of_test, "use the 'project' fixture (it gives the real site as the previous one)"
        _site_of_test[0]()
    return _session_site[0]


def snapshot(folder: Path) -> dict[str, str]:
    """Every file and folder under `folder`, by relative path: a file's SHA-256, a folder's '/'."""
    found = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        found[relative] = "/" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@functools.lru_cache(maxsize=None)
def _previous_snapshot(folder: str) -> dict[str, str]:
    """The session site's snapshot, taken once, before any broken build runs over a link to it."""
    return snapshot(Path(folder))


def build_errors(project: Path, command_line: bool = False) -> list[str]:
    """Build a broken project over a real previous site; assert it stops cleanly, leaves that site
    byte for byte as it was and no temporary folder beside it, and return its messages, each once
    (the ERROR lines, or the strict-mode WARNINGs when MkDocs itself stops the build).

    The build runs in this process (build_in_process) unless `command_line` asks for the real
    command, as a person runs it, or the copy's hooks/ was edited (its packages would not be seen)."""
    site_dir = project / "site"
    # Hard links: some 100 broken builds a run, and a copy wrote 15 MB each. A build that wrote
    # into a file in place would change the session's site too, and differ from its snapshot.
    shutil.copytree(previous_site(), site_dir, copy_function=os.link)
    before = _previous_snapshot(str(previous_site()))
    siblings = sorted(p.name for p in project.iterdir())
    if command_line or _hooks_differ(project):
        result = run_build(project, site_dir)
    else:
        result = build_in_process(project, site_dir)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    assert snapshot(site_dir) == before, "the previous site was touched"
    assert sorted(p.name for p in project.iterdir()) == siblings, "a half-built site was left beside it"
    errors = [line for line in output.splitlines() if line.startswith("ERROR")]
    if not errors:
        errors = [line for line in output.splitlines() if line.startswith("WARNING")]
    errors = list(dict.fromkeys(errors))  # MkDocs repeats a nav warning in each language's pass
    assert errors, output
    return [error.split("-", 1)[1].strip() for error in errors]


def build_error(project: Path, command_line: bool = False) -> str:
    """build_errors for a project broken in one place: its one message."""
    errors = build_errors(project, command_line)
    assert len(errors) == 1, errors
    return errors[0]


def load_error(project: Path) -> str:
    """The one message the content model stops with on a copy whose docs/ is broken, read as
    hooks/content.py's `on_pre_build` reads it (`content_model.load_site`, before anything is
    written), without the build around it: a fifth of the time. What the build adds to such a
    message (printed once, no traceback, the previous site untouched, no half-built folder) is
    proven on the same kinds of mistake by the build_error cases of test_content_errors.py. A
    mistake the content model does not see fails here: build it with build_error."""
    import content_model

    with pytest.raises(content_model.ContentError) as raised:
        content_model.load_site(project / "docs", directory_urls=True)
    message = str(raised.value)
    # One message on one line, naming the file (of docs/, or the data file of hooks/data/) and one fix.
    assert "\n" not in message and message.count(". Fix: ") == 1, message
    assert re.match(r"(docs|hooks/data)/\S", message), message
    return message


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def each_mistake(cases: list[tuple[str, str, str, str, str]]):
    """Parametrise a test over a table of front-matter mistakes, each (id, the page under the
    project, the text replaced, its replacement, the message): the test's arguments are
    `page, old, new, message`, and it calls `mistake_stops_the_model(project, page, old, new, message)`."""
    return pytest.mark.parametrize("page, old, new, message", [case[1:] for case in cases],
                                   ids=[case[0] for case in cases])


def mistake_stops_the_model(project: Path, page: str, old: str, new: str, message: str) -> None:
    edit(project / page, old, new)
    assert load_error(project) == message


# ---------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def server(site) -> str:
    """The built site on a loopback port (deploy/loopback.py, which `make pdf` prints from too);
    returns its base URL with a trailing slash."""
    from deploy.loopback import serve

    with serve(site) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run 'sudo apt-get install chromium' (make test does it as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """A browser tab that records what the page asked for and complained about."""

    page: object
    base: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def goto(self, url: str):
        return self.page.goto(self.base + url.lstrip("/"), wait_until="load")

    def outside_requests(self) -> list[str]:
        return outside_requests(self.base, self.requests)


def outside_requests(base: str, urls: list[str]) -> list[str]:
    """The network addresses among `urls` that are not on `base`'s host and port."""
    origin = urlsplit(base).netloc
    return [u for u in urls if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != origin]


class SharedContext:
    """One browser context for the tests of a module that ask for the same kind of tab, a fresh
    page (tab) for each test: a context costs 0.2 s or more to make and to close, about as much
    as the page load a test waits for, across some 400 tests.

    What a test leaves in the context is cleared, or the context goes: its pages (a popup too)
    close; going offline and granted permissions are undone; and if the test leaves a cookie or
    anything in localStorage (the palette choice), or ends away from the site (where its storage
    cannot be read cheaply), the context is closed and the next test gets a new one. A page's
    history, sessionStorage, viewport, emulated media and routes die with the page. The HTTP
    cache is shared, as a reader's is between pages. A test that installs a fake clock
    (context.clock), a context-wide route or init script asks for `@pytest.mark.fresh_context`."""

    def __init__(self, browser, options: dict):
        self.browser, self.options, self.context = browser, options, None

    def new_page(self, fresh: bool = False):
        if fresh:
            self.discard()
        if self.context is None:
            self.context = self.browser.new_context(**self.options)
        return self.context.new_page()

    def release(self, page, base: str, fresh: bool = False) -> None:
        context = self.context
        try:
            clean = (not fresh and not page.is_closed() and page.url.startswith(base)
                     and not context.cookies() and page.evaluate("localStorage.length") == 0)
        except Exception:  # a page that cannot answer (closing, crashed): a new context
            clean = False
        if not clean:
            self.discard()
            return
        for other in list(context.pages):
            other.close()
        context.set_offline(False)
        context.clear_permissions()  # those the test granted; the context's own are granted again
        if self.options.get("permissions"):
            context.grant_permissions(self.options["permissions"])

    def discard(self) -> None:
        if self.context is not None:
            self.context.close()
            self.context = None


DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


@pytest.fixture(scope="module")
def shared_contexts(browser):
    """The module's shared contexts, one per kind of tab (a dict of options, as a key)."""
    made: dict[str, SharedContext] = {}

    def shared(options: dict) -> SharedContext:
        key = repr(sorted(options.items()))
        if key not in made:
            made[key] = SharedContext(browser, options)
        return made[key]

    yield shared
    for context in made.values():
        context.discard()


@contextlib.contextmanager
def shared_tab(request, shared_contexts, base: str, options: dict):
    """A fresh page in the module's context for `options` (see SharedContext), for a test that
    ends on `base` (the server's address, or a folder's file:// address)."""
    fresh = request.node.get_closest_marker("fresh_context") is not None
    holder = shared_contexts(options)
    page = holder.new_page(fresh)
    try:
        yield page
    finally:
        holder.release(page, base, fresh)


def _recorded(page, base: str, page_errors: bool = True) -> Visit:
    record = Visit(page=page, base=base)
    page.on("request", lambda request: record.requests.append(request.url))
    page.on("console", lambda msg: msg.type == "error" and record.console_errors.append(msg.text))
    if page_errors:
        page.on("pageerror", lambda error: record.console_errors.append(str(error)))
    return record


@pytest.fixture
def visit(request, shared_contexts, server):
    """A desktop tab, 1280 x 900."""
    with shared_tab(request, shared_contexts, server, DESKTOP) as page:
        yield _recorded(page, server)


@pytest.fixture
def phone(request, shared_contexts, server):
    """A 360 px wide phone."""
    with shared_tab(request, shared_contexts, server, PHONE) as page:
        yield _recorded(page, server, page_errors=False)


# What every page a test loads is held to (test_browser_safety.py, test_budgets.py): no console
# error, no Content-Security-Policy violation, no request to another site, the page itself a 200.
RECORD_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@dataclass
class PageWatch:
    """What a page did while it loaded and went idle: see watch_page."""

    base: str
    statuses: list[int] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)

    def outside_requests(self) -> list[str]:
        return outside_requests(self.base, self.requests)


def watch_page(page, base: str, watched: PageWatch | None = None):
    """Record on `page` what RECORD_CSP and the page's events tell; returns the PageWatch and the
    function that reads the page's CSP record once it has gone idle (bench.first_load's `watch`)."""
    watched = watched or PageWatch(base)
    page.add_init_script(RECORD_CSP)
    page.on("response", lambda r: r.request.is_navigation_request() and watched.statuses.append(r.status))
    page.on("request", lambda request: watched.requests.append(request.url))
    page.on("console", lambda msg: msg.type == "error" and watched.console_errors.append(msg.text))
    page.on("pageerror", lambda error: watched.console_errors.append(str(error)))

    def after_idle(page):
        watched.csp_violations = page.evaluate("window.__cspViolations")

    return watched, after_idle


# The quick exit's destination. It is answered inside the browser (fake_neutral_site): no
# request leaves the machine.
NEUTRAL_SITE = "https://www.google.com/"


def fake_neutral_site(page):
    """The quick exit's destination, answered inside the browser: no request leaves the machine."""
    page.route(NEUTRAL_SITE + "**", lambda route: route.fulfill(status=200, content_type="text/html",
                                                                body="<title>neutral</title><p>neutral</p>"))


def wait_until(page, expression: str, timeout: float = 10.0):
    """Poll a JavaScript expression until it is truthy.

    Playwright's `wait_for_function` evaluates its predicate with `eval`, which the site's
    Content-Security-Policy rightly forbids; `evaluate` goes through the debugger and is not.
    """
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {expression}")
        page.wait_for_timeout(50)


def wait_for_transitions(page, timeout: float = 10.0):
    """Wait until no CSS transition is running (the phone menu or one of its levels sliding in or
    out): a fixed pause is too long on an idle machine and can be too short on a loaded one.
    getAnimations() brings the styles up to date first, so a transition just caused is seen."""
    wait_until(page, "document.getAnimations().every(a => !(a instanceof CSSTransition) || a.playState !== 'running')",
               timeout)


# At each Tab's keyup the page runs the probe and keeps what it returns; once the walk is over
# (the probe returned null or {again}, or the last press was counted) the presses still on their
# way are stopped at keydown, so the focus stays where the walk ended.
_RECORD_TAB_WALK = """([probe, limit]) => {
  const walk = window.__tabWalk = {found: [], over: false};
  addEventListener('keydown', event => { if (event.key === 'Tab' && walk.over) event.preventDefault(); }, true);
  addEventListener('keyup', event => {
    if (event.key !== 'Tab' || walk.over) return;
    const found = probe();
    walk.found.push(found);
    walk.over = found === null || 'again' in found || walk.found.length >= limit;
  }, true);
}"""
# Tab as Playwright's keyboard.press("Tab") sends it: down, then up.
_TAB_EVENTS = [{"type": kind, "key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9, "nativeVirtualKeyCode": 9}
               for kind in ("rawKeyDown", "keyUp")]
_TABS_AT_ONCE = 20


def walk_with_tab(page, probe: str, limit: int) -> list:
    """Press Tab until the focus leaves the page, or `limit` times; return what the JavaScript
    function `probe` (no arguments) found after each press, in order. A `null` or an object with
    `again` from the probe ends the walk and is the list's last item.

    The presses go to Chromium twenty at a time, as a quick typist's would, and the probe runs in
    the page at each keyup: a round trip per press and another per probe made the keyboard tests
    the slowest part of the suite. Playwright's sync API waits for each command's answer, so the
    presses are sent through the DevTools session with its async core (`_impl_obj`, `_sync`:
    internals of the version pinned in requirements.txt)."""
    import asyncio

    page.evaluate(f"({_RECORD_TAB_WALK})([{probe}, {int(limit)}])")
    session = page.context.new_cdp_session(page)
    send = session._impl_obj.send

    async def press(times: int):
        # A DevTools command has no timeout of its own: a renderer that never answers (the tab
        # left for another document) would hold the walk for good.
        await asyncio.wait_for(asyncio.gather(*(send("Input.dispatchKeyEvent", event, None)
                                                for _ in range(times) for event in _TAB_EVENTS)), 30)

    try:
        pressed = 0
        while pressed < limit:
            times = min(_TABS_AT_ONCE, limit - pressed)
            session._sync(press(times))
            pressed += times
            if page.evaluate("window.__tabWalk.over"):
                break
    finally:
        session.detach()
    return page.evaluate("window.__tabWalk.found")


def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page, as 'rule: target' lines."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag",
                                                   "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    found = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            found.append(f"{violation['id']}: {node['target']}")
    return found


# WCAG's contrast ratio between two colours, and the colour an element sits on: the backgrounds
# of the element under a point and its ancestors, composed (what the eye sees around the ring).
CONTRAST_TOOLS = """
  const parse = c => { const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
  const backgroundOf = start => {
    const layers = [];
    for (let e = start; e; e = e.parentElement) {
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg[3] > 0) layers.push(bg);
      if (bg[3] === 1) break;
    }
    let back = parse(getComputedStyle(document.body).backgroundColor);
    if (back[3] < 1) back = [255, 255, 255, 1];
    for (const layer of layers.reverse()) back = over(layer, back);
    return back;
  };
  const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (x, y) => { const [a, b] = [lum(x), lum(y)].sort((p, q) => q - p); return (a + 0.05) / (b + 0.05); };
"""

# An element's own text colour against the background it sits on (composed over its ancestors'),
# and what WCAG asks of text of its size: axe-core's rule, for an element as it looks now.
_OWN_CONTRAST = """el => {""" + CONTRAST_TOOLS + """
  const back = backgroundOf(el), fore = over(parse(getComputedStyle(el).color), back);
  const style = getComputedStyle(el), size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
  return {ratio: ratio(fore, back), needed: size >= 24 || (bold && size >= 18.66) ? 3 : 4.5};
}"""


def own_contrast_failures(page, selector: str) -> list[str]:
    """The contrast of one element's text on its own background, as it looks now (focused,
    hovered), without injecting axe-core (0.5 MB a page): for an element with a background of
    its own, such as the skip links."""
    page.evaluate("document.getAnimations().forEach(a => { try { a.finish(); } catch (e) {} })")
    own = page.locator(selector).evaluate(_OWN_CONTRAST)
    return [f"{selector}: contrast {own['ratio']:.2f}:1, needs {own['needed']}:1"] if own["ratio"] < own["needed"] else []


def contrast_failures(page, selector: str) -> list[str]:
    """Colour contrast of one element as it looks now (focused, hovered): axe-core's rule, and
    where axe cannot tell the background (a fixed skip link over the banner), own_contrast_failures."""
    from axe_playwright_python import base as axe_package

    page.evaluate("document.getAnimations().forEach(a => { try { a.finish(); } catch (e) {} })")
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(axe_package.AXE_SCRIPT)
    results = page.evaluate("""s => axe.run(document.querySelector(s), {runOnly: ['color-contrast']})
        .then(r => ({violations: r.violations.flatMap(v => v.nodes.map(n => n.any[0].message)),
                     incomplete: r.incomplete.length > 0}))""", selector)
    failures = results["violations"]
    if results["incomplete"]:
        failures += own_contrast_failures(page, selector)
    return failures


# ---------------------------------------------------------------------------- test groups

# Files whose every test needs a server process of its own (nginx, `mkdocs serve`, the offline
# edition's zip): they stay out of `make test-fast` with the browser tests.
_SERVER_FILES = {"test_nginx.py", "test_serve.py", "test_serve_reload.py", "test_offline.py"}
# Fixtures that start Chromium or a server: `server` (axe runs its own Chromium against it) and
# test_pdf.py's `pdfs`, which Chromium prints.
_BROWSER_FIXTURES = {"browser", "server", "pdfs"}
# Fixtures that build the whole site once more, differently set up (the shared `site` is built
# once for everything); tests that build it themselves are marked `whole_build` where they are.
_WHOLE_BUILD_FIXTURES = {"published", "offline_package", "offline_edition", "injected_site"}


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives Chromium or starts a server (left out of make test-fast)")
    config.addinivalue_line("markers", "whole_build: builds the whole site once more, beyond the shared build "
                                       "(left out of make test-fast)")
    config.addinivalue_line("markers", "built_site: reads the pages of the shared build (left out of make test-fast)")
    config.addinivalue_line("markers", "fresh_context: the test's tab gets a browser context of its own "
                                       "(it changes what the module's shared context would keep)")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """The last resort behind pytest-timeout (`--timeout`, make test): its alarm fires once, and a
    test's teardown after it, or an alarm that an event loop's callback swallowed, could still wait
    for good (pytest's own faulthandler_timeout is cancelled once a test has failed). Past the
    timeout and two minutes more, the worker prints every thread's stack and exits; pytest-xdist
    reports the test as crashed and goes on with a new worker."""
    timeout = item.config.getoption("timeout", None)
    if not timeout:
        yield
        return
    watchdog = threading.Timer(float(timeout) + 120, _end_a_stuck_worker, args=(item.nodeid,))
    watchdog.daemon = True
    watchdog.start()
    try:
        yield
    finally:
        watchdog.cancel()


def _end_a_stuck_worker(nodeid: str) -> None:
    print(f"\n{nodeid} is stuck past its timeout: every thread's stack, then this worker ends", file=sys.__stderr__)
    faulthandler.dump_traceback(file=sys.__stderr__, all_threads=True)
    os._exit(70)


def pytest_collection_modifyitems(config, items):
    """Mark what drives Chromium or a server as `browser`, what needs a whole build of its own as
    `whole_build`, and what reads the built pages as `built_site`, so that `make test-fast` keeps
    the content model, the renderers and the content-error cases (which build broken copies of
    the project over the shared site: `project`)."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if _BROWSER_FIXTURES & fixtures or item.path.name in _SERVER_FILES:
            item.add_marker(pytest.mark.browser)
        if _WHOLE_BUILD_FIXTURES & fixtures:
            item.add_marker(pytest.mark.whole_build)
        if "site" in fixtures and "project" not in fixtures:
            item.add_marker(pytest.mark.built_site)
