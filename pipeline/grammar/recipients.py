"""Where a document says who it is sent to: its "Kính gửi" and "Nơi nhận" lists."""
from __future__ import annotations

from .body_grammar import grammar


def recipient_lists(text: str) -> list[tuple[int, int]]:
    """The spans of the lists a document is sent to: the line of "Kính gửi:" or "Nơi
    nhận:" with the list items ("- Sở Tài chính;") under it, up to the first line that is
    not an item. An item wrapped over lines goes on in a line that opens in lower case or
    after a comma ("Kính gửi: Thuế" ⏎ "thành phố Hồ Chí Minh"), or in a line of one
    capitalised word after an item left unpunctuated ("- Thuế thành phố Hải" ⏎ "Phòng").
    A line holding only a table cell's bar, as web copies leave between the cue and its
    list ("**Kính gửi:**" ⏎ "|" ⏎ "- Thuế thành phố Hải Phòng"), is passed over."""
    g = grammar()
    spans = []
    for cue in g.recipient_cue.finditer(text):
        end = text.find("\n", cue.end())
        end = len(text) if end < 0 else end
        line, listed = text[cue.end():end], end
        while end < len(text):
            line_end = text.find("\n", end + 1)
            line_end = len(text) if line_end < 0 else line_end
            following = text[end + 1:line_end]
            if "|" in following and not following.strip(" *_|"):
                end = line_end  # a cell's bar: the list may go on after it
                continue
            wrapped = (following.strip(" *_")[:1].islower() or line.rstrip(" *_").endswith(",")
                       or _wrapped_name_end(line, following))
            # a list mark alone on its line ("-" ⏎ "Như Điều 5;") marks the line after it
            bare_mark = g.list_item.fullmatch(line.rstrip()) is not None
            if not (g.list_item.match(following) or bare_mark or wrapped and line.strip(" *_|")):
                break
            line, end = following, line_end
            listed = end
        spans.append((cue.start(), listed))
    return spans


def _wrapped_name_end(line: str, following: str) -> bool:
    """Whether `following` is the last word of a name the line broke ("- Thuế thành phố
    Hải" ⏎ "Phòng"): one capitalised word, after a line that no punctuation closed."""
    word = following.strip(" *_").rstrip(";.,")
    return (not line.rstrip(" *_").endswith((";", ".", ":", ",")) and " " not in word
            and word[:1].isupper() and word[1:].islower())
