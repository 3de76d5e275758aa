#!/usr/bin/env python3
"""Renders deploy/nginx.conf for a built site: writes OUT/nginx.conf and OUT/csp.conf.

    python3 deploy/render-nginx.py SITE_DIR OUT_DIR [--listen 80] [--location /trata/]
        [--server-name example.org] [--state-dir /var/lib/nginx-trata] [--brotli auto|on|off]

csp.conf holds the Content-Security-Policy sent with HTML documents, read from the pages' own
<meta http-equiv="Content-Security-Policy"> (hooks/csp.py writes it): every page must carry the
same one. SVG documents (the icon, the diagrams) get SVG_POLICY. Re-render after every build: a
theme upgrade changes the inline-script hashes.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import precompress  # noqa: E402  (deploy/precompress.py: which compressed copies are stale)

TEMPLATE = HERE / "nginx.conf"
BROTLI_MODULE = "ngx_http_brotli_filter_module.so"
# Sends F.br where deploy/precompress.py wrote it (Debian's libnginx-mod-http-brotli-static).
BROTLI_STATIC_MODULE = "ngx_http_brotli_static_module.so"
# An SVG opened on its own runs nothing and loads nothing but the site's pictures (the diagram
# names the icon), and no one may frame it.
SVG_POLICY = "default-src 'none'; img-src 'self'; frame-ancestors 'none'"
_META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"')


def page_policies(site: Path) -> dict[str, list[Path]]:
    """Each distinct meta policy in the built pages, with the pages that carry it."""
    found: dict[str, list[Path]] = {}
    for path in sorted(site.rglob("*.html")):
        if "assets" in path.relative_to(site).parts:
            continue
        match = _META_CSP.search(path.read_text(encoding="utf-8"))
        if match:
            found.setdefault(match.group(1), []).append(path)
    return found


def site_policy(site: Path) -> str:
    policies = page_policies(site)
    if not policies:
        raise SystemExit(f"no page in {site} carries a Content-Security-Policy: is it the built site?")
    if len(policies) > 1:
        summary = "; ".join(f"{len(pages)} pages like {pages[0].relative_to(site)}" for pages in policies.values())
        raise SystemExit(f"the pages carry {len(policies)} different Content-Security-Policies ({summary}): "
                         "the header can only match one")
    (policy,) = policies
    return policy


def needs_404_fix(site: Path, location: str) -> bool:
    """Without SITE_URL the 404 pages link to '/assets/...': under a sub-path they must be rewritten."""
    if location == "/":
        return False
    text = (site / "404.html").read_text(encoding="utf-8")
    return 'href="/assets/' in text or 'src="/assets/' in text


def render(site: Path, out: Path, *, listen: str = "80", location: str = "/", server_name: str = "_",
           state_dir: str = "/var/lib/nginx-trata", brotli: str = "auto", user: str | None = None,
           mime_types: str = "/etc/nginx/mime.types", modules_dir: str = "/usr/lib/nginx/modules",
           csp: str | None = None) -> Path:
    """Writes OUT/nginx.conf and OUT/csp.conf. `csp` replaces the policy read from the pages; "" sends
    no Content-Security-Policy at all (`make bench` serves a stock Material build that has none)."""
    site = site.resolve()
    if not (site / "index.html").is_file():
        raise SystemExit(f"{site} has no index.html: build the site first (make build)")
    if not (location.startswith("/") and location.endswith("/")):
        raise SystemExit(f"--location must start and end with '/': {location!r}")
    stale = precompress.stale(site)
    if stale:
        raise SystemExit(f"{len(stale)} compressed copies are older than their files or have none, like {stale[0].relative_to(site)}: "
                         f"run '.venv/bin/python deploy/precompress.py {site}' again after every build")
    policy = site_policy(site) if csp is None else csp
    if '"' in policy or "\n" in policy:
        raise SystemExit("the policy contains a quote or a newline")

    module = Path(modules_dir) / BROTLI_MODULE
    static_module = Path(modules_dir) / BROTLI_STATIC_MODULE
    use_brotli = brotli == "on" or (brotli == "auto" and module.is_file())
    use_static = use_brotli and (brotli == "on" or static_module.is_file())
    modules = [f"load_module {module};"] + ([f"load_module {static_module};"] if use_static else [])
    fix = ""
    if needs_404_fix(site, location):
        for page in ("404.html", "en/404.html"):
            # sub_filter rewrites the page as it is sent, so nginx must read the page itself, not
            # its compressed copy (deploy/precompress.py); it compresses the rewritten page.
            fix += (f"        location = {location}{page} {{\n"
                    f"            alias {site}/{page};\n"
                    f"            gzip_static off;\n"
                    + ("            brotli_static off;\n" if use_static else "")
                    + f"            sub_filter '\"/' '\"{location}';\n"
                    f"            sub_filter_once off;\n"
                    f"        }}\n")
    outside = "" if location == "/" else "        location / {\n            return 404;\n        }\n"
    values = {
        "USER": f"user {user};" if user else "",
        "STATE": state_dir,
        "BROTLI_MODULE": "\n".join(modules) if use_brotli else "# Brotli: module not loaded",
        "BROTLI": ("    brotli on;\n    brotli_comp_level 6;\n    brotli_min_length 256;\n"
                   "    brotli_types text/css application/javascript application/json image/svg+xml text/csv\n"
                   "                 text/plain application/manifest+json application/xml text/xml;"
                   + ("\n    brotli_static on;" if use_static else "")) if use_brotli else "",
        "MIME_TYPES": mime_types,
        "LISTEN": listen,
        "SERVER_NAME": server_name,
        "LOCATION": location,
        "ROOT": str(site),
        "FIX_404": fix.rstrip("\n"),
        "OUTSIDE": outside.rstrip("\n"),
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    text = re.sub(r"@([A-Z_0-9]+)@", lambda m: values[m.group(1)], text)
    out.mkdir(parents=True, exist_ok=True)
    Path(state_dir).mkdir(parents=True, exist_ok=True)
    (out / "csp.conf").write_text(
        "# The pages' own Content-Security-Policy, sent with documents only (see nginx.conf).\n"
        "map $trata_is_document $trata_csp {\n"
        f'    1       "{policy}";\n'
        f'    svg     "{SVG_POLICY if policy else ""}";\n'
        '    default "";\n'
        "}\n", encoding="utf-8")
    (out / "nginx.conf").write_text(text, encoding="utf-8")
    return out / "nginx.conf"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built site (mkdocs build's output)")
    parser.add_argument("out", type=Path, help="folder to write nginx.conf and csp.conf into")
    parser.add_argument("--listen", default="80", help="nginx 'listen' value, e.g. 80 or 127.0.0.1:8080")
    parser.add_argument("--location", default="/", help="the URL path the site is served at, e.g. /trata/")
    parser.add_argument("--server-name", default="_")
    parser.add_argument("--state-dir", default="/var/lib/nginx-trata", help="pid, logs and temp files")
    parser.add_argument("--brotli", choices=("auto", "on", "off"), default="auto",
                        help="auto: on when Debian's libnginx-mod-http-brotli-filter is installed "
                             "(and the copies precompress.py writes are sent where -static is)")
    parser.add_argument("--user", help="the user nginx's workers run as (when started as root)")
    parser.add_argument("--mime-types", default="/etc/nginx/mime.types")
    parser.add_argument("--modules-dir", default="/usr/lib/nginx/modules")
    args = parser.parse_args(argv)
    path = render(args.site, args.out, listen=args.listen, location=args.location, server_name=args.server_name,
                  state_dir=args.state_dir, brotli=args.brotli, user=args.user, mime_types=args.mime_types,
                  modules_dir=args.modules_dir)
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
