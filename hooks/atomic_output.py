"""`mkdocs build` writes the new site beside the old one and swaps it in only when it fully succeeded.

MkDocs cleans the site folder early and writes page after page; its strict check (a broken
link, a missing anchor or image, a `nav:` entry to a missing page) raises only after the last
`on_post_build`, and the i18n plugin builds the English pass from inside the Spanish pass's
`on_post_build`. So a failed build used to leave `site/` half rewritten. Here `site_dir` points
to a temporary sibling folder (same file system, so the swap is two renames) from the first
`on_config` on; `on_shutdown`, which `mkdocs build` calls after the strict check whatever
happened, swaps it in only if the outermost pass got through `on_post_build` and no error
was reported (`on_build_error` sees the strict Abort too). Otherwise the temporary folder is
removed, and `site/` is byte for byte what it was.

`mkdocs serve` builds into a temporary folder of its own and serves it as it is written, so it
is left alone, `mkdocs serve --clean` too (MkDocs tells `on_startup` 'build' there:
`content_model.effective_command` sees the server); so are builds run from Python without
`mkdocs build` (they call no `on_startup`).
"""

import os
import shutil
import tempfile

from mkdocs.plugins import event_priority

import content_model


class _Run:
    """One `mkdocs build` command: where the site goes, where it is built, how it went."""

    def __init__(self, command=None):
        self.atomic = command in ("build", "gh-deploy")
        self.final_dir = None      # the site folder the person asked for
        self.staging_dir = None    # where this build writes
        self.finished = False      # the outermost pass got through on_post_build
        self.failed = False


_run = _Run()


def on_startup(command, dirty, **kwargs):
    global _run
    _run = _Run(content_model.effective_command(command))


# First of all hooks, and once: the i18n plugin calls on_config again for each language pass.
@event_priority(1000)
def on_config(config, **kwargs):
    if not _run.atomic or _run.staging_dir is not None:
        return config
    _run.final_dir = os.path.abspath(config.site_dir)
    parent, name = os.path.split(_run.final_dir)
    os.makedirs(parent, exist_ok=True)
    _remove_leftovers(parent, name)
    _run.staging_dir = tempfile.mkdtemp(prefix=f".{name}.building-{os.getpid()}-", dir=parent)
    os.chmod(_run.staging_dir, 0o777 & ~_umask())  # mkdtemp's 0700 would hide the site from a web server
    config.site_dir = _run.staging_dir
    return config


# Last of all hooks: the i18n plugin's on_post_build (which builds the other languages) is done.
@event_priority(-10000)
def on_post_build(config, **kwargs):
    if not content_model.in_nested_pass(config):
        _run.finished = True


def on_build_error(error, **kwargs):
    _run.failed = True


def on_shutdown(**kwargs):
    if not _run.atomic or _run.staging_dir is None or not os.path.isdir(_run.staging_dir):
        return
    if _run.finished and not _run.failed:
        _swap_in(_run.staging_dir, _run.final_dir)
    else:
        shutil.rmtree(_run.staging_dir, ignore_errors=True)
    _run.staging_dir = None


# A build that was killed (Ctrl+C twice, kill -9, a full disk) never reached on_shutdown: its
# folder stays beside the site. Each folder carries its build's process id; one whose process is
# gone is removed by the next build. A build still running (another terminal) keeps its own.
def _remove_leftovers(parent, name):
    for entry in os.listdir(parent):
        for kind in ("building", "previous"):
            prefix = f".{name}.{kind}-"
            if not entry.startswith(prefix):
                continue
            pid = entry[len(prefix):].split("-", 1)[0]
            if not (pid.isdigit() and _alive(int(pid))):
                shutil.rmtree(os.path.join(parent, entry), ignore_errors=True)


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:   # someone else's process: alive
        return True
    return True


# The old site is renamed aside, the new one renamed in, then the old one removed.
def _swap_in(new, final):
    if not os.path.exists(final):
        os.rename(new, final)
        return
    old = tempfile.mkdtemp(prefix=f".{os.path.basename(final)}.previous-{os.getpid()}-", dir=os.path.dirname(final))
    os.rmdir(old)
    os.rename(final, old)
    os.rename(new, final)
    shutil.rmtree(old, ignore_errors=True)


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask
