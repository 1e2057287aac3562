"""Reads the declarative data in patterns/: TOML files, validated on load.

Each extractor names the file it reads and the pydantic model that checks it, so a typo
in a pattern file fails with the file and the field, not with a wrong extraction later.
"""
from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from functools import cache, wraps
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


class PatternError(ValueError):
    pass


def patterns_dir() -> Path:
    """$VANBAN_PATTERNS, else the checkout's patterns/, else the copy a wheel installs."""
    if os.environ.get("VANBAN_PATTERNS"):
        return Path(os.environ["VANBAN_PATTERNS"])
    checkout = Path(__file__).resolve().parent.parent / "patterns"
    if checkout.is_dir():
        return checkout
    return Path(__file__).resolve().parent / "data"


@cache
def read_toml(name: str) -> dict:
    path = patterns_dir() / f"{name}.toml"
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError as e:
        raise PatternError(f"{path}: pattern file not found") from e
    except tomllib.TOMLDecodeError as e:
        raise PatternError(f"{path}: {e}") from e


def load(name: str, model: type[M]) -> M:
    """Parse patterns/<name>.toml into `model`, naming the file in any error."""
    try:
        return model.model_validate(read_toml(name))
    except ValidationError as e:
        raise PatternError(f"{patterns_dir() / (name + '.toml')}: {e}") from e


def only_default(component: str, default: str, name: str) -> None:
    """Refuse, when the pipeline is built, a `patterns` setting naming another file than
    `default` for a component some of whose readers take only their default file: the
    setting would reach part of the component and silently not the rest."""
    if name != default:
        raise PatternError(f"{component}: patterns = {name!r}: this component reads only "
                           f"patterns/{default}.toml for now (not all of its readers take another file)")


def per_file(default: str) -> Callable[[Callable[[str], T]], Callable[..., T]]:
    """Caches a loader that builds what it reads from one pattern file, per file name:
    `loader()` reads `default`, `loader(name)` another file (a spaCy component's
    `patterns` setting), and `loader()` and `loader(default)` share one build."""
    def decorate(build: Callable[[str], T]) -> Callable[..., T]:
        cached = cache(build)

        @wraps(build)
        def loader(name: str = default) -> T:
            return cached(name)
        loader.cache_clear = cached.cache_clear
        return loader
    return decorate
