"""Programme and project mentions: Chương trình MTQG, Dự án, Tiểu dự án, Nội dung, Đề án.

Three shapes, one regex each, built from patterns/programmes.toml:

  programme   "Chương trình MTQG giảm nghèo bền vững", "3 chương trình về xây dựng nông
              thôn mới, giảm nghèo bền vững, …" (every programme of a list)
  numbered    "Dự án 1: <name>", "Tiểu dự án 2 - <name>", "Nội dung số 02: <name>",
              "TDA2", "Đề án 06"; a missing name is the programme's own (from the nearest
              programme mention), the parent the Dự án before it
  named       "Dự án <name>", "Đề án <name>", "Chương trình <name>",
              "chương trình tín dụng <name>", and a programme's standing followed by a
              name that is none of the three ("Chương trình mục tiêu quốc gia phòng,
              chống ma túy"): a programme beyond the three, its programme the name as
              written

Generic uses ("các dự án", "dự án, tiểu dự án", "Chương trình luôn được …") have no number
and no name and are dropped. Each project is kept once per document, at its first
mention, with the fullest name any of its mentions gives (a named programme: the name its
mentions give most often). A programme's `programme` is the key of a national one (dtts,
giam_ngheo, ntm), else its name as written ("Chương trình Khuyến nông tỉnh Lạng Sơn").

`programme_mentions` gives every place a programme is named, in order, for tagging the
money near it: it reads the same scan as `projects` (cached per text).
"""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

import regex

from ..models import Project
from .figures import grammar as figure_grammar
from .name_match import expanded, token_f1
from ..text.sentences import SentenceIndex, sentence_index
from .project_grammar import Programme, alias_key, canonical_label, grammar, name_after, programmes


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    text: str
    label: str
    name: str | None
    number: str | None = None
    programme: str | None = None
    parent: str | None = None
    kind: str = ""  # "programme", "numbered", "named"
    canonical: str | None = None


@dataclass(frozen=True)
class ProgrammeMention:
    """A place the text names a programme: `programme` is the key of a national target
    programme (dtts, giam_ngheo, ntm), else the programme's name as written ("Chương
    trình Khuyến nông tỉnh Lạng Sơn"). Money near it can be tagged with it."""

    start: int
    end: int
    programme: str


def _national(text: str, m: regex.Match) -> bool:
    """Whether a programme match names the national programmes its aliases name, and not
    another programme whose name only begins with one ("Chương trình mục tiêu quốc gia
    giảm nghèo và an sinh xã hội bền vững")."""
    return grammar().other.match(text, m.start("aliases")) is None


