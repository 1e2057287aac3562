"""Where a document says who it is sent to: its "Kính gửi" and "Nơi nhận" lists."""
from __future__ import annotations

from .body_grammar import grammar


def recipient_lists(text: str) -> list[tuple[int, int]]:
    """The spans of the lists a document is sent to: the line of "Kính gửi:" or "Nơi
    nhận:" with the list items ("- Sở Tài chính;") under it, up to the first line that is
    not an item. An item wrapped over lines goes on in a line that opens in lower case or
    after a comma ("Kính gửi: Thuế" ⏎ "thành phố Hồ Chí Minh")."""
    g = grammar()
    spans = []
    for cue in g.recipient_cue.finditer(text):
        end = text.find("\n", cue.end())
        end = len(text) if end < 0 else end
        line = text[cue.end():end]
        while end < len(text):
            line_end = text.find("\n", end + 1)
            line_end = len(text) if line_end < 0 else line_end
            following = text[end + 1:line_end]
            wrapped = following.strip(" *_")[:1].islower() or line.rstrip(" *_").endswith(",")
            # a list mark alone on its line ("-" ⏎ "Như Điều 5;") marks the line after it
            bare_mark = g.list_item.fullmatch(line.rstrip()) is not None
            if not (g.list_item.match(following) or bare_mark or wrapped and line.strip(" *_|")):
                break
            line, end = following, line_end
        spans.append((cue.start(), end))
    return spans
