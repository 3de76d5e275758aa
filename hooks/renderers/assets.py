"""Stylesheets and scripts as the site ships them: minified, and Material's stylesheet trimmed to
what the site's markup can use. Pure functions of their inputs (hooks/asset_bundle.py calls them).

- CSS is read by tinycss2, a tokenizer and parser that follows CSS Syntax Level 3 (escapes,
  strings, comments, `@charset`), and written back from its tokens without comments and without
  the whitespace no token needs; what tinycss2 writes re-reads as the same tokens.
- Scripts are minified by tdewolff's minify (its Go library, through the `minify-go` wheel: no
  Node.js at build): it parses each script, drops comments and whitespace, renames the local
  names of functions (never a global one, never a property), and shortens what means the same
  (`!0` for `true`); it adds no `eval` and no syntax the source does not already use.
- Material's stylesheet styles every feature the theme has. A selector is kept when every class,
  id, attribute (with its value, for `=`) and element it names occurs somewhere in the site's
  markup or scripts (`markup_words`, `script_words`): anything inside `:not()`, `:is()`,
  `:has()`... is not required, so a rule is dropped only when it cannot match. A custom property
  is kept when something kept uses it, and keyframes when an animation names them.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable

import minify
import tinycss2
from tinycss2 import ast

# At-rules whose block holds rules; every other block holds declarations (@font-face, @page).
_RULE_BLOCKS = {"media", "supports", "container", "layer", "scope", "starting-style", "document",
                "keyframes", "-webkit-keyframes"}
_KEYFRAMES = {"keyframes", "-webkit-keyframes"}
# Tokens beside which whitespace means nothing, in a selector and in a value.
_TIGHT_IN_SELECTOR = {",", ">", "+", "~"}
_TIGHT_IN_VALUE = {",", "/"}
_TIGHT_IN_CONDITION = {",", ":"}

_WORD = re.compile(r"[\w-]+")
_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_KEPT_AS_WRITTEN = re.compile(r"(<(?:pre|textarea|code|script|style)\b.*?</(?:pre|textarea|code|script|style)>)",
                              re.DOTALL | re.IGNORECASE)
# A run of whitespace with a line break (the templates' indentation), in the text between two
# tags (never inside a tag: an attribute's value stays as written).
_LINE_BREAK_RUN = re.compile(r"[ \t\r\f]*\n\s*")
_A_TAG = re.compile(r"(<[^>]*>)")
_CLASS = re.compile(r"""class=["']([^"'>]*)""")
_INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)


class StylesheetError(ValueError):
    """A stylesheet tinycss2 cannot read: the message says where."""


# ---------------------------------------------------------------------------- words


def tags_of(html: str) -> set[str]:
    """The distinct start tags and inline scripts of a page, as written: the markup a selector can
    read (not the text). Most repeat from page to page (the navigation, the header)."""
    return set(_TAG.findall(html)) | set(_INLINE_SCRIPT.findall(html))


def markup_words(tags: Iterable[str]) -> set[str]:
    """Every word of these tags, lowercased: element and attribute names, values (classes, ids),
    custom properties named in a style attribute."""
    return {word.lower() for word in _WORD.findall("\n".join(tags))}


def classes_of(html: str) -> set[str]:
    """The classes a page's elements carry."""
    return {name for value in _CLASS.findall(html) for name in value.split()}


def holds(html: str, classes: set[str], selector: str) -> bool:
    """Whether a page (its markup, and `classes_of` it) holds an attribute (`[data-quiz]`) or a
    class (`.diagram`)."""
    if selector.startswith("."):
        return selector[1:] in classes
    name = selector[1:-1]
    return name in html and _attribute(name).search(html) is not None    # `in` first: far faster


# An attribute's name after a space and before "=", a space or the tag's end. Outside a tag only
# in text that names the attribute: then the page loads a file it did not need, which does no
# harm. Matching the whole tag would cost a scan per tag.
@functools.lru_cache(maxsize=None)
def _attribute(name: str) -> re.Pattern:
    return re.compile(r"\s" + re.escape(name) + r"(?=[\s=/>])")