@lru_cache(maxsize=4)
def find(text: str) -> tuple[Found, ...]:
    """Every programme, project and component mention of the text, in order. Cached:
    `projects` and `programme_mentions` both read it for the same document (room for the
    document and the few short texts read in between); the records are frozen, so the
    callers share them safely."""
    g = grammar()
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    for m in g.programme.finditer(text):
        if not _national(text, m):
            continue
        first = True
        for a in g.alias.finditer(text, m.start("aliases"), m.end("aliases")):
            p = g.programme_by_alias.get(alias_key(a.group()))
            if p is None:
                continue
            # The first programme's mention takes the programme word before it.
            found.append(Found(m.start() if first else a.start(), a.end(), " ".join(m.group().split()),
                                g.national_label, p.name, programme=p.key, kind="programme", canonical=p.key))
            first = False
        taken.append((m.start(), m.end()))
    for m in g.numbered.finditer(text):
        if _not_a_number(text, m):
            continue
        label = canonical_label(m.group("label"))
        number = m.group("number")
        if m.group("sep") is not None and _BLANK.match(text, m.end()):
            continue  # a form's slot to fill in ("Nội dung 1: ……"), no project
        name = None
        end = m.end()
        if m.group("sep") is not None and (m.group("sep").strip() or text[m.end():m.end() + 1].isupper()):
            if not g.not_a_name.match(text, m.end()) and not g.numbered.pattern.match(text, m.end()):
                name, end = name_after(text, m.end(), stop_at_comma=False, labels=g.numbered.pattern)
                name = name if _LETTER.search(name) else None
        found.append(Found(m.start(), end, " ".join(text[m.start():end].split()),
                            f"{label} {number}", name or None, number=number, kind="numbered"))
        taken.append((m.start(), end))
    covered = _Cover(taken)
    for m in g.named.finditer(text):
        if covered(m.start()):
            continue
        start = m.start("rest")
        if m.group("kind") and (lead := g.kind_lead.match(text, start)) is not None:
            start = lead.end()
        # (A national programme named here was taken by the programme scan: a match the
        # scan rejected names another programme, read on here.)
        if g.not_a_name.match(text, start):
            continue
        if not (text[start].isalpha() or text[start] == "*"):
            continue
        label = canonical_label(" ".join(m.group("label").split()))
        if m.group("head"):
            label = g.national_label
        elif label.lower() == g.programme_label.lower():
            label = g.programme_label
        if m.group("kind"):
            label = f"{label} {' '.join(m.group('kind').split())}"
        is_programme = label.startswith(g.programme_label)
        if is_programme and g.not_a_programme_name.match(text, start):
            continue
        # A programme's name may hold commas ("cắt giảm, đơn giản hóa thủ tục"); it ends
        # where the next programme of a list begins. A project's ends at a comma.
        name, end = name_after(text, start, stop_at_comma=not is_programme, programme=is_programme)
        if len(name.split()) < 2 and not m.group("kind"):
            continue
        if is_programme and alias_key(name) in g.not_a_whole_name:
            continue
        if not is_programme and not m.group("kind") and not _particular(text, m.start(), start, name):
            continue
        written = f"{' '.join(text[m.start():start].split())} {name}" if is_programme else None
        found.append(Found(m.start(), end, " ".join(text[m.start():end].split()), label, name,
                            programme=written, kind="named"))
        if label == g.project_label:
            found += _list_items(text, end, label)
    found.sort(key=lambda f: f.start)
    return tuple(_resolve(found, text))


_LETTER = regex.compile(r"\p{L}")
# Dots or underscores to write on.
_BLANK = regex.compile(r"\s*[.…_]{2,}")


def _not_a_number(text: str, m: regex.Match) -> bool:
    """Whether the number after a label is none of its: a footnote mark glued to a
    label written out in lower case ("Mã ngành dự án1:"; an abbreviation takes its
    number glued, TDA2), or a count of what follows ("gửi đơn vị thẩm định dự án 01 bộ
    hồ sơ": patterns/units.toml's counted nouns)."""
    label = m.group("label")
    if label[0].islower() and " " in label and m.start("number") == m.end("label"):
        return True
    return figure_grammar().figure.match(text, m.start("number")) is not None


def _particular(text: str, start: int, name_start: int, name: str) -> bool:
    """Whether "Dự án <name>" / "Đề án <name>" without a number names one project, not a
    kind of project: its name holds a proper word ("Dự án cao tốc Cần Thơ - Cà Mau",
    "Dự án Đầu tư xây dựng Bến cảng Bãi Gốc"), or the text sets it off as a heading in
    emphasis ("+ *Dự án phát triển sản xuất theo chuỗi giá trị*:"). A law's "Dự án đầu
    tư xây dựng nhà ở;", "Dự án thực hiện tại địa bàn …", "Dự án nhóm A" is a kind."""
    g = grammar()
    if (start > 0 and text[start - 1] in "*_") or g.proper_word.search(name) is not None:
        return True
    # Read on over its commas, the name ends at a period or an owner of its own: "Đề án
    # đào tạo, bồi dưỡng, … các cấp giai đoạn 2021 - 2030", "Đề án cải cách thủ tục
    # hành chính theo cơ chế "một cửa" của Sở Y tế" (patterns: periods, owners; an owner
    # not when the name speaks of a kind still, kind_words).
    whole, end = name_after(text, name_start, stop_at_comma=False)
    return g.period_after.match(text, end) is not None or (
        g.owner_after.match(text, end) is not None and g.kind_word.search(whole) is None)


def _offset(mark: tuple[int, str]) -> int:
    return mark[0]


