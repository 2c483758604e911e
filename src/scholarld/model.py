"""The profile model: what a researcher's profile holds, independent of any file format
or RDF vocabulary.

These classes *are* the profile format: the YAML reader validates a file against them,
``docs/profile.schema.json`` is generated from them, the importers produce them and the
graph stage maps them to schema.org and FaBiO/SPAR. They are immutable values; every
stage receives them and returns new values, nothing is shared and mutated.

Field order here is the order the writer emits, so keep it readable: identity first,
then descriptive fields, then lists.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from scholarld.model_references import reference_problems

NOT_BLANK = r"\S"  # text must hold something besides whitespace

Year = Annotated[int, Field(ge=1000, le=2999, description="A four-digit year, e.g. 2016.")]
Month = Annotated[int, Field(ge=1, le=12, description="A month number, 1 to 12.")]
NonEmpty = Annotated[str, Field(min_length=1, pattern=NOT_BLANK)]
Slug = Annotated[
    str,
    Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", description="Lowercase letters, digits, hyphens."),
]
WorkKey = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        description="Stable key of a work within its profile, e.g. he2016deep; used in IRIs.",
    ),
]
LanguageTag = Annotated[
    str,
    Field(pattern=r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$", description="BCP 47 tag, e.g. zh."),
]
WebUrl = Annotated[
    str,
    Field(
        pattern=r"^(https?://[^\s<>\"]+|mailto:[^\s<>\"]+)$",
        description="http, https or mailto",
    ),
]


class Record(BaseModel):
    """Base of every profile record: unknown fields are errors (they are usually typos)."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class LinkKind(StrEnum):
    """What a labelled link points to, so pages and the graph can type it."""

    PAPER = "paper"  # the full text (PDF)
    ARXIV = "arxiv"
    CODE = "code"
    MODELS = "models"
    SLIDES = "slides"
    POSTER = "poster"
    VIDEO = "video"  # a recorded talk
    PROJECT = "project"  # a project page
    SUPPLEMENT = "supplement"
    VERSION = "version"  # another version's full text ("PAMI version")
    IMAGES = "images"
    THESIS = "thesis"
    WEBSITE = "website"
    PROFILE = "profile"  # a profile elsewhere (Google Scholar, dblp, ...)
    OTHER = "other"


class Link(Record):
    """A labelled link as shown on a page. The URL may be unknown (kept as a label)."""

    label: NonEmpty
    kind: LinkKind = LinkKind.OTHER
    url: WebUrl | None = None


class LocalizedName(Record):
    """A name in another script or language, e.g. 何恺明 tagged ``zh``."""

    value: NonEmpty
    lang: LanguageTag


