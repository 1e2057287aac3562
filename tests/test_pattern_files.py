"""A malformed patterns/ file fails on load with its name, whichever grammar reads it."""
import pytest

from pipeline.grammar import name_match
from pipeline import page_words, patterns, place_words
from pipeline.grammar import body_grammar, body_words, places, project_grammar, projects, section_words


@pytest.mark.parametrize("name, content, caches, load", [
    ("abbreviations.toml", '[names]\nubnd = 1\n[issuers]\n',  # a number for a name
     (name_match.abbreviations,), name_match.abbreviations),
    ("bodies.toml", 'central_cities = ["Hà Nội"]\n[[body]]\nname = "Sở"\n',
     (body_words.bodies, body_grammar.grammar), body_grammar.grammar),
    ("places.toml", '[[unit_word]]\nword = "xã"\n',
     (place_words.place_words, place_words.unit_types, places.grammar), places.grammar),
    ("page.toml", 'recipients = "Nơi nhận"\n',  # archive and page missing
     (page_words.words, page_words.recipients_heading), page_words.words),
    ("programmes.toml", 'heads = ["CTMTQG"]\n[[programme]]\nkey = 1\n',
     (project_grammar.programmes, project_grammar.grammar, projects.find), project_grammar.grammar),
    ("sections.toml", 'appendix = ["Phụ lục"]\npart = "Phần"\n',  # part is a list; the rest missing
     (section_words.words,), section_words.words),
])
def test_malformed_patterns_file_is_named(tmp_path, monkeypatch, name, content, caches, load):
    (tmp_path / name).write_text(content, encoding="utf-8")
    monkeypatch.setenv("VANBAN_PATTERNS", str(tmp_path))
    for cached in (patterns.read_toml, *caches):
        cached.cache_clear()
    try:
        with pytest.raises(patterns.PatternError, match=name):
            load()
    finally:
        monkeypatch.delenv("VANBAN_PATTERNS")
        for cached in (patterns.read_toml, *caches):
            cached.cache_clear()