class _Cover:
    """Whether an offset lies in one of a set of spans (start, end): one binary search
    over the spans sorted by start and the running maximum of their ends, not a scan of
    every span per offset."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.reach: list[int] = []
        for _, e in spans:
            self.reach.append(max(e, self.reach[-1]) if self.reach else e)

    def __call__(self, offset: int) -> bool:
        i = bisect.bisect_right(self.starts, offset)
        return i > 0 and self.reach[i - 1] > offset


_ITEM = regex.compile(r"[ \t]*[,;][ \t]*(?:\n[ \t]*)?(?=\p{Lu})")


def _list_items(text: str, end: int, label: str) -> list[Found]:
    """"Dự án A, B, C; D": the capitalised items after a named Dự án are projects too."""
    items = []
    while (m := _ITEM.match(text, end)) is not None:
        if grammar().named.pattern.match(text, m.end()) is not None:
            break  # "Dự án A, Dự án B": B is read as a named project of its own
        name, end = name_after(text, m.end(), stop_at_comma=True)
        comma = text.find(";", m.end(), end)
        if comma >= 0:
            name, end = " ".join(text[m.end():comma].split()), comma
        if len(name.split()) < 2:
            break
        items.append(Found(m.end(), end, " ".join(text[m.end():end].split()), label, name, kind="named"))
    return items


def _programme_of(f: Found, text: str, marks: list[tuple[int, str]], sentences: SentenceIndex,
                  cues_of: dict[tuple[int, int], tuple[set[str], set[str]]] | None = None) -> str | None:
    """Which programme a "Dự án N" belongs to: numbers repeat across programmes (Dự án 4
    is vocational training in GNBV, infrastructure in 1719). In order: the title the text
    gives, a programme named in the same sentence, the lead agency named there
    (LĐ-TB&XH → GNBV, Ban Dân tộc → 1719, VPĐP / NN&PTNT → NTM), the nearest programme
    mention before, else after. `marks` is in order of offset; `cues_of` keeps each
    sentence's programmes and agency cues, read once however many labels it holds."""
    g = grammar()
    data = programmes().programme
    if f.name and f.number:
        scored = [(token_f1(e.name, f.name), p.key) for p in data for e in p.project if e.number == f.number]
        best = max(scored, default=(0.0, None))
        if best[0] >= 0.5 and sum(1 for sc, _ in scored if sc == best[0]) == 1:
            return best[1]
    bounds = sentences.bounds(f.start)
    cached = cues_of.get(bounds) if cues_of is not None else None
    if cached is None:
        s_start, s_end = bounds
        first, last = (bisect.bisect_left(marks, o, key=_offset) for o in (s_start, s_end))
        in_sentence = {p for _, p in marks[first:last]}
        cues = {g.programme_by_agency.get(alias_key(m.group())) for m in g.agency.finditer(text, s_start, s_end)}
        cues.discard(None)
        cached = (in_sentence, cues)
        if cues_of is not None:
            cues_of[bounds] = cached
    in_sentence, cues = cached
    if len(in_sentence) == 1:
        return next(iter(in_sentence))
    if len(cues) == 1:
        return next(iter(cues))
    i = bisect.bisect_left(marks, f.start, key=_offset)
    return marks[i - 1][1] if i > 0 else (marks[i][1] if i < len(marks) else None)


def _resolve(found: list[Found], text: str) -> list[Found]:
    """Programme of each numbered label, parent of each Tiểu dự án / Nội dung (the Dự
    án before it, whose programme it shares), and the canonical name when the text gives
    none: the records with these filled in."""
    data = {p.key: p for p in programmes().programme}
    g = grammar()
    marks = [(f.start, f.programme) for f in found if f.kind == "programme"]
    sentences = sentence_index(text) if any(f.kind == "numbered" for f in found) else None
    cues_of: dict[tuple[int, int], tuple[set[str], set[str]]] = {}
    parent: Found | None = None
    resolved: list[Found] = []
    for f in found:
        if f.kind != "numbered":
            resolved.append(f)
            continue
        label = f.label.rsplit(" ", 1)[0]
        level = g.label_level[label]
        if level is not None and level > 0 and parent is not None:
            f = replace(f, parent=parent.label)
        if level is not None:
            f = replace(f, programme=(parent.programme if f.parent and parent is not None and parent.programme
                                      else _programme_of(f, text, marks, sentences, cues_of)))
            f = _component(f, label, data)
        if level == 0:
            parent = f
        resolved.append(f)
    return resolved


