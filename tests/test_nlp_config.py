"""The spaCy pipeline as configuration: each component names the pattern file it reads and
the Doc extensions it writes, and a config can point a component at another file."""
import shutil

import pytest
from thinc.api import Config

from pipeline import patterns
from pipeline.extract.nlp import CONFIG, build_nlp, nlp_from_config

# (component, its pattern file, the Doc extensions it writes)
COMPONENTS = [
    ("vanban_citations", "citation_cues", ["doc._.citations"]),
    ("vanban_dates", "dates", ["doc._.dates", "doc._.periods"]),
    ("vanban_effects", "effects", ["doc._.effects", "doc._.citations", "doc._.context"]),
    ("vanban_money", "money", ["doc._.amounts", "doc._.flags"]),
    ("vanban_percentages", "percentages", ["doc._.percentages"]),
    ("vanban_figures", "units", ["doc._.figures"]),
    ("vanban_organizations", "bodies", ["doc._.organizations"]),
    ("vanban_projects", "programmes", ["doc._.projects"]),
    ("vanban_places", "places", ["doc._.places"]),
]


@pytest.mark.parametrize(("name", "pattern_file", "assigns"), COMPONENTS, ids=[c[0] for c in COMPONENTS])
def test_component_config_and_assigns(name, pattern_file, assigns):
    nlp = build_nlp()
    assert nlp.config["components"][name] == {"factory": name, "patterns": pattern_file}
    assert nlp.get_pipe_meta(name).assigns == assigns


def test_pipeline_order_and_no_unmet_requirement():
    nlp = build_nlp()
    assert nlp.pipe_names == [name for name, _, _ in COMPONENTS] + ["vanban_provenance"]
    assert not any(nlp.analyze_pipes(pretty=False)["problems"].values())


def with_patterns(component: str, pattern_file: str) -> Config:
    return CONFIG.merge({"components": {component: {"patterns": pattern_file}}})


def test_config_naming_a_missing_file_fails_at_build_with_its_name():
    with pytest.raises(patterns.PatternError, match="no_such_percentages.toml"):
        nlp_from_config(with_patterns("vanban_percentages", "no_such_percentages"))


# Components some of whose readers take only their default file: another file would reach
# part of them, so the setting is refused when the pipeline is built, never half applied.
@pytest.mark.parametrize(("name", "pattern_file"), [
    ("vanban_citations", "citation_cues"), ("vanban_effects", "effects"), ("vanban_money", "money"),
    ("vanban_organizations", "bodies"), ("vanban_projects", "programmes"), ("vanban_places", "places"),
])
def test_a_component_that_reads_only_its_default_file_refuses_another(name, pattern_file):
    with pytest.raises(patterns.PatternError) as info:
        nlp_from_config(with_patterns(name, "other"))
    assert str(info.value) == (f"{name}: patterns = 'other': this component reads only "
                               f"patterns/{pattern_file}.toml for now (not all of its readers take another file)")


SENTENCE = "Tỷ lệ giải ngân đạt 42%."


def test_config_points_a_component_at_another_file(tmp_path, monkeypatch):
    # a copy of patterns/ with one more percentages file that measures only "lãi suất"
    shutil.copytree(patterns.patterns_dir(), tmp_path, dirs_exist_ok=True)
    (tmp_path / "percentages_rates.toml").write_text(
        'spelled = ["phần trăm"]\nof = ["kế hoạch"]\nmeasures = ["lãi suất"]\n', encoding="utf-8")
    monkeypatch.setenv("VANBAN_PATTERNS", str(tmp_path))
    default = build_nlp()(SENTENCE)._.percentages
    rates = nlp_from_config(with_patterns("vanban_percentages", "percentages_rates"))(SENTENCE)._.percentages
    assert [(p.value, p.measure) for p in default] == [(42.0, "tỷ lệ giải ngân")]
    assert [(p.value, p.measure) for p in rates] == [(42.0, None)]
