"""What `mkdocs serve` (`make serve`) needs beyond a build: it tells the truth about old code, and
a first build that fails does not leave the writer without a server.

Python runs the code a process started with: MkDocs imports each hook file once per process
(`Hooks._load_hook` is cached) and the hooks import `content_model/` and `renderers/` once, so
no rebuild ever sees an edit to them. `make serve` therefore runs the server under Watchdog's
`watchmedo auto-restart`, which restarts it when a Python file under hooks/ or deploy/ changes;
a bare `mkdocs serve` does not, and its rebuilds name the changed files (`on_config`).

MkDocs' server rebuilds after a failed rebuild, but stops when its first build fails. Here the
process waits instead, says so, and starts again (the same command, in the same process: the
restart watcher keeps following it) once a file it builds from is saved.
"""

import logging
import os
import shutil
import sys
import threading

from mkdocs.plugins import event_priority

import content_model

_log = logging.getLogger("mkdocs")


class _Serving:
    """One `mkdocs serve`: whether its first build got through, and what a new start watches."""

    def __init__(self):
        self.served = False        # on_serve ran: the first build succeeded
        self.site_dir = None       # the server's temporary folder
        self.watched = []          # folders (and mkdocs.yml) a fix may be saved in


_serving = _Serving()


def on_startup(command, dirty, **kwargs):
    global _serving
    _serving = _Serving()


@event_priority(800)
def on_config(config, **kwargs):
    if content_model.in_nested_pass(config):  # a language pass of the same build
        return config
    if content_model.running_command() == "serve":
        _serving.site_dir = config.site_dir
        _serving.watched = [config.docs_dir, config.config_file_path, *(config.theme.dirs[:1]),
                            str(content_model.CODE_FOLDER), *config.watch]
    changed = content_model.changed_code_files()
    if changed:
        _log.warning(f"{', '.join(changed)} changed since the server started, and this server still runs the "
                     "old Python code: stop it (Ctrl+C) and start it again ('make serve' restarts by itself)")
    return config


def on_serve(server, config, builder, **kwargs):
    _serving.served = True
    return server


# Last of all hooks: the others have shut down.
@event_priority(-10000)
def on_shutdown(**kwargs):
    if content_model.running_command() != "serve" or _serving.served or not _serving.watched:
        return
    _log.error("The first build failed (the message above says why), so there is nothing to serve yet. "
               "Fix it and save: the server starts again by itself (Ctrl+C stops it).")
    if not _wait_for_a_save(_serving.watched):
        return
    for handler in logging.getLogger().handlers + _log.handlers:
        handler.flush()
    sys.stdout.flush()
    sys.stderr.flush()
    shutil.rmtree(_serving.site_dir, ignore_errors=True)  # MkDocs removes it after this event: never, after exec
    os.execv(sys.executable, sys.orig_argv)


def _wait_for_a_save(paths) -> bool:
    """True once a file under `paths` is written; False on Ctrl+C (or the restart watcher's signal)."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    saved = threading.Event()

    class _Saved(FileSystemEventHandler):
        def __init__(self, only=None):
            self.only = only  # a file, in a folder watched for it alone

        def on_any_event(self, event):
            if event.is_directory or event.event_type in ("opened", "closed_no_write"):
                return
            touched = {os.path.abspath(p) for p in (event.src_path, getattr(event, "dest_path", "")) if p}
            if self.only is None or self.only in touched:
                saved.set()

    observer = Observer()
    for path in map(os.path.abspath, paths):
        if os.path.isdir(path):
            observer.schedule(_Saved(), path, recursive=True)
        elif os.path.isfile(path):
            observer.schedule(_Saved(path), os.path.dirname(path), recursive=False)
    observer.start()
    try:
        while not saved.wait(0.5):
            pass
        saved.wait(0.3)  # an editor's save can be several writes
        return True
    except KeyboardInterrupt:
        return False
    finally:
        observer.stop()
        observer.join(timeout=5)
