"""The typed results of every stage: the public output contract.

Field names follow ../shared/gold/FORMAT.md (kind, number_symbol, issued_date, vnd, value,
label, name …); what users need beyond the gold lives beside those names.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field

from .place_words import unit_types

BlockKind = Literal[
    "paragraph", "header_cell", "title", "table_cell", "signature", "recipients",
    "page_header", "page_footer", "heading", "list_item",
]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def replaced(self, **changes: object) -> Self:
        """A copy with `changes` (not validated): what model_copy(update=changes) returns,
        made in one step where model_copy copies each of the instance's attributes through
        the generic copy protocol (a document's mentions are copied by the thousand)."""
        return type(self)._holding({**self.__dict__, **changes}, self.__pydantic_fields_set__.union(changes))

    @classmethod
    def from_checked(cls, values: dict) -> Self:
        """An instance holding `values`: every field's value, in the fields' order, already
        of its type (the caller built them). model_construct without its pure-Python pass
        over the fields' defaults, for the records a document makes by the hundred."""
        return cls._holding(values, set(values))

    @classmethod
    def _holding(cls, values: dict, fields_set: set[str]) -> Self:
        """An instance whose state is `values`, set as pydantic sets it, without validation."""
        new = object.__new__(cls)
        object.__setattr__(new, "__dict__", values)
        object.__setattr__(new, "__pydantic_fields_set__", fields_set)
        object.__setattr__(new, "__pydantic_extra__", None)
        object.__setattr__(new, "__pydantic_private__", None)
        return new


# ---------------------------------------------------------------- load stage
class Block(Frozen):
    """A piece of text in reading order, with where it came from in the file."""

    text: str
    kind: BlockKind = "paragraph"
    start: int = Field(description="offset of the block in LoadedDocument.text")
    end: int
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    index: int | None = Field(None, description="paragraph or table-cell index (DOCX, HTML)")
    furniture: bool = Field(False, description="page header/footer, navigation: not document content")
    ocr: bool = Field(False, description="read by OCR from a page image")
    confidence: float | None = Field(None, description="OCR confidence of the block, 0-1")


class Source(Frozen):
    path: str
    format: str = Field(description="txt, md, html, docx, pdf")
    sha256: str
    size: int
    pages: int | None = None


class LoadedDocument(Frozen):
    source: Source
    text: str = Field(description="the raw text, blocks joined by newlines")
    blocks: tuple[Block, ...] = ()
    warnings: tuple[str, ...] = ()


# ----------------------------------------------------------- normalise stage
class NormalizedText(Frozen):
    text: str
    original: str
    # to_original[i] is the offset in `original` of character i of `text`; one extra
    # entry maps the end of the text. A range when normalising changed nothing.
    to_original: Sequence[int]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.to_original[start], self.to_original[end]


# ------------------------------------------------------------------ mentions
class Mention(Frozen):
    """A span of the normalised text with its normalised value and its provenance."""

    text: str
    start: int
    end: int
    sentence: str | None = None
    page: int | None = None
    section: str | None = Field(None, description="section path, e.g. 'II > 1 > Dự án 1'")


Relation = Literal["can_cu", "thuc_hien", "sua_doi", "thay_the", "bai_bo", "huong_dan", "dan_chieu"]


class Citation(Mention):
    number_symbol: str = Field(description="NFC, upper case, no spaces, dashes as '-' (gold form)")
    kind: str | None = Field(None, description="type code: from the word before, else from the symbol")
    number: str | None = None
    year: int | None = None
    symbol: str | None = Field(None, description="the part after the number, e.g. 'QĐ-UBND'")
    issuer_code: str | None = None
    type_from_text: str | None = None
    type_from_symbol: str | None = None
    key: str = Field(description="match key: the number_symbol with known repairs applied")
    date: str | None = Field(None, description="ISO date of the cited document when given")
    issuer_name: str | None = Field(None, description="the issuing body named after it ('của UBND tỉnh')")
    pinpoint: str | None = Field(None, description="Điều/khoản/điểm when given")
    relation: Relation = "dan_chieu"
    resolved_from: str | None = Field(None, description="for a short form: key of the full citation")


EffectAction = Literal["sua_doi", "thay_the", "bai_bo", "het_hieu_luc", "dinh_chi", "dinh_chinh"]


class Effect(Mention):
    """What one document does to another: amends, replaces, repeals, declares ended,
    suspends or corrects it. The mention is the target's number where the act names it.
    `actor` None means the document holding the text acts; otherwise the text reports an
    act between two other documents and is only its evidence."""

    action: EffectAction
    target: str = Field(description="the target's number_symbol (gold form)")
    target_key: str = Field(description="the target's match key (Citation.key)")
    target_kind: str | None = None
    target_date: str | None = Field(None, description="ISO issue date of the target when given")
    target_issuer: str | None = Field(None, description="the target's issuer when named")
    actor: str | None = Field(None, description="number_symbol of the acting document when it is another "
                                                "one than the text's own; None: the text itself acts")
    verb: str = Field(description="the verb as written: 'Bãi bỏ', 'sửa đổi, bổ sung', 'hết hiệu lực'")
    scope: str | None = Field(None, description="the part reached as written ('khoản 1 Điều 12', 'Quy chế … "
                                                "ban hành kèm theo'); None: the whole document")
    attached: bool = Field(False, description="the act reaches the regulation attached to the target "
                                              "('Quy chế … ban hành kèm theo Thông tư số …')")
    whole: bool = Field(True, description="the act reaches the whole target (or the whole regulation "
                                          "attached to it), not some of its parts")
    effective_date: str | None = Field(None, description="ISO date the act takes effect: the one it states, "
                                                         "else the acting document's own effective_from")


AmountRole = Literal["allocated", "disbursed", "estimate", "requested", "rate", "other"]


class Amount(Mention):
    vnd: int | None = Field(description="exact value in VND; None for a foreign currency")
    value: str = Field(description="the number as a decimal string, in the written unit")
    unit: str = Field(description="the written unit word: đồng, triệu đồng, tỷ đồng, USD …")
    currency: str = "VND"
    per: str | None = Field(None, description="for a rate: the per-unit, e.g. 'ha/năm'")
    separator: Literal["vi", "en"] = Field("vi", description="dot-thousands (vi) or comma-thousands (en)")
    role: AmountRole = Field("other", description="what the money is (../shared/gold/FIGURES.md): allocated, "
                                               "disbursed, estimate, requested, rate (a norm per unit), other")
    total: bool = Field(False, description="the amount sums others in the same text (tổng, a total row, "
                                           "a 'trong đó' head)")
    funding_source: str | None = None
    programme: str | None = Field(None, description="the programme the money belongs to: giam_ngheo, ntm, dtts, "
                                                    "or another programme's name as written")
    project: str | None = Field(None, description="component path, outermost first: 'Dự án 4 > Tiểu dự án 1'")
    period: str | None = None
    year: int | None = Field(None, description="the budget year the money is for; None for a multi-year period")
    place: str | None = None
    part_of: int | None = Field(None, description="index in this document's amounts of the total this amount "
                                                  "is listed under ('gồm:', 'trong đó:', parentheses)")
    restates: int | None = Field(None, description="index in this document's amounts of the earlier amount "
                                                   "this one says again (words in brackets, a denominator, "
                                                   "a summary); None for new money")


class Percentage(Mention):
    value: float
    measure: str | None = Field(None, description="what it measures when the sentence says it")


class DateMention(Mention):
    value: str = Field(description="ISO date (YYYY-MM-DD), or YYYY-MM / YYYY when partial")
    precision: Literal["day", "month", "year"] = "day"


class Period(Mention):
    """A month, quarter, half, year, multi-year period, range or "as of" limit."""

    value: str = Field(description="ISO at its own precision: 2024-08, 2024-Q4, 2024-H1, "
                                   "2021-01-01/2025-12-31, ../2022-12-31 (as of)")
    granularity: str
    start_date: str | None = Field(None, description="first day covered (None for 'as of')")
    end_date: str = Field(description="last day covered")


class Organization(Mention):
    name: str = Field(description="the body as written, fullest surface form")
    abbreviation: str | None = None
    level: Literal["central", "province", "district", "commune"] | None = None
    occurrences: int = Field(1, description="how many times the document names this body")
    canonical: str | None = Field(None, description="full name with abbreviations spelled out and the "
                                                    "place filled in: 'Ủy ban nhân dân tỉnh Lạng Sơn'")
    place: str | None = Field(None, description="the place the body serves, e.g. 'tỉnh Lạng Sơn'")
    role: Literal["issuer", "recipient"] | None = Field(
        None, description="'issuer' for the body that issued the document (its header's issuer), "
                          "'recipient' when the document is sent to it (named under Kính gửi or Nơi nhận)")


class Project(Mention):
    label: str = Field(description="'Dự án 1', 'Tiểu dự án 2', 'Nội dung số 02', 'Chương trình MTQG'")
    name: str | None = None
    number: str | None = None
    parent: str | None = None
    programme: str | None = Field(None, description="national target programme key (dtts = 1719, giam_ngheo, ntm), "
                                                    "or another programme's name as written")
    canonical: str | None = Field(None, description="the programme component, e.g. 'dtts/Dự án 1/Nội dung số 02'")


# The unit types of patterns/places.toml (tỉnh, huyện … thôn, bản).
PlaceType = Literal[unit_types()]


class Place(Mention):
    """An administrative unit (or a thôn/bản) named in the text, resolved against the
    pre-2025 gazetteer (63 provinces, 3 levels) when it can be."""

    name: str = Field(description="the unit's canonical name without its type word: 'Phủ Thông'")
    unit_type: PlaceType
    code: str | None = Field(None, description="legacy GSO code: province 2 digits, district 3, commune 5")
    province: str | None = Field(None, description="the province it lies in (or is): 'Bắc Kạn'")
    district: str | None = Field(None, description="the district it lies in (or is): 'Bạch Thông'")
    successor: str | None = Field(None, description="the unit after the 2025 reform when known: "
                                                    "'Xã Phủ Thông, Tỉnh Thái Nguyên'")


class Figure(Mention):
    """A count with its unit (`46 nhà`) or a coverage fraction (`11/11 huyện`)."""

    value: float
    unit: str
    denominator: float | None = None


class Validity(Frozen):
    """When a document is in force, as it says itself."""

    effective_from: str | None = Field(None, description="ISO date it comes into force")
    effective_until: str | None = Field(None, description="ISO last day it is in force, when it sets an end")


class Section(Frozen):
    label: str = Field(description="the marker: 'I.', '1.', 'a)', 'Điều 3.', 'Dự án 1.'")
    title: str
    level: int
    start: int
    end: int
    path: str


# ------------------------------------------------------------ structure stage
class Header(Frozen):
    kind: str | None = None
    number_symbol: str | None = None
    issued_date: str | None = None
    issued_place: str | None = None
    issuer: str | None = None
    title: str | None = None
    signer: str | None = None
    signer_position: str | None = None
    authority: str | None = None
    parent_body: str | None = None
    recipients: tuple[str, ...] = ()


class Subject(Frozen):
    """The document a news article reports on, as the article names it."""

    kind: str | None = None
    number_symbol: str = Field(description="gold form, as Citation.number_symbol")
    key: str = Field(description="match key, as Citation.key")
    date: str | None = Field(None, description="ISO issue date when the article gives it")
    issuer: str | None = Field(None, description="the issuing body as the article names it")


class NewsInfo(Frozen):
    """What a news article or portal page says of itself (it has no official header)."""

    headline: str | None = None
    published: str | None = Field(None, description="ISO date of publication when the page gives it")
    site: str | None = Field(None, description="the publishing site when named")
    subject: Subject | None = Field(None, description="the one document the article reports on, if any")


class DocumentStructure(Frozen):
    kind: str = Field("news", description="the header's type code, or 'news' without a header")
    header: Header | None = None
    news: NewsInfo | None = None
    sections: tuple[Section, ...] = ()


# ------------------------------------------------------------- whole result
class ExtractionResult(Frozen):
    source: Source
    kind: str = Field("news", description="document kind: the header's type code (QĐ, KH, CV …) "
                                          "or 'news' for articles and pages without a header")
    header: Header | None = None
    news: NewsInfo | None = None
    citations: tuple[Citation, ...] = ()
    effects: tuple[Effect, ...] = ()
    amounts: tuple[Amount, ...] = ()
    percentages: tuple[Percentage, ...] = ()
    dates: tuple[DateMention, ...] = ()
    organizations: tuple[Organization, ...] = ()
    projects: tuple[Project, ...] = ()
    places: tuple[Place, ...] = ()
    figures: tuple[Figure, ...] = ()
    periods: tuple[Period, ...] = ()
    sections: tuple[Section, ...] = ()
    effective_from: str | None = Field(None, description="ISO date the document comes into force, as it says "
                                                         "('có hiệu lực kể từ ngày …'; 'kể từ ngày ký': the issue date)")
    effective_until: str | None = Field(None, description="ISO last day the document is in force when it sets "
                                                          "an end ('đến hết năm 2025', 'hết hiệu lực kể từ ngày …')")
    flags: tuple[str, ...] = Field((), description="consistency warnings, e.g. a total that its parts contradict")
    warnings: tuple[str, ...] = Field((), description="what loading left out or guessed: pages past "
                                                      "the limit, scanned pages not read, a legacy encoding")
    extractor_version: str = ""
    text: str = Field("", exclude=True, repr=False, description="the normalised text (not in JSON output)")