def _component(f: Found, label: str, data: dict[str, Programme]) -> Found:
    """The programme component a resolved numbered label is (its canonical path), and
    the component's name from patterns/programmes.toml when the text gives none."""
    if f.programme is None:
        return f
    programme = data[f.programme]
    project = grammar().project_label
    project_number = f.number if label == project else (f.parent.split()[-1] if f.parent else None)
    entry = next((e for e in programme.project if e.number == project_number), None)
    if entry is None:
        return f
    part = None
    if label != project:
        part = next((p for p in entry.parts if p.kind.startswith(label.split()[0])
                     and p.number.lstrip("0") == (f.number or "").lstrip("0")), None)
        if part is None:
            return f
    return replace(f, canonical="/".join(x for x in (f.programme, f.parent, f.label) if x),
                   name=f.name or (part.name if part else entry.name))


def _kept(text: str) -> list[tuple[Found, list[Found]]]:
    """Each project once, at its first mention, with all its mentions. Its name is the
    fullest any mention gives; a named programme's is the one its mentions give most often
    (then the fullest): a law names "Chương trình quốc gia về sử dụng năng lượng tiết kiệm
    và hiệu quả" ten times, and once runs on into the clause after it."""
    project = grammar().project_label
    groups: dict[tuple, list[Found]] = {}
    for f in find(text):
        if f.kind == "numbered":
            k = (f.kind, f.label, f.programme, f.parent if not f.label.startswith(project) else None)
        elif f.kind == "programme":
            k = (f.kind, f.label, f.programme)
        else:
            # Named projects are one when one name begins the other ("Chương trình
            # khuyến nông" and "Chương trình Khuyến nông tỉnh Lạng Sơn"), abbreviations
            # spelled out.
            name_key = expanded(f.name or "")
            k = next((k for k in groups if k[:2] == (f.kind, f.label)
                      and (k[2].startswith(name_key) or name_key.startswith(k[2]))),
                     (f.kind, f.label, name_key))
        groups.setdefault(k, []).append(f)
    kept = []
    for group in groups.values():
        first = group[0]
        if first.kind == "programme":
            kept.append((first, group))
            continue
        named = [f for f in group if f.name]
        if first.kind == "named" and first.label.startswith(grammar().programme_label):
            often = Counter(expanded(f.name) for f in named)
            best = max(named, key=lambda f: (often[expanded(f.name)], len(f.name)))
        else:
            best = max(named, key=lambda f: len(f.name), default=first)
        kept.append((replace(first, name=best.name,
                             programme=best.programme if first.kind == "named" else first.programme), group))
    return kept


def projects(text: str) -> list[Project]:
    return [Project(text=f.text, start=f.start, end=f.end, label=f.label, name=f.name, number=f.number,
                    parent=f.parent, programme=f.programme, canonical=f.canonical) for f, _ in _kept(text)]


def programme_mentions(text: str) -> list[ProgrammeMention]:
    """Every place the text names a programme, in order: the three national target
    programmes by their standing and an alias ("Chương trình MTQG giảm nghèo bền vững",
    each programme of "3 chương trình MTQG …"), by a short reference ("Chương trình 1719",
    "Chương trình nông thôn mới"), and any other programme by its name ("Chương trình
    Khuyến nông tỉnh Lạng Sơn"). Each mention of another programme carries the name its
    Project has (the one the document writes most often), so money tagged with it joins
    the project. Read from `find`'s scan, which `projects` shares: a document is scanned
    once."""
    mentions = [ProgrammeMention(f.start, f.end, project.programme)
                for project, group in _kept(text)
                if project.programme is not None and project.kind in ("programme", "named")
                for f in group]
    return sorted(mentions, key=lambda m: (m.start, m.end))
