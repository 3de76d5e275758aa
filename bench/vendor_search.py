"""Re-creates the two libraries search vendors under overrides/assets/vendor/ (run by hand on an upgrade).

    .venv/bin/python -m bench.vendor_search

It packs the pinned npm packages in a temporary folder (`npm pack`, the registry's ordinary
client), keeps MiniSearch's UMD build and, of snowball-stemmers' 24 languages, only the shared
Snowball runtime with the Spanish and English stemmers, minifies both with terser and writes
each beside its licence. The site never runs npm: the output is committed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "overrides" / "assets" / "vendor"
MINISEARCH = "7.2.0"
SNOWBALL = "0.6.0"
TERSER = "5.51.4"
# The Python side must run the same generation of the Snowball algorithms: see requirements.txt.
SNOWBALL_LANGUAGES = {"es": "spanish", "en": "english"}


def _pack(folder: Path, spec: str) -> Path:
    name = subprocess.run(["npm", "pack", spec, "--silent"], cwd=folder, check=True,
                          capture_output=True, text=True).stdout.split()[-1]
    target = folder / name.removesuffix(".tgz")
    with tarfile.open(folder / name) as archive:
        archive.extractall(target, filter="data")
    return target / "package"


def _minify(folder: Path, source: Path, target: Path, preamble: str) -> None:
    subprocess.run([str(folder / "node_modules" / ".bin" / "terser"), str(source), "--compress", "--mangle",
                    "--comments", "false", "--preamble", preamble, "--output", str(target)], check=True)


def only_languages(source: str, keep: tuple[str, ...]) -> str:
    """snowball-stemmers.js with every language's class removed but `keep`'s."""
    classes = list(re.finditer(r"^    var (\w+)Stemmer = function \(_SnowballStemmer\d*\) \{$", source, re.MULTILINE))
    tail = source.index("    function newStemmer(lng) {")
    pieces = [source[: classes[0].start()]]
    for number, match in enumerate(classes):
        if match.group(1) in keep:
            end = classes[number + 1].start() if number + 1 < len(classes) else tail
            pieces.append(source[match.start(): end])
    names = ", ".join(f"{language}: {language}Stemmer" for language in keep)
    pieces.append(source[tail:]
                  .replace(source[source.index("        var stemMap = {", tail): source.index("        };", tail) + 10],
                           f"        var stemMap = {{ {names} }};")
                  .replace(source[source.index("        return ['arabic'", tail): source.index("];", source.index("        return ['arabic'", tail)) + 2],
                           "        return " + repr(list(keep)) + ";"))
    return "".join(pieces)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="vendor-search-") as temp:
        folder = Path(temp)
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", f"terser@{TERSER}"],
                       cwd=folder, check=True)
        minisearch = _pack(folder, f"minisearch@{MINISEARCH}")
        out = VENDOR / f"minisearch-{MINISEARCH}"
        out.mkdir(parents=True, exist_ok=True)
        _minify(folder, minisearch / "dist" / "umd" / "index.js", out / "minisearch.min.js",
                f"/* MiniSearch {MINISEARCH} (MIT, see LICENSE.txt), UMD build minified */")
        shutil.copy2(minisearch / "LICENSE.txt", out / "LICENSE.txt")

        snowball = _pack(folder, f"snowball-stemmers@{SNOWBALL}")
        # The package ships no licence file: LICENSE.txt beside it (ISC, from its package.json,
        # and the Snowball project's BSD licence) is kept by hand.
        out = VENDOR / f"snowball-stemmers-{SNOWBALL}"
        out.mkdir(parents=True, exist_ok=True)
        # One file per language: a reader downloads only the stemmer of the index they search.
        for code, language in SNOWBALL_LANGUAGES.items():
            trimmed = folder / f"snowball-{code}.js"
            trimmed.write_text(only_languages((snowball / "snowball-stemmers.js").read_text(encoding="utf-8"),
                                              (language,)), encoding="utf-8")
            _minify(folder, trimmed, out / f"snowball-{code}.min.js",
                    f"/* snowball-stemmers {SNOWBALL} (ISC; the Snowball algorithms BSD-3-Clause, see LICENSE.txt):"
                    f" only the {language} stemmer, minified */")
    return 0


if __name__ == "__main__":
    sys.exit(main())
