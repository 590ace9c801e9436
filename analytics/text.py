"""Vietnamese text normalisation: one place that decides when two spellings are the same.

Files arrive in NFC (Windows), NFD (macOS), with old-style tone placement ("Hoà") or new-style ("Hòa"),
with or without diacritics, and with stray spaces. Stored text keeps what the file said (NFC only);
the *keys* computed here decide identity and matching.
"""

from __future__ import annotations

import re
import unicodedata

# Combining tone marks: grave, acute, tilde, hook above, dot below.
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w]+")
# Letters that Unicode does not decompose but Vietnamese readers see as "d".
_D_FOLD = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(value: str) -> str:
    """NFC form of a string, skipping the work when it already is NFC (most of the time)."""
    if value.isascii() or unicodedata.is_normalized("NFC", value):
        return value
    return unicodedata.normalize("NFC", value)


def clean(value: object) -> str:
    """A cell as stored text: NFC, outer whitespace removed. Inner text is kept verbatim."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    return nfc(text).strip()


def squash(value: str) -> str:
    """NFC with every run of whitespace (including line breaks) made one space."""
    return _SPACES.sub(" ", nfc(value)).strip()


def fold(value: str) -> str:
    """Accent-free, lower-case, punctuation-free form for matching: "Hạn xử lý (*)" -> "han xu ly".

    đ/Đ are mapped by hand because Unicode gives them no decomposition.
    """
    decomposed = unicodedata.normalize("NFD", value.translate(_D_FOLD))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", _NON_WORD.sub(" ", bare.lower().replace("_", " "))).strip()


def _tone_placements() -> tuple[tuple[str, str], ...]:
    """Old-style tone placement in the open syllables -oa, -oe, -uy ("hoà", "thuỷ") and the new style ("hòa",
    "thủy"), lower case: the only places where two spellings of one word differ by where the mark sits."""
    pairs = []
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for tone in sorted(_TONE_MARKS):
            old = first + unicodedata.normalize("NFC", second + tone)
            new = unicodedata.normalize("NFC", first + tone) + second
            pairs.append((old, new))
    return tuple(pairs)


TONE_PLACEMENTS = _tone_placements()


def _canonical_syllable(word: str) -> str:
    """Move a syllable's tone mark to its end so "hoà" and "hòa" (NFD) compare equal."""
    tones = "".join(ch for ch in word if ch in _TONE_MARKS)
    if not tones:
        return word
    return "".join(ch for ch in word if ch not in _TONE_MARKS) + tones


def _canon(text: str) -> str:
    """Lower-case text with every syllable's tone mark in one fixed place (NFC otherwise)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return unicodedata.normalize("NFC", " ".join(_canonical_syllable(w) for w in decomposed.split(" ")))


# Abbreviations offices use interchangeably in unit names.
_UNIT_ABBREVIATIONS = [
    (_canon(long), _canon(short))
    for long, short in [
        ("ủy ban nhân dân", "ubnd"),
        ("hội đồng nhân dân", "hđnd"),
        ("mặt trận tổ quốc", "mttq"),
        ("thành phố", "tp"),
        ("tp.", "tp"),
    ]
]
# "UBND phường X", "P. X" and "Phường X" name the same ward.
_COMMUNE_WORDS = {_canon(w): _canon(w) for w in ("phường", "xã", "thị trấn", "đặc khu")}
_COMMUNE_WORDS.update({"p.": _canon("phường"), "x.": _canon("xã"), "tt.": _canon("thị trấn")})
_COMMUNE_PREFIX = re.compile(
    r"^(?:ubnd )?(" + "|".join(re.escape(w) for w in sorted(_COMMUNE_WORDS, key=len, reverse=True)) + r") ?"
)


def unit_key(name: str) -> str:
    """Identity of a unit name: the same key however the name was typed.

    Case, spacing, dash style, Unicode form, tone-mark placement, "UBND"/"Ủy ban nhân dân",
    "TP"/"thành phố" and the ward prefixes "P."/"UBND phường" do not matter; letters and tones do
    ("Nghĩa Dõng" and "Nghĩa Dũng" are two communes).
    """
    text = squash(name)
    text = re.sub(r"\s*[-–—]\s*", " - ", text)
    text = re.sub(r"\s*,\s*", ", ", text).rstrip(" .")
    key = _canon(text)
    for long, short in _UNIT_ABBREVIATIONS:
        key = key.replace(long, short)
    match = _COMMUNE_PREFIX.match(key)
    if match and match.end() < len(key):
        key = f"{_COMMUNE_WORDS[match.group(1)]} {key[match.end():].strip()}"
    return key


def has_diacritics(text: str) -> bool:
    """True when the text carries accented letters or đ ("Trần Phú"), not just punctuation such as "–"."""
    return any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", text)) or "đ" in text.lower()