def script_words(script: str) -> set[str]:
    """Every word of a script, lowercased: the classes, attributes and elements it may add."""
    return {word.lower() for word in _WORD.findall(script)}


# ---------------------------------------------------------------------------- pages


def compact_html(html: str) -> str:
    """A page less the indentation of its templates: each run of whitespace that holds a line
    break becomes that one line break. A browser shows the page the same (a line break is a
    space to it, and no stylesheet of the site keeps white space but in <pre> and <code>); the
    text of <pre>, <textarea>, <code>, <script> and <style>, and the tags themselves, are left
    as written."""
    parts = _KEPT_AS_WRITTEN.split(html)
    return "".join(part if index % 2 else _compact(part) for index, part in enumerate(parts))


def _compact(markup: str) -> str:
    parts = _A_TAG.split(markup)
    return "".join(part if index % 2 else _LINE_BREAK_RUN.sub("\n", part) for index, part in enumerate(parts))


# ---------------------------------------------------------------------------- CSS


@dataclasses.dataclass
class Style:
    """A style rule: its selectors' tokens and its declarations (and nested rules)."""
    prelude: list
    items: list


@dataclasses.dataclass
class AtRule:
    """An at-rule: `rules` for a block of rules (@media), `items` for one of declarations
    (@font-face, @page), neither for a statement (@layer a, b;)."""
    keyword: str
    prelude: list
    rules: list | None = None
    items: list | None = None

    @property
    def lower(self) -> str:
        return self.keyword.lower()


def parsed(css: str, source: str) -> list:
    """The rules of a stylesheet, without comments, whitespace and `@charset`."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    for rule in rules:
        if rule.type == "at-rule" and rule.lower_at_keyword == "import":
            raise StylesheetError(f"{source}, line {rule.source_line}: '@import' cannot be bundled "
                                  "(it is ignored anywhere but at the top of a file)")
    return [_node(rule, source) for rule in rules
            if not (rule.type == "at-rule" and rule.lower_at_keyword == "charset")]


def minified_css(rules_by_source: Iterable[list]) -> str:
    """One stylesheet from several sources' rules, in order. `@charset "UTF-8"` is written first
    when the text is not plain ASCII (a `@charset` anywhere else is ignored by browsers)."""
    text = "".join(_rule(rule) for rules in rules_by_source for rule in rules)
    return ('@charset "UTF-8";' + text if not text.isascii() else text) + "\n"


def theme_rules(rules: list, words: set[str]) -> list:
    """Material's rules less the selectors that name something no page or script has."""
    kept = []
    for rule in rules:
        if isinstance(rule, Style):
            selectors = [selector for selector in _split(rule.prelude) if _may_match(selector, words)]
            if selectors:
                prelude = [token for index, selector in enumerate(selectors)
                           for token in ([ast.LiteralToken(0, 0, ",")] if index else []) + selector]
                kept.append(Style(prelude, rule.items))
        elif rule.rules is not None and rule.lower not in _KEYFRAMES:
            inner = theme_rules(rule.rules, words)
            if inner:
                kept.append(dataclasses.replace(rule, rules=inner))
        else:
            kept.append(rule)
    return kept


def without_unused_properties(theme: list, others: list, named: set[str]) -> list:
    """`theme`'s rules less the custom properties (`--x: ...`) that nothing uses, and less the
    keyframes no animation names. A use is a `var(--x)` in a kept declaration of `theme` or
    `others` (our stylesheets), or the name written in markup or a script (`named`); a custom
    property used only by one that is unused is unused too."""
    values: dict[str, list] = {}      # custom property -> the references of each of its values
    used = set(named)
    animations: set[str] = set()
    for declaration in _declarations(theme + others):
        references = _var_references(declaration.value)
        if declaration.name.startswith("--"):
            values.setdefault(declaration.name.lower(), []).append(references)
        else:
            used |= references
        if "animation" in declaration.lower_name or declaration.name.startswith("--"):
            animations |= {token.value for token in declaration.value if token.type in ("ident", "string")}
    pending = list(used)
    while pending:
        for references in values.get(pending.pop(), ()):
            pending += list(references - used)
            used |= references
    return _pruned(theme, used, animations)


