"""Shared fixtures: the real site built once, a local server, one Chromium for all browser tests."""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
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
LANGUAGES = ("es", "en")

# Tests import the content model exactly as the hooks do, and bench/ as `make bench` does.
for _folder in (HOOKS, ROOT):
    if str(_folder) not in sys.path:
        sys.path.insert(0, str(_folder))

BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """The real `mkdocs build --strict`, as a person runs it."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=BUILD_ENV, capture_output=True, text=True, timeout=600,
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


def _built_once(shared: Path, name: str = "site", build=None, timeout: float = 1200) -> Path:
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


def _claim_and_build(shared: Path, name: str, build=None) -> None:
    """Build `name` if no one has claimed it yet, and record how it went (`name`.built or .failed)."""
    try:
        (shared / f"{name}.lock").mkdir()
    except FileExistsError:
        return
    try:
        result = (build or (lambda folder: run_build(ROOT, folder)))(shared / name)
        output, ok = result.stdout + result.stderr, result.returncode == 0
    except Exception as error:  # recorded, so that no one waits for a build that died
        output, ok = repr(error), False
    (shared / f"{name}.{'built' if ok else 'failed'}").write_text(output, encoding="utf-8")


def pytest_collection_finish(session):
    """Start the shared site's build as soon as the run knows that a test needs it: the workers
    run the tests that need no built site meanwhile, instead of waiting at the first that does."""
    if os.environ.get("TEST_SITE_DIR") or session.config.option.collectonly:
        return
    if not any("site" in getattr(item, "fixturenames", ()) for item in session.items):
        return
    factory = session.config._tmp_path_factory  # what the tmp_path_factory fixture hands out
    threading.Thread(target=_claim_and_build, args=(_shared_folder(factory), "site"), daemon=True).start()


def _shared_folder(tmp_path_factory) -> Path:
    """The folder every xdist worker of this run shares (a run without xdist has its own)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


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
                               "--out", str(out)], cwd=ROOT, env=BUILD_ENV, capture_output=True, text=True, timeout=900)

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


# ---------------------------------------------------------------------------- fixture projects


@pytest.fixture
def project(tmp_path, site):
    """A copy of the real project to break on purpose: the bad-input tests edit it. The real
    site is built first: build_error builds each broken copy over it. Removed after the test:
    a run makes some 100 copies, and pytest deletes the folders of older runs as it exits."""
    yield copy_project(tmp_path / "project")
    shutil.rmtree(tmp_path / "project", ignore_errors=True)


def copy_project(copy: Path) -> Path:
    """The real project's sources (mkdocs.yml, hooks/, overrides/, docs/) copied into `copy`."""
    copy.mkdir()
    for name in ("mkdocs.yml", "hooks", "overrides", "docs"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / name)
    return copy


def previous_site() -> Path:
    """What `site/` holds before a broken build: the session's real site (the `project` fixture
    asks for it, so it is built before any broken copy is)."""
    assert _session_site, "use the 'project' fixture (it builds the real site first)"
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


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


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
        origin = urlsplit(self.base).netloc
        return [u for u in self.requests
                if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != origin]


@pytest.fixture
def visit(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    record = Visit(page=page, base=server)
    page.on("request", lambda request: record.requests.append(request.url))
    page.on("console", lambda msg: msg.type == "error" and record.console_errors.append(msg.text))
    page.on("pageerror", lambda error: record.console_errors.append(str(error)))
    yield record
    context.close()


@pytest.fixture
def phone(browser, server):
    """A 360 px wide phone."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    record = Visit(page=page, base=server)
    page.on("request", lambda request: record.requests.append(request.url))
    page.on("console", lambda msg: msg.type == "error" and record.console_errors.append(msg.text))
    yield record
    context.close()


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
        await asyncio.gather(*(send("Input.dispatchKeyEvent", event, None)
                               for _ in range(times) for event in _TAB_EVENTS))

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
