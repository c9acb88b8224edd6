"""The result of a parse, as pydantic v2 models.

The field names of :class:`Document` and of the nested models below are the
contract of ``../shared/spec/output-contract.md`` (schema_version "1"):
every contract key is always present, ``null`` or ``[]`` when the document
does not have it. Fields beyond the contract (``lines``, ``mentions``,
``provenance``, ``source`` ...) say where each value came from: line numbers
are 1-based and count lines of the input as the reader saw it (for .docx and
.pdf, lines of the extracted text, see ``source.format``).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "SCHEMA_VERSION",
    "Assignment",
    "Deadline",
    "Document",
    "Issuer",
    "Link",
    "Mention",
    "Model",
    "Reference",
    "Section",
    "Signer",
    "Source",
    "Warning",
    "document_schema",
]

SCHEMA_VERSION = "1"

Kind = Literal["purpose", "tasks", "implementation", "other"]
Role = Literal["lead", "coordinate", "advise", "monitor", "implement"]
Scope = Literal["national", "local"]
Relation = Literal["implements", "amends", "replaces", "cites"]
LineRange = tuple[int, int]


class Model(BaseModel):
    """The base of every result model of kehoach (parse, diff, compare, trace, tasks): no field
    beyond those declared."""

    model_config = ConfigDict(extra="forbid", frozen=False)


class Issuer(Model):
    name: str | None = Field(None, description="the issuing body, as printed")
    parent: str | None = Field(None, description="the superior body printed above it in the header")
    code: str | None = Field(None, description="the issuer's part of the symbol: 'ĐUK', 'UBND'")
    agencies: list[str] = Field(
        default_factory=list,
        description=(
            "a joint document's issuing agencies, in printed order (name is them joined by ' - '); [] for one issuer"
        ),
    )
    lines: list[int] = Field(default_factory=list, description="lines the name and parent were read from")


class Section(Model):
    label: str | None = Field(
        description="printed marker without trailing punctuation: 'I', '1', '1.2', 'a', '-', 'Điều 1'"
    )
    heading: str | None = Field(None, description="heading text when the item is a heading")
    kind: Kind | None = Field(None, description="on top-level sections: purpose / tasks / implementation / other")
    text: str = Field("", description="body text; wrapped lines joined, paragraphs separated by a newline")
    children: list[Section] = Field(default_factory=list)
    path: str = Field("", description="dotted label path from the top: 'II.1', 'IV.2.a'")
    lines: LineRange = Field(description="first and last line of the section in the input")


class Mention(Model):
    line: int
    text: str = Field(description="the citation as printed, wraps joined")


class Reference(Model):
    kind: str | None = Field(description="type code: KL, CT, NĐ, TT, QĐ, KH, Luật ...")
    number: str | None = None
    symbol: str | None = Field(None, description="as printed, spaces and wraps removed; null for a law cited by name")
    date: str | None = Field(None, description="ISO date where the citation gives one")
    issuer: str | None = Field(None, description="the issuer as the citation prints it")
    title: str | None = Field(
        None, description="the abstract where quoted or after 'về'; the name of a law cited by name"
    )
    issuer_code: str | None = Field(None, description="the issuer's part of the symbol")
    scope: Scope | None = Field(None, description="national for central issuers (TW, CP, QH ...), local otherwise")
    locality: str | None = Field(None, description="for a local reference: the citing document's locality")
    key: str | None = Field(
        None,
        description="the reference as a key (kehoach.keys.reference_key): 'sym:02-KL/TW', 'title:luat dat dai#2024'",
    )
    mentions: list[Mention] = Field(default_factory=list)
    relation: Relation = Field(
        "cites",
        description=(
            "what the citing document does to this one, from its title and opening: implements / amends / replaces / "
            "cites"
        ),
    )
    links: list[Link] = Field(
        default_factory=list,
        description=(
            "what the citation says this document does to others: 'Kế hoạch số 33-KH/TU ... thực hiện Kết luận số "
            "02-KL/TW' gives 33-KH/TU [{implements, 02-KL/TW}]"
        ),
    )


class Link(Model):
    relation: Relation
    symbol: str = Field(description="the other document's symbol, as printed")


class Deadline(Model):
    text: str
    date: str | None = Field(None, description="ISO 8601 at the printed precision; '--11-15' yearly, '---20' monthly")
    recurrence: Literal["yearly", "semiannual", "quarterly", "monthly", "weekly"] | None = None
    line: int | None = None


class Assignment(Model):
    body: str = Field(description="the tasked body as printed")
    role: Role
    action: str = Field("", description="what the body is to do")
    deadline: Deadline | None = None
    function: str | None = Field(
        None, description="what the body does, the same at every level: 'propaganda', 'office'"
    )
    person: str | None = Field(
        None, description="the person tasked, where a named person is ('Trần Hồng Hà' of 'Phó Thủ tướng Trần Hồng Hà')"
    )
    report_to: str | None = Field(None, description="where results are to be reported")
    section: str | None = Field(None, description="path of the section the assignment was read from")
    line: int | None = None


class Signer(Model):
    name: str | None = None
    position: str | None = None
    authority: str | None = None
    lines: list[int] = Field(default_factory=list)
    cosigners: list[Signer] = Field(default_factory=list, description="the other signers of a joint document")


class Warning(Model):
    code: str
    message: str
    line: int | None = None


class Source(Model):
    path: str | None = None
    format: str = Field(description="txt, docx, pdf")
    encoding: str | None = Field(
        None, description="the byte encoding the text was decoded from (utf-8, tcvn3, vni ...)"
    )
    sha256: str | None = None
    lines: int = Field(0, description="lines of text the reader produced")


class Document(Model):
    schema_version: str = SCHEMA_VERSION
    doc_type: str | None = None
    doc_type_name: str | None = None
    symbol: str | None = None
    number: str | None = None
    issuer: Issuer = Field(default_factory=Issuer)
    place: str | None = None
    province: str | None = Field(
        None,
        description=(
            "the province the place names, as named before the 2025 merger ('Thành phố Hồ Chí Minh' → 'Hồ Chí Minh')"
        ),
    )
    province_2025: str | None = Field(
        None, description="the province that place belongs to since 1 July 2025 ('Trà Vinh' → 'Vĩnh Long')"
    )
    date: str | None = None
    title: str | None = None
    sections: list[Section] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    assignments: list[Assignment] = Field(default_factory=list)
    recipients: list[str] = Field(default_factory=list)
    signer: Signer = Field(default_factory=Signer)
    warnings: list[Warning] = Field(default_factory=list)
    # beyond the contract
    addressees: list[str] = Field(default_factory=list, description="'Kính gửi' addressees of a công văn")
    attachments: list[str] = Field(default_factory=list, description="'Gửi kèm' attachments")
    authority: str | None = Field(
        None, description="the enacting authority line of a Quyết định ('CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ...')"
    )
    preamble: str = Field("", description="unnumbered text between the title and the first section")
    closing: str = Field("", description="unnumbered closing text after the last section ('Trên đây là ...')")
    provenance: dict[str, list[int]] = Field(
        default_factory=dict, description="field name → the lines it was read from"
    )
    appendices: list[Document] = Field(
        default_factory=list, description="documents carried by this one (Phụ lục, ban hành kèm theo)"
    )
    source: Source | None = None

    def to_json(self, *, indent: int | None = 2) -> str:
        """The contract JSON of this document."""
        return self.model_dump_json(indent=indent)


Section.model_rebuild()
Reference.model_rebuild()
Signer.model_rebuild()
Document.model_rebuild()


def document_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :class:`Document`, with Document at the top level."""
    raw = Document.model_json_schema()
    defs = raw.get("$defs", {})
    top = dict(defs.get("Document", raw))
    top["$defs"] = defs
    top["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    top["title"] = "Document"
    top["description"] = "A Vietnamese directive document parsed by kehoach (output contract, schema_version 1)."
    return top