# ---------------------------------------------------------------------------- scripts


def minified_js(sources: Iterable[str]) -> str:
    """Scripts joined in order, each minified on its own (one's local names cannot clash with
    another's); a semicolon between keeps two IIFEs apart."""
    return ";\n".join(_minified_script(source).strip().rstrip(";") for source in sources) + ";\n"


class ScriptError(ValueError):
    """A script the minifier cannot parse: the message is the minifier's (line and column)."""


def _minified_script(source: str) -> str:
    if not source.strip():
        return ""
    try:
        return minify.string("application/javascript", source)
    except minify.MinifyError as error:   # its first line names the line and column; the rest quotes it
        raise ScriptError(str(error).strip().splitlines()[0]) from None


# ---------------------------------------------------------------------------- helpers


# A selector list split at its top-level commas (those inside :is() belong to a block).
def _split(prelude) -> list[list]:
    selectors, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append(_trimmed(current))
            current = []
        else:
            current.append(token)
    return selectors + [_trimmed(current)]


# False only when the selector names a class, id, attribute or element that no page and no
# script has: pseudo-classes, pseudo-elements, namespaces and everything inside parentheses
# (":not(.x)" matches where no .x is) are not required.
def _may_match(selector, words) -> bool:
    previous = None
    for token in selector:
        if token.type == "ident" and previous not in (":", "|") and token.lower_value not in words:
            return False      # a class (after "."), or an element
        if token.type == "hash" and token.is_identifier and token.value.lower() not in words:
            return False
        if token.type == "[] block" and not _attribute_may_match(token.content, words):
            return False
        previous = token.value if token.type == "literal" else token.type
    return True


# [name], [name=value], [name~=value i]...: the name must occur; for = and ~= the value's words too.
def _attribute_may_match(content, words) -> bool:
    tokens = [token for token in content if token.type != "whitespace"]
    names = [token for token in tokens if token.type == "ident"]
    if not names:
        return True
    if any(token.type == "literal" and token.value == "|" for token in tokens[:2]):
        return True   # a namespace: leave it
    if names[0].lower_value not in words:
        return False
    operator = next((token.value for token in tokens if token.type == "literal"), None)
    if operator in ("=", "~=") and len(tokens) > 2 and tokens[2].type in ("ident", "string"):
        return all(word.lower() in words for word in _WORD.findall(tokens[2].value))
    return True


def _trimmed(tokens):
    start, end = 0, len(tokens)
    while start < end and tokens[start].type == "whitespace":
        start += 1
    while end > start and tokens[end - 1].type == "whitespace":
        end -= 1
    return tokens[start:end]


# tinycss2's node as ours, its blocks parsed: rules inside @media, declarations inside a rule.
def _node(rule, source, nested=False):
    if rule.type == "error":
        raise StylesheetError(f"{source}, line {rule.source_line}: {rule.message}")
    if rule.type == "qualified-rule":
        return Style(rule.prelude, _items_of(rule.content, source))
    if rule.content is None:
        return AtRule(rule.at_keyword, rule.prelude)
    if rule.lower_at_keyword in _RULE_BLOCKS and not nested:   # nested in a rule (CSS nesting), it holds declarations
        return AtRule(rule.at_keyword, rule.prelude, rules=[
            _node(inner, source) for inner in tinycss2.parse_rule_list(rule.content, skip_comments=True,
                                                                        skip_whitespace=True)])
    return AtRule(rule.at_keyword, rule.prelude, items=_items_of(rule.content, source))


def _items_of(content, source):
    items = []
    for item in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
        if item.type == "error":
            raise StylesheetError(f"{source}, line {item.source_line}: {item.message}")
        items.append(item if item.type == "declaration" else _node(item, source, nested=True))
    return items


