"""Regex building blocks the grammars share."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable

import regex

# Words of a name may be split by a line break: headers and web copies wrap lines.
SPACE = r"(?:[ \t]*\n[ \t]*|[ \t]+)"
WORD_START = r"(?<![\p{L}\p{M}\d])"
WORD_END = r"(?![\p{L}\p{M}\d])"


def ranges_class(code_points: Iterable[int], also: str = "") -> str:
    """A stdlib character class of `code_points` (ascending) written as ranges, after the
    class items `also`: a class listing each character is searched many times slower."""
    ranges: list[list[int]] = []
    for c in code_points:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    return "[" + also + "".join(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in ranges) + "]"


def spaced_phrase(text: str, *, ignore_case: bool) -> str:
    """A word sequence whose words may be separated by any spacing or one line break."""
    words = [regex.escape(w) for w in text.split()]
    body = SPACE.join(words)
    return f"(?i:{body})" if ignore_case else body


def trie(phrases: list[str], separator: str, word: Callable[[str], str]) -> str:
    """One regex for a set of word sequences, common leading words shared, so a position
    that fails fails once, not once per phrase. Longer continuations come first:
    alternation takes the first branch that matches, not the longest. A phrase that
    goes on in a longer one ends in an empty branch, `(?:…|)`, not an optional group,
    `(?:…)?`, which matches alike: an optional group is a repeat, and the regex engine
    sets up every repeat a pattern holds at each match it tries."""
    root: dict = {}
    for phrase in set(phrases):
        node = root
        for w in phrase.split():
            node = node.setdefault(w, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [word(w) + (separator + build(child) if set(child) != {""} else "")
                    if "" not in child or len(child) == 1 else
                    word(w) + "(?:" + separator + build({k: v for k, v in child.items() if k}) + "|)"
                    for w, child in sorted(node.items(), key=lambda kv: -len(kv[0])) if w]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return build(root)


def names_alternation(names: list[str], abbreviations: list[str]) -> str:
    """One regex for names in any case and abbreviations as written, each a trie of its
    words, ending where a word ends."""
    full = trie(names, SPACE, lambda w: f"(?i:{regex.escape(w)})") if names else None
    abbr = trie(abbreviations, SPACE, regex.escape) if abbreviations else None
    return "(?:" + "|".join(x for x in (full, abbr) if x) + ")" + WORD_END


# Capitals the regex engine matches, ignoring case, to a letter that is not their own
# upper case: the Kelvin, Ångström and ohm signs fold to k, å and ω.
_OTHER_CAPITALS = {"K": "\u212a", "Å": "\u212b", "Ω": "\u2126"}


def mention_start(names: list[str], abbreviations: list[str]) -> re.Pattern:
    """A stdlib regex matching wherever a mention of one of these phrases can start: names
    in any case after a capital, abbreviations as written. Each branch opens with a capital
    written out, so the stdlib engine skips at C speed to the few letters that can open a
    body; the regex engine, which tests a pattern at every character, scanned several
    times slower. (The stdlib engine ignores case at least as widely as the regex one,
    so the rest of a name needs no more care than the first letter.)

    The phrases are grouped under their capital, so a capital that opens no body fails
    once, not once per phrase; a phrase that begins with another (Ban Bí thư, Ban) adds
    no place to start and is left out."""
    tails_by_capital: dict[str, set[str]] = defaultdict(set)
    for phrase, ignore_case in [*((n, True) for n in names), *((a, False) for a in abbreviations)]:
        first, *rest = phrase.split()
        written = (lambda w: f"(?i:{re.escape(w)})") if ignore_case else re.escape
        tail = SPACE.join([written(first[1:]) if first[1:] else "", *map(written, rest)])
        capitals = (first[0].upper() + _OTHER_CAPITALS.get(first[0].upper(), "")) if ignore_case else first[0]
        for capital in capitals:
            tails_by_capital[capital].add(tail)
    return re.compile("|".join(
        re.escape(capital) + "(?:" + "|".join(sorted(t for t in tails if not any(
            other != t and t.startswith(other) for other in tails))) + ")"
        for capital, tails in sorted(tails_by_capital.items())))