class PersonIdentifiers(Record):
    """Identifiers of a person in other systems (values, not URLs)."""

    orcid: Annotated[str, Field(pattern=r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")] | None = None
    dblp: NonEmpty | None = Field(None, description="dblp person id, e.g. 57/54")
    google_scholar: NonEmpty | None = Field(None, description="Google Scholar user id")
    github: NonEmpty | None = Field(None, description="GitHub user name")
    wikidata: Annotated[str, Field(pattern=r"^Q[1-9]\d*$")] | None = None


class Organization(Record):
    """An organisation, optionally part of a parent (a lab inside a company)."""

    name: NonEmpty
    acronym: NonEmpty | None = None
    place: NonEmpty | None = Field(None, description="City and region as written")
    url: WebUrl | None = None
    parent: Organization | None = None


class Position(Record):
    """A dated role at an organisation: a past affiliation or a degree."""

    organization: Organization
    role: NonEmpty | None = Field(None, description="e.g. Researcher, PhD")
    start: Year | None = None
    end: Year | None = None

    @model_validator(mode="after")
    def _start_before_end(self) -> Position:
        _check_range(self.start, self.end)
        return self


class Person(Record):
    """The profile's owner."""

    name: NonEmpty = Field(description="The name as the person writes it")
    other_names: list[LocalizedName] = Field(default_factory=list)
    aliases: list[NonEmpty] = Field(
        default_factory=list, description="Other spellings used in author lists, e.g. K. He"
    )
    given_name: NonEmpty | None = None
    family_name: NonEmpty | None = None
    job_title: NonEmpty | None = None
    affiliation: Organization | None = None
    past_affiliations: list[Position] = Field(default_factory=list)
    education: list[Position] = Field(default_factory=list)
    interests: list[NonEmpty] = Field(default_factory=list)
    bio: list[NonEmpty] = Field(default_factory=list, description="Paragraphs")
    photo: WebUrl | None = None
    homepage: WebUrl | None = None
    email: NonEmpty | None = None
    identifiers: PersonIdentifiers = Field(default_factory=PersonIdentifiers)
    links: list[Link] = Field(default_factory=list)


class Occasion(Record):
    """A venue edition: CVPR 2015."""

    venue: NonEmpty
    year: Year


class Award(Record):
    """A personal award or honour. One line may name several occasions
    ("Outstanding Reviewer: CVPR 2015, ICCV 2015")."""

    name: NonEmpty
    year: Year | None = None
    occasions: list[Occasion] = Field(default_factory=list)
    work: WorkKey | None = Field(None, description="Key of the work the award was for")


class ServiceRole(Record):
    """Service to the community: Area Chair at CVPR 2016, Associate Editor of IJCV 2016-2019."""

    role: NonEmpty
    venue: NonEmpty = Field(description="Acronym or key of a venue")
    year: Year | None = None
    start: Year | None = None
    end: Year | None = None

    @model_validator(mode="after")
    def _year_or_range(self) -> ServiceRole:
        if self.year is not None and (self.start is not None or self.end is not None):
            raise ValueError("give either year or start/end, not both")
        _check_range(self.start, self.end)
        return self


class TalkKind(StrEnum):
    TUTORIAL = "tutorial"
    TALK = "talk"
    KEYNOTE = "keynote"
    WORKSHOP = "workshop"


class TalkPart(StrEnum):
    """The profile owner's part in a tutorial or talk."""

    ORGANIZER = "organizer"
    CO_ORGANIZER = "co-organizer"
    INVITED_SPEAKER = "invited-speaker"
    SPEAKER = "speaker"


class Talk(Record):
    """A tutorial, talk, keynote or workshop at a venue."""

    kind: TalkKind
    title: NonEmpty
    venue: NonEmpty
    year: Year
    part: TalkPart
    links: list[Link] = Field(default_factory=list)


class VenueKind(StrEnum):
    CONFERENCE = "conference"
    WORKSHOP = "workshop"
    JOURNAL = "journal"
    PREPRINT_SERVER = "preprint-server"


class Venue(Record):
    """A publication venue: a conference series, a journal or a preprint server."""

    key: NonEmpty = Field(description="How versions, roles and talks refer to it, e.g. CVPR")
    name: NonEmpty | None = Field(None, description="Full name as written")
    acronym: NonEmpty | None = None
    kind: VenueKind


class Author(Record):
    """One author of a work, in order."""

    name: NonEmpty = Field(description="As written in the author list, diacritics kept")
    equal_contribution: bool = False
    orcid: Annotated[str, Field(pattern=r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")] | None = None
    dblp: NonEmpty | None = None


def _author_from_text(value: Any) -> Any:
    """An author may be written as a bare name."""
    return {"name": value} if isinstance(value, str) else value


AuthorList = list[Annotated[Author, Field(description="A name, or an object with details")]]


class VersionKind(StrEnum):
    CONFERENCE_PAPER = "conference-paper"
    WORKSHOP_PAPER = "workshop-paper"
    JOURNAL_ARTICLE = "journal-article"
    # a paper in a journal that publishes a conference's proceedings (ACM TOG / SIGGRAPH)
    PROCEEDINGS_JOURNAL_ARTICLE = "proceedings-journal-article"
    PREPRINT = "preprint"
    TECH_REPORT = "tech-report"


class StatusState(StrEnum):
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under-review"
    ACCEPTED = "accepted"
    IN_PRESS = "in-press"
    PUBLISHED = "published"


class Status(Record):
    """A publishing status with the year it was reached: "accepted in 2018"."""

    state: StatusState
    year: Year | None = None


class Presentation(StrEnum):
    ORAL = "oral"
    SPOTLIGHT = "spotlight"
    POSTER = "poster"


ArxivId = Annotated[
    str,
    Field(
        pattern=r"^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?/\d{7})$",
        description="arXiv identifier without version, e.g. 1512.03385",
    ),
]


class WorkIdentifiers(Record):
    doi: Annotated[str, Field(pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    arxiv: ArxivId | None = None


class Version(Record):
    """One published form of a work: the conference paper, the journal article, the preprint."""

    kind: VersionKind
    venue: NonEmpty = Field(description="Key of a venue in this profile's venues")
    conference: NonEmpty | None = Field(
        None, description="For proceedings-journal articles: key of the conference venue"
    )
    year: Year | None = None
    month: Month | None = None
    status: Status | None = None
    presentation: Presentation | None = None
    awards: list[NonEmpty] = Field(default_factory=list)
    nominations: list[NonEmpty] = Field(default_factory=list)
    title: NonEmpty | None = Field(None, description="Only when it differs from the work's")
    authors: AuthorList | None = Field(None, description="Only when they differ from the work's")
    identifiers: WorkIdentifiers = Field(default_factory=WorkIdentifiers)
    links: list[Link] = Field(default_factory=list)

    @field_validator("authors", mode="before")
    @classmethod
    def _authors_from_text(cls, value: Any) -> Any:
        return [_author_from_text(v) for v in value] if isinstance(value, list) else value

    @model_validator(mode="after")
    def _month_needs_year(self) -> Version:
        if self.month is not None and self.year is None:
            raise ValueError("a month needs a year")
        return self


class Work(Record):
    """A publication as one work (the FRBR Work) with its versions (Expressions)."""

    key: WorkKey
    title: NonEmpty
    authors: AuthorList = Field(default_factory=list)
    versions: list[Version] = Field(default_factory=list)
    identifiers: WorkIdentifiers = Field(default_factory=WorkIdentifiers)
    links: list[Link] = Field(default_factory=list)
    notes: list[NonEmpty] = Field(
        default_factory=list, description="Free text: competition results, related projects"
    )

    @field_validator("authors", mode="before")
    @classmethod
    def _authors_from_text(cls, value: Any) -> Any:
        return [_author_from_text(v) for v in value] if isinstance(value, list) else value


class Unparsed(Record):
    """Source text an importer could not parse, kept so nothing is lost."""

    line: int = Field(ge=1)
    text: str
    reason: NonEmpty


class Profile(Record):
    """One researcher's profile: a file ``data/people/<slug>.yaml``."""

    person: Person
    venues: list[Venue] = Field(default_factory=list)
    awards: list[Award] = Field(default_factory=list)
    roles: list[ServiceRole] = Field(default_factory=list)
    talks: list[Talk] = Field(default_factory=list)
    works: list[Work] = Field(default_factory=list)
    unparsed: list[Unparsed] = Field(default_factory=list)

    @model_validator(mode="after")
    def _references_resolve(self, info: ValidationInfo) -> Profile:
        # The reader passes context {"defer_reference_checks": True} and reports these
        # itself, each at its line (scholarld.model_references).
        if isinstance(info.context, dict) and info.context.get("defer_reference_checks"):
            return self
        problems = reference_problems(self)
        if problems:
            raise ValueError("; ".join(problem.message for problem in problems))
        return self


def _check_range(start: int | None, end: int | None) -> None:
    if start is not None and end is not None and end < start:
        raise ValueError(f"end year {end} is before start year {start}")


class SiteConfig(Record):
    """The site configuration, ``data/site.yaml``: every IRI is minted under ``base_iri``."""

    base_iri: Annotated[str, Field(pattern=r"^https?://[^\s#?]+/$")] = Field(
        "http://localhost:8000/", description="Ends with /; every IRI is minted under it"
    )
    title: NonEmpty = "Scholarly profiles"
    language: LanguageTag = "en"
    license: WebUrl = Field(
        "https://creativecommons.org/licenses/by/4.0/", description="Licence of the published data"
    )
    modified: Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")] | None = Field(
        None, description="Date of last modification to publish (none by default: no timestamps)"
    )
