"""Renders the training material (issue 5) where the Markdown asks for it.

Markers, each replaced by HTML from `renderers.training`:

- `<!-- training: modules -->`  the table of modules with its filter (the training landing page);
- `<!-- training: overview -->` a module's audience, size, duration, guidelines and parts (its index);
- `<!-- training: plan -->`     the session plan's timed steps (the module's `plan` page, required);
- `<!-- training: short-plan -->` the 45-minute version's steps (the `plan` page, required);
- `<!-- training: disclosure -->` what to do when someone discloses abuse (the `plan` page,
                                required): one shared text per language, `DISCLOSURE` in docs/,
                                which MkDocs does not build as a page of its own (`exclude_docs`);
- `<!-- training: quiz -->`     the interactive quiz (the module's `cuestionario` page, required);
- `<!-- training: pack -->`     the trainer's pack (the module's `paquete` page, required): the
                                plan, activities, the room's signs and cards (`renderers/training_room.py`),
                                handout, quiz (with its answers) and evaluation, read from their own
                                pages at build time (`renderers/training_pack.py`), then the
                                paperwork (`renderers/training_paperwork.py`);
- `<!-- training: short-pack -->` the 45-minute pack (`paquete-45`, required): the 45-minute
                                script (`renderers/training_script.py`), the disclosure guidance and
                                the handout, on four A4 sheets at most;
- `<!-- training: slides -->`   the projector view (the module's `diapositivas` page, required):
                                the full session's deck (`renderers/training_slides.py`);
- `<!-- training: short-slides -->` the 45-minute deck (`diapositivas-45`, required);
- `<!-- training: offline -->` on the training page and the about page: a link to the offline
                                edition's zip with its SHA-256, when the site is built for the web
                                (`SITE_URL`) after `make offline` wrote the zip (dist/, or
                                OFFLINE_EDITION_DIR); the zip is copied into the site (`descargas/`).
                                Otherwise it shows nothing.

What to do when someone discloses is two shared texts per language, shown together at
`<!-- training: disclosure -->`: `DISCLOSURE` (what to do at once) and `REFERRAL` (where to
refer a case from a school or a health post, the same day).

When `make pdf` (or `make build`) has written the packs as PDFs (`TRAINING_PDF_DIR`, by default
dist/pdf), each is copied beside its pack and linked, with its size, from the module's overview,
plan and both packs.

Every page of a module, and the landing page, also gets an empty `.training-page--<kind>`
marker so that CSS can treat it by kind: handouts print on one A4 page, evaluation forms get
lines to write on, each part of a pack starts a new sheet. A module's overview links to its
pack. A marker on a page that cannot show it, a plan, quiz or pack page
without its marker, or a part the pack prints that has no text stops the build.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from mkdocs.utils import get_relative_url

import content_model
from content_model import markers
from content_model import ContentError
from content_model.training import (LANDING, PACK, PACK_CONTENTS, ROOT, SHORT_PACK, SHORT_SLIDES, SLIDES, SLIDES_KIND,
                                    SHORT_SLIDES_KIND, Module)
from renderers import training as render
from renderers import training_pack, training_script, training_slides

# The shared disclosure guidance, one file per language (docs/capacitacion/_revelacion.<lang>.md),
# and the local referral route that follows it (docs/capacitacion/_derivacion.<lang>.md).
DISCLOSURE = f"{ROOT}_revelacion.md"
REFERRAL = f"{ROOT}_derivacion.md"
# The print stylesheet that names the module on each printed sheet, made at every build and
# bundled with the module pages' other styles (its row in mkdocs.yml's extra.assets).
PRINT_NAMES = "assets/css/training-print.css"
# The offline edition's file name (deploy/offline-edition.py writes it), and where the site offers it.
EDITION_NAME = "politica-trata-{version}"
EDITION_FOLDER = "descargas/"
# The pages that may offer the offline edition: the training page and the about page.
EDITION_PAGES = (LANDING, "acerca.md")


# Before the site folder is cleaned, so that a mistake leaves the previous site whole: every
# marker is known and on a page that can show it, every plan, quiz and pack page has its marker,
# and every part a pack prints has text, in both languages.
def on_pre_build(config, **kwargs):
    site = content_model.site_for(config)
    for file_src_uri, found_markers in site.markers.items():
        src_uri, language = content_model.unlocalised(file_src_uri)
        found = site.training[language].part_for(file_src_uri)
        for marker in found_markers:
            if marker.family == "training":
                _check_marker(marker.name, src_uri, language, found)
    for language in content_model.LANGUAGES:
        for module in site.training[language].modules:
            for part in (*module.parts, *module.generated):
                name = content_model.localised(part.src_uri, language)
                used = [marker.name for marker in site.markers.get(name, ()) if marker.family == "training"]
                _check_required(part.kind, used, content_model.shown(part.src_uri, language))
            _pack_bodies(module, site)
        disclosure(site, language)


# Replace this page's training markers and mark the page with its part of a module.
def on_page_markdown(markdown, page, config, files, **kwargs):
    language = content_model.language_of(config)
    site = content_model.site_for(config)
    src_uri, _ = content_model.unlocalised(page.file.src_uri)
    found = site.training[language].part_for(page.file.src_uri)
    used: list[str] = []
    markdown = _MARKER.sub(lambda match: _render(match, used, site, language, src_uri, found, page.url,
                                                 config), markdown)
    if found:
        _check_required(found[1].kind, used, content_model.shown(src_uri, language))
        if found[1].kind in (SLIDES_KIND, SHORT_SLIDES_KIND):
            # The projector's page (overrides/slides.html), with a way back to the module.
            page.meta["template"] = "slides.html"
            markdown = training_slides.back_link(found[0], "index.md") + "\n\n" + markdown
        if (found[1].kind == "module" and "overview" not in used) or found[1].kind == "session-plan":
            markdown = _after_lead(markdown, _downloads(found[0], found[1].kind, page.url, config.docs_dir))
        return _block(render.page_class(found[1].kind, found[0].id)) + markdown
    if src_uri == LANDING:
        return _block(render.page_class("landing")) + markdown
    return markdown


# ---------------------------------------------------------------------------- helpers


# The HTML for one marker, after checking that it belongs on this page.
def _render(match, used, site, language, src_uri, found, here, config):
    name = match.group("name")
    docs_dir = config.docs_dir
    used.append(name)
    _check_marker(name, src_uri, language, found)
    if _MARKERS[name] == "training-landing":
        return _block(render.modules(site.training[language].modules, here, language))
    if name == "offline":
        edition = offline_edition(config)
        if not edition:
            return ""
        zip_path, checksum = edition
        return _block(render.offline_link(language, get_relative_url(EDITION_FOLDER + zip_path.name, here),
                                          zip_path.stat().st_size, checksum,
                                          str(config.extra["edition"]["version"])))
    module, _ = found
    if name == "plan":
        return _block(render.plan(module))
    if name == "quiz":
        return _block(render.quiz(module))
    if name == "short-plan":
        bodies = _pack_bodies(module, site)
        return _block(render.plan(module, short=True) + "\n" + training_script.script(module, bodies["activities"]))
    if name == "disclosure":
        return _block(disclosure(site, language))
    if name == "pack":
        return _block(training_pack.pack(module, _pack_bodies(module, site), _extras(module, "pack", here, docs_dir)))
    if name == "short-pack":
        return _block(training_pack.short_pack(module, _pack_bodies(module, site), disclosure(site, language),
                                               _extras(module, "short-pack", here, docs_dir)))
    if name in ("slides", "short-slides"):
        bodies = _pack_bodies(module, site)
        return _block(training_slides.slides(module, bodies["activities"], bodies["handout"], short=name == "short-slides"))
    tree = site.tree(language)
    guidelines = [(tree.get(g).title, tree.get(g).url) for g in module.teaches]
    return _block(render.overview(module, guidelines, here)) + _downloads(module, "module", here, docs_dir)


# A known marker, on a page that can show it (`found`: the page's module and part, if any).
def _check_marker(name, src_uri, language, found):
    where = content_model.shown(src_uri, language)
    belongs = _MARKERS[name]
    if belongs == "edition":
        if src_uri not in EDITION_PAGES:
            raise ContentError(where, None, f"the marker <!-- training: {name} --> belongs on the training or the about page",
                               "move it to " + " or ".join(content_model.shown(page, language) for page in EDITION_PAGES))
        return
    if belongs == "training-landing":
        if src_uri != LANDING:
            raise ContentError(where, None, f"the marker <!-- training: {name} --> belongs on the training page",
                               f"move it to {content_model.shown(LANDING, language)}")
        return
    _, part = found or (None, None)
    if part is None or part.kind != belongs:
        raise ContentError(where, None, f"the marker <!-- training: {name} --> belongs on a module's '{belongs}' page",
                           "remove it, or give the page that kind and a 'module:'")


# A plan, quiz or pack page that forgot its marker would show nothing: stop instead.
def _check_required(kind, used, where):
    for name in _REQUIRED:
        if _MARKERS[name] == kind and name not in used:
            raise ContentError(where, None,
                               f"the {name} is not shown: the page has no <!-- training: {name} --> marker",
                               f"add a line '<!-- training: {name} -->' where the {name} belongs")


# The Markdown of each part a pack prints, front matter removed (as the content model read it: one
# reader for every file); a part with no text stops the build.
def _pack_bodies(module: Module, site) -> dict[str, str]:
    bodies = {}
    for kind in PACK_CONTENTS:
        part = module.part(kind)
        bodies[kind] = site.bodies[content_model.localised(part.src_uri, module.language)]
        bodies[kind] = _DISCLOSURE_MARKER.sub(lambda match: _block(disclosure(site, module.language)), bodies[kind])
        if kind in _PACK_PRINTS_BODY and not _MARKER.sub("", bodies[kind]).strip():
            name = _PACK_PRINTS_BODY[kind]
            raise ContentError(content_model.shown(part.src_uri, module.language), None,
                               f"{name} has no text below its front matter, and the trainer's pack prints it",
                               f"write {name} below the front matter")
    return bodies


# The shared disclosure guidance in one language, then the local referral route, front matter
# removed (as the content model read them); either missing or empty stops the build.
def disclosure(site, language: str) -> str:
    texts = []
    for shared, what in ((DISCLOSURE, "what to do when someone discloses abuse or exploitation"),
                         (REFERRAL, "where to refer a case from a school or a health post, the same day")):
        name = content_model.localised(shared, language)
        where = content_model.shown(shared, language)
        if name not in site.bodies:
            raise ContentError(where, None, "this shared text is missing, and every session plan shows it",
                               f"write {where}: {what}")
        body = site.bodies[name]
        if not body.strip() or _MARKER.search(body):
            raise ContentError(where, None, "this shared text has no text, or holds a training marker",
                               f"write it in {where}, as Markdown without <!-- training: ... --> markers")
        texts.append(body.strip())
    return "\n\n".join(texts)


# A pack's PDF (written by `make pdf`): its name beside the pack's page, for the full pack or
# (`short`) the 45-minute one. The file itself is copied into the site in on_post_build.
def pdf_name(module: Module, short: bool = False) -> str:
    return f"{SHORT_PACK if short else PACK}-{module.id}.{module.language}.pdf"


def pdf_names(module: Module) -> tuple[str, str]:
    return pdf_name(module), pdf_name(module, short=True)


def pdf_folder(docs_dir: str) -> Path:
    """Where the build takes the PDFs from: TRAINING_PDF_DIR, or dist/pdf beside docs/."""
    return Path(os.environ.get("TRAINING_PDF_DIR") or Path(docs_dir).parent / "dist" / "pdf")


def _pdf_source(module: Module, docs_dir: str, short: bool = False) -> Path | None:
    path = pdf_folder(docs_dir) / pdf_name(module, short)
    return path if path.is_file() else None


# The links a module's page gives to the module's other pages and PDFs (training_pack.downloads):
# page links as Markdown link targets (the files beside the page: MkDocs makes the address),
# each PDF, when present, as (its address relative to the page at `here`, its size). A page
# does not link itself; the plan links its own 45-minute section.
def _extras(module: Module, kind: str, here: str, docs_dir: str) -> dict:
    pages = {"plan": "plan.md", "short_plan": "plan.md#version-corta", "slides": f"{SLIDES}.md",
             "short_slides": f"{SHORT_SLIDES}.md", "pack": f"{PACK}.md", "short_pack": f"{SHORT_PACK}.md"}
    own = {"session-plan": "plan", "pack": "pack", "short-pack": "short_pack"}.get(kind)
    extras: dict = {key: target for key, target in pages.items() if key != own}
    if kind == "session-plan":
        extras["short_plan"] = "#version-corta"
    for key, short in (("pdf", False), ("short_pdf", True)):
        source = _pdf_source(module, docs_dir, short)
        if source:
            extras[key] = (get_relative_url(_pdf_url(module, short), here), source.stat().st_size)
    return extras


# The PDFs sit in the module's folder, beside its overview (in either URL layout).
def _pdf_url(module: Module, short: bool = False) -> str:
    return module.url.rsplit("/", 1)[0] + "/" + pdf_name(module, short)


# Where a trainer finds each version of the module, on its overview and its plan.
def _downloads(module: Module, kind: str, here: str, docs_dir: str) -> str:
    return _block(training_pack.downloads(module, _extras(module, kind, here, docs_dir),
                                          print_button="print_page" if kind == "session-plan" else ""))


# The offline edition to offer on the web: (its zip, its SHA-256), or None when the site is not
# built for the web (no SITE_URL), is itself the offline edition, or `make offline` has not run.
def offline_edition(config) -> tuple[Path, str] | None:
    if not config.site_url or config.extra.get("offline_edition"):
        return None
    folder = Path(os.environ.get("OFFLINE_EDITION_DIR") or Path(config.docs_dir).parent / "dist")
    name = EDITION_NAME.format(version=config.extra["edition"]["version"]) + ".zip"
    zip_path, checksum_path = folder / name, folder / f"{name}.sha256"
    if not (zip_path.is_file() and checksum_path.is_file()):
        return None
    checksum = checksum_path.read_text(encoding="utf-8").split()
    return (zip_path, checksum[0]) if checksum and re.fullmatch(r"[0-9a-f]{64}", checksum[0]) else None


# The print stylesheet with every module's name in both languages, handed to the bundle (each
# language's pass hands the same text), and the packs' PDFs, copied into the site beside the modules' overviews.
def on_post_build(config, **kwargs):
    site = content_model.site_for(config)
    language = content_model.language_of(config)
    content_model.hand_to_bundle(config, PRINT_NAMES, render.print_names(
        [module for lang in content_model.LANGUAGES for module in site.training[lang].modules]))
    edition = offline_edition(config)
    if edition and language == content_model.DEFAULT_LANGUAGE:
        target = Path(config.site_dir) / EDITION_FOLDER / edition[0].name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(edition[0], target)
    for module in site.training[language].modules:
        for short in (False, True):
            source = _pdf_source(module, config.docs_dir, short)
            if source:
                target = Path(config.site_dir) / _pdf_url(module, short)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)


# Markdown with a block put after its first paragraph.
def _after_lead(markdown: str, block: str) -> str:
    lead, _, rest = markdown.strip().partition("\n\n")
    return lead + block + rest


# Generated HTML as a Markdown block of its own.
def _block(html: str) -> str:
    return f"\n\n{html}\n\n"


# ---------------------------------------------------------------------------- data

_MARKER = markers.pattern("training")
_DISCLOSURE_MARKER = re.compile(r"^[ \t]*<!--[ \t]*training[ \t]*:[ \t]*disclosure[ \t]*-->[ \t]*$", re.MULTILINE)

# Each marker, and the page it belongs on: the landing page or a module part's kind (content_model.markers).
_MARKERS = {name: kinds[0] for name, kinds in markers.KNOWN["training"].items()}

# Markers whose page is pointless without them.
_REQUIRED = ("plan", "short-plan", "disclosure", "quiz", "pack", "short-pack", "slides", "short-slides")

# The parts whose text the pack prints (of the quiz it prints the questions), as an error names them.
_PACK_PRINTS_BODY = {
    "session-plan": "the session plan",
    "activities": "the activities",
    "handout": "the handout",
    "evaluation": "the evaluation form",
}