def _declarations(rules):
    for rule in rules:
        for item in rule.items or ():
            if isinstance(item, (Style, AtRule)):
                yield from _declarations([item])
            else:
                yield item
        if isinstance(rule, AtRule) and rule.rules is not None:
            yield from _declarations(rule.rules)


def _var_references(tokens) -> set[str]:
    found = set()
    for token in tokens:
        if token.type == "function":
            if token.lower_name == "var":
                name = next((part for part in token.arguments if part.type == "ident"), None)
                if name is not None and name.value.startswith("--"):
                    found.add(name.value.lower())    # compared as the markup's words are: lowercased
            found |= _var_references(token.arguments)
        elif token.type in ("() block", "[] block", "{} block"):
            found |= _var_references(token.content)
    return found


def _pruned(rules, used, animations):
    kept = []
    for rule in rules:
        if isinstance(rule, Style):
            items = [item for item in rule.items if isinstance(item, (Style, AtRule))
                     or not (item.name.startswith("--") and item.name.lower() not in used)]
            if items:
                kept.append(Style(rule.prelude, items))
        elif rule.lower in _KEYFRAMES:
            name = next((token for token in rule.prelude if token.type in ("ident", "string")), None)
            if name is None or name.value in animations:
                kept.append(rule)
        elif rule.rules is not None:
            inner = _pruned(rule.rules, used, animations)
            if inner:
                kept.append(dataclasses.replace(rule, rules=inner))
        else:
            kept.append(rule)
    return kept


# One rule, minified.
def _rule(rule) -> str:
    if isinstance(rule, Style):
        return _tight(rule.prelude, _TIGHT_IN_SELECTOR) + "{" + _items(rule.items) + "}"
    head = "@" + ast.IdentToken(0, 0, rule.keyword).serialize()
    prelude = _tight(rule.prelude, _TIGHT_IN_CONDITION)
    head += " " + prelude if prelude else ""
    if rule.rules is not None:
        return head + "{" + "".join(_rule(inner) for inner in rule.rules) + "}"
    if rule.items is not None:
        return head + "{" + _items(rule.items) + "}"
    return head + ";"


# The inside of a block of declarations (and nested rules), minified.
def _items(items) -> str:
    text = ""
    for index, item in enumerate(items):
        if isinstance(item, (Style, AtRule)):
            part = _rule(item)
        else:
            value = _tight(item.value, _TIGHT_IN_VALUE)
            if item.name.startswith("--") and not value:
                value = " "     # an empty custom property keeps its one whitespace token
            part = ast.IdentToken(0, 0, item.name).serialize() + ":" + value + ("!important" if item.important else "")
        # A nested rule ends with "}" and needs no ";" after it; a declaration before another does.
        text += part + (";" if index + 1 < len(items) and not part.endswith("}") else "")
    return text


# Tokens written back with one space for each run of whitespace, and none at the ends, inside
# brackets or beside the tokens in `tight`. tinycss2.serialize puts a comment between two
# tokens that would otherwise read as one.
def _tight(tokens, tight) -> str:
    return tinycss2.serialize(_squeezed(tokens, tight))


def _squeezed(tokens, tight):
    out = []
    for token in _trimmed(list(tokens)):
        if token.type == "whitespace":
            if out and out[-1].type == "whitespace":
                continue
            if out and out[-1].type == "literal" and out[-1].value in tight:
                continue
            out.append(ast.WhitespaceToken(token.source_line, token.source_column, " "))
            continue
        if token.type == "literal" and token.value in tight and out and out[-1].type == "whitespace":
            out.pop()
        if token.type == "function":
            token = ast.FunctionBlock(token.source_line, token.source_column, token.name,
                                      _squeezed(token.arguments, tight))
        elif token.type in ("() block", "[] block"):
            token = (ast.ParenthesesBlock if token.type == "() block" else ast.SquareBracketsBlock)(
                token.source_line, token.source_column, _squeezed(token.content, tight))
        elif token.type == "{} block":
            token = ast.CurlyBracketsBlock(token.source_line, token.source_column, _squeezed(token.content, tight))
        out.append(token)
    return out
