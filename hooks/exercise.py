"""The "¿Qué harías?" exercise (issue 31) where a page's Markdown asks for it.

`<!-- exercise: situations -->` on a page whose front matter declares `exercise:` (read and
checked by `content_model.learning`, in the grammar the quizzes share) is replaced by the
exercise (`renderers/exercise.py`); assets/js/quiz.js checks the choices as it checks a quiz.

A page that declares an exercise but has no marker would show nothing, a marker on a page with
no exercise would show an empty block, and a second marker would repeat the situations' ids: each
stops the build before the site folder is touched, naming the file and the fix.
"""

import content_model
from content_model import ContentError, markers
from renderers import exercise as render

_MARKER = markers.pattern("exercise")
_WRITTEN = markers.written("exercise", "situations")


# Every page with an exercise shows it once, and no marker stands where there is none.
def on_pre_build(config, **kwargs):
    site = content_model.site_for(config)
    for language in content_model.LANGUAGES:
        for src_uri in site.learning[language].exercises:
            name = content_model.localised(src_uri, language)
            if not any(marker.family == "exercise" for marker in site.markers.get(name, ())):
                raise ContentError(f"docs/{name}", None,
                                   f"the exercise is not shown: the page has no {_WRITTEN} marker",
                                   f"add a line '{_WRITTEN}' where the exercise belongs, "
                                   "or remove 'exercise:' from the front matter")
    for file_src_uri, found in site.markers.items():
        lines = [marker.line for marker in found if marker.family == "exercise"]
        if not lines:
            continue
        src_uri, language = content_model.unlocalised(file_src_uri)
        if site.learning[language].exercise_for(file_src_uri) is None:
            raise ContentError(f"docs/{file_src_uri}", None, f"the marker {_WRITTEN} has no exercise to show",
                               "add 'exercise:' to the front matter of "
                               + " and ".join(content_model.shown(src_uri, lang) for lang in content_model.LANGUAGES)
                               + ", or remove the marker")
        if len(lines) > 1:
            raise ContentError(f"docs/{file_src_uri}", None,
                               f"the marker {_WRITTEN} appears {len(lines)} times "
                               f"(lines {', '.join(map(str, lines))})",
                               "keep one: a page shows its exercise once")


# Replace the page's marker with its exercise.
def on_page_markdown(markdown, page, config, **kwargs):
    if "exercise:" not in markdown:
        return markdown
    language = content_model.language_of(config)
    situations = content_model.site_for(config).learning[language].exercise_for(page.file.src_uri)
    return _MARKER.sub(lambda match: f"\n\n{render.exercise(situations, language)}\n\n", markdown)
