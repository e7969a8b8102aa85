"""Cleaning what people type, before any form checks it: one place for every form that takes a
name or free text (public and staff).

Invisible format characters can do harm without being seen. A right-to-left override (U+202E) or
an isolate (U+2066-2069) typed into a name reverses or reorders the text around it wherever the
name is shown, on staff pages and in emails (a name can make "Enrolled" read "dellornE", or hide
a different name inside a register). Zero-width characters can hide text inside a name that
looks normal, so two "identical" names differ. No real name or note needs any of them, so they are
taken out. Letters of every script (Arabic, Hebrew, Devanagari, Chinese...) are left exactly as typed.
"""

import re
import unicodedata

ZWNJ, ZWJ = "\u200c", "\u200d"
# The two joiners ARE part of real writing: ZWNJ is spelled inside Persian and Indic words
# ("می‌خواهم"), and ZWJ makes Indic conjuncts and joins emoji into one picture (👩‍⚕️, a
# woman health worker; 👨‍👩‍👧, a family). In real writing each stands alone straight after a
# visible character, and either before another visible character or after a combining mark (an
# Indic virama at the end of a word: Malayalam chillu letters, Devanagari half forms). Only there
# are they kept. At the start, after a space, or in a run of invisible characters they do no work
# in any script and can only hide text.

# A tag sequence after a black flag is how the flags of England, Scotland and Wales are written
# (🏴 + tags + cancel tag); anywhere else tag characters only carry hidden text.
_SUBDIVISION_FLAG = re.compile("\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f")
_KEEP_CONTROLS = "\t\n\r"  # free text keeps its lines; NUL is refused earlier (home/middleware.py)


def _invisible(char: str) -> bool:
    """Format characters (Unicode category Cf: bidi embeddings, overrides, isolates and marks,
    U+061C, zero-width space, word joiner, BOM, soft hyphen, tags...) and control characters."""
    category = unicodedata.category(char)
    return (category == "Cf" and char not in (ZWNJ, ZWJ)) or (category == "Cc" and char not in _KEEP_CONTROLS)


def without_hidden_controls(value: str) -> str:
    """`value` without bidirectional, zero-width and other invisible control characters, keeping
    joiners where real writing uses them and every visible character unchanged."""
    if not isinstance(value, str) or value.isascii() and value.isprintable():
        return value
    kept, start = [], 0
    for flag in _SUBDIVISION_FLAG.finditer(value):
        kept.append(_strip(value[start : flag.start()]))
        kept.append(flag.group())
        start = flag.end()
    kept.append(_strip(value[start:]))
    return "".join(kept)


def _strip(text: str) -> str:
    text = "".join(char for char in text if not _invisible(char))
    kept = []
    for i, char in enumerate(text):
        if char in (ZWNJ, ZWJ) and not _joiner_at_work(text, i):
            continue
        kept.append(char)
    return "".join(kept)


def _visible(char: str) -> bool:
    return bool(char) and not char.isspace() and char not in (ZWNJ, ZWJ)


def _joiner_at_work(text: str, i: int) -> bool:
    before = text[i - 1] if i else ""
    after = text[i + 1 : i + 2]
    if not _visible(before):
        return False
    return _visible(after) or unicodedata.category(before).startswith("M")


class CleansTypedText:
    """A form mixin: everything the form was sent is cleaned of hidden controls before any field
    sees it, so each field's own checks, the saved record and the page shown back with errors all
    see the same, harmless text. Put it first in the bases."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.data = _cleaned_data(self.data)


def _cleaned_data(data):
    if hasattr(data, "lists"):  # a QueryDict: a name may carry several values
        cleaned = data.copy()
        for name, values in data.lists():
            cleaned.setlist(name, [without_hidden_controls(value) for value in values])
        return cleaned
    return {name: without_hidden_controls(value) for name, value in data.items()}


def has_quoted_local_part(email: str) -> bool:
    """`"anything"@example.org` is a valid address by the standard, but nobody's real address is
    written so, and the quotes let markup and spaces through into emails and staff pages."""
    local, _, _ = (email or "").rpartition("@")
    return '"' in local
