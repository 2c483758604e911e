"""One identity per person across every profile in ``data/``.

``resolve_people(profiles)`` looks at every profile owner and every author occurrence (in
works and in versions) and decides who is who; the graph stage mints one person IRI per
identity (``{base}person/{key}``). The rules, with examples, are in ``docs/identity.md``:

1. Names are compared in their match form (``scholarld.names.match_form``): case,
   diacritics, punctuation and spacing do not matter; initials are not expanded, so
   "K. He" and "Kaiming He" stay apart unless an alias or an identifier joins them.
2. A profile owner claims ``person.name``, every alias and every other name; an author
   with an ORCID or dblp id claims its written name for the person with that identifier.
3. People holding different ORCIDs, dblp ids or profiles are never merged. A name
   claimed by two such people is ambiguous: author occurrences of it without an identifier
   become a person of their own (the resolver never guesses).
4. Everything else joins transitively in a union-find (near-linear, no pairwise
   comparisons); edges are applied in sorted order so the result does not depend on file
   or list order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter

from scholarld.errors import Problem, ProfileError
from scholarld.model import Author, Profile
from scholarld.names import ascii_slug, fallback_key, match_form
from scholarld.profiles import SourcedProfile

# A node of the union-find: (kind, value), kind one of profile, orcid, dblp, name.
Node = tuple[str, str]
EXCLUSIVE_KINDS = ("profile", "orcid", "dblp")


@dataclass(frozen=True)
class PersonIdentity:
    """One person: the key used in IRIs, the displayed name and every written form."""

    key: str
    name: str
    names: tuple[str, ...]
    orcid: str | None = None
    dblp: str | None = None
    profile_slug: str | None = None


@dataclass(frozen=True)
class People:
    """Every person in the site, and how profile owners and author occurrences map to them."""

    people: tuple[PersonIdentity, ...]
    owners: Mapping[str, int]
    nodes: Mapping[Node, int]
    # a name as written in an author list (no ORCID or dblp id) -> its person: the
    # name's match form was computed once while resolving; the graph stage asks again
    # for every author occurrence
    written: Mapping[str, int] = field(default_factory=dict)

    def owner(self, profile_slug: str) -> PersonIdentity:
        """The identity of the owner of profile ``profile_slug``."""
        if profile_slug not in self.owners:
            raise KeyError(f"no profile {profile_slug!r} was given to resolve_people")
        return self.people[self.owners[profile_slug]]

    def of_author(self, profile_slug: str, author: Author) -> PersonIdentity:
        """The identity of ``author`` as it occurs in profile ``profile_slug``'s works."""
        if author.orcid is None and author.dblp is None:
            known = self.written.get(author.name)
            if known is not None:
                return self.people[known]
        node = author_node(author)
        if node not in self.nodes:
            raise KeyError(
                f"author {author.name!r} of profile {profile_slug!r} was not among the "
                "profiles given to resolve_people"
            )
        return self.people[self.nodes[node]]

    def all(self) -> tuple[PersonIdentity, ...]:
        """Every person, sorted by key."""
        return self.people


@dataclass
class _Evidence:
    """What the profiles say about people, gathered in one pass (local to one resolve)."""

    index: dict[Node, int] = field(default_factory=dict)
    labels: list[Node] = field(default_factory=list)
    forms: list[Counter[str]] = field(default_factory=list)
    anchor_edges: set[tuple[Node, Node]] = field(default_factory=set)
    claims: dict[Node, set[Node]] = field(default_factory=dict)
    owner_names: dict[str, str] = field(default_factory=dict)
    name_nodes: dict[str, Node] = field(default_factory=dict)  # written form -> its node

    def node(self, label: Node) -> int:
        found = self.index.get(label)
        if found is None:
            found = self.index[label] = len(self.labels)
            self.labels.append(label)
            self.forms.append(Counter())
        return found

    def name(self, written: str) -> Node:
        found = self.name_nodes.get(written)
        if found is None:
            found = self.name_nodes[written] = name_node(written)
        return found

    def author(self, author: Author) -> Node:
        if author.orcid is None and author.dblp is None:
            return self.name(author.name)
        return author_node(author)

    def claim(self, written: str, anchor: Node) -> None:
        name = self.name(written)
        self.node(name)
        self.claims.setdefault(name, set()).add(anchor)


class _Forest:
    """Union-find with union by size and path halving; a root also carries the exclusive
    attributes (profile, orcid, dblp) of its set, and a union that would give a set two
    different values of one attribute is refused."""

    def __init__(self, labels: Sequence[Node]) -> None:
        self.parent = list(range(len(labels)))
        self.size = [1] * len(labels)
        self.attributes: list[dict[str, str]] = [
            {kind: value} if kind in EXCLUSIVE_KINDS else {} for kind, value in labels
        ]

    def find(self, item: int) -> int:
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def conflict(self, roots: set[int]) -> bool:
        """Whether the sets with these roots hold two values of one exclusive attribute."""
        for kind in EXCLUSIVE_KINDS:
            values = {
                self.attributes[root][kind] for root in roots if kind in self.attributes[root]
            }
            if len(values) > 1:
                return True
        return False

    def union(self, first: int, second: int) -> bool:
        """Join the sets of ``first`` and ``second`` unless that would merge two people."""
        a, b = self.find(first), self.find(second)
        if a == b:
            return True
        if self.conflict({a, b}):
            return False
        if self.size[a] < self.size[b]:
            a, b = b, a
        self.parent[b] = a
        self.size[a] += self.size[b]
        self.attributes[a] = {**self.attributes[b], **self.attributes[a]}
        return True


def name_node(written: str) -> Node:
    """The node of a written name: its match form (or the text itself if that is empty)."""
    return ("name", match_form(written) or written.strip())


def author_node(author: Author) -> Node:
    """Where an author occurrence attaches: its ORCID, else its dblp id, else its name."""
    if author.orcid is not None:
        return ("orcid", author.orcid)
    if author.dblp is not None:
        return ("dblp", author.dblp)
    return name_node(author.name)


def resolve_people(profiles: Sequence[SourcedProfile]) -> People:
    """Decide who is who across ``profiles`` (rules in the module docstring)."""
    _check_owner_identifiers(profiles)
    evidence = _Evidence()
    for sourced in sorted(profiles, key=attrgetter("slug")):
        _collect_owner(evidence, sourced.slug, sourced.profile)
        for author in _authors(sourced.profile):
            _collect_author(evidence, author)
    forest = _Forest(evidence.labels)
    for first, second in sorted(evidence.anchor_edges):
        forest.union(evidence.index[first], evidence.index[second])
    _join_claimed_names(evidence, forest)
    return _people(evidence, forest)


def _authors(profile: Profile) -> Iterator[Author]:
    for work in profile.works:
        yield from work.authors
        for version in work.versions:
            yield from version.authors or ()


def _collect_owner(evidence: _Evidence, slug: str, profile: Profile) -> None:
    person = profile.person
    owner: Node = ("profile", slug)
    owner_index = evidence.node(owner)
    evidence.owner_names[slug] = person.name
    written = [person.name, *person.aliases, *(other.value for other in person.other_names)]
    for form in written:
        evidence.forms[owner_index][form] += 1
        evidence.claim(form, owner)
    for kind, value in (("orcid", person.identifiers.orcid), ("dblp", person.identifiers.dblp)):
        if value is not None:
            evidence.node((kind, value))
            evidence.anchor_edges.add((owner, (kind, value)))


def _collect_author(evidence: _Evidence, author: Author) -> None:
    node = evidence.author(author)
    evidence.forms[evidence.node(node)][author.name] += 1
    if node[0] == "name":
        return
    evidence.claim(author.name, node)
    if author.orcid is not None and author.dblp is not None:
        dblp: Node = ("dblp", author.dblp)
        evidence.node(dblp)
        evidence.anchor_edges.add((node, dblp))


def _join_claimed_names(evidence: _Evidence, forest: _Forest) -> None:
    """Join each name with the people claiming it, unless they are different people."""
    for name in sorted(evidence.claims):
        claimants = sorted(evidence.claims[name])
        indexes = [evidence.index[claimant] for claimant in claimants]
        if forest.conflict({forest.find(index) for index in indexes}):
            continue  # ambiguous: bare occurrences of this name stay a person of their own
        for index in indexes:
            forest.union(evidence.index[name], index)


def _people(evidence: _Evidence, forest: _Forest) -> People:
    members: dict[int, list[int]] = {}
    for index in range(len(evidence.labels)):
        members.setdefault(forest.find(index), []).append(index)
    drafts: list[tuple[PersonIdentity, list[int]]] = []
    for root, indexes in members.items():
        forms: Counter[str] = Counter()
        for index in indexes:
            forms.update(evidence.forms[index])
        if forms:
            drafts.append((_draft(forms, forest.attributes[root], evidence.owner_names), indexes))
    keyed = _assign_keys([draft for draft, _ in drafts])
    order = [position for _, position in sorted((p.key, i) for i, p in enumerate(keyed))]
    position_of = {old: new for new, old in enumerate(order)}
    nodes: dict[Node, int] = {}
    for old, (_, indexes) in enumerate(drafts):
        for index in indexes:
            nodes[evidence.labels[index]] = position_of[old]
    owners = {value: index for (kind, value), index in nodes.items() if kind == "profile"}
    written = {name: nodes[node] for name, node in evidence.name_nodes.items() if node in nodes}
    return People(tuple(keyed[old] for old in order), owners, nodes, written)


def _form_rank(item: tuple[str, int]) -> tuple[int, str]:
    form, count = item
    return (-count, form)


def _draft(
    forms: Counter[str], attributes: Mapping[str, str], owners: Mapping[str, str]
) -> PersonIdentity:
    """A person without its final key: ``key`` holds the base slug."""
    ranked = [form for form, _ in sorted(forms.items(), key=_form_rank)]
    profile = attributes.get("profile")
    display = owners[profile] if profile is not None else ranked[0]
    candidates = [display, *ranked]
    base = next((slug for slug in map(ascii_slug, candidates) if slug), "")
    return PersonIdentity(
        key=base or fallback_key("person", display),
        name=display,
        names=tuple(sorted(forms)),
        orcid=attributes.get("orcid"),
        dblp=attributes.get("dblp"),
        profile_slug=profile,
    )


def _key_rank(person: PersonIdentity) -> tuple[int, str, str, str, tuple[str, ...]]:
    """Who keeps the bare key when several people share it: profile owners first, then by
    ORCID, then by dblp id, then by written names (people without them come last)."""
    last = "\U0010ffff"
    return (
        0 if person.profile_slug is not None else 1,
        person.profile_slug or last,
        person.orcid or last,
        person.dblp or last,
        person.names,
    )


def _assign_keys(drafts: Sequence[PersonIdentity]) -> list[PersonIdentity]:
    """Make base keys unique: ``wei-liu``, ``wei-liu-2``, ... in ``_key_rank`` order."""
    groups: dict[str, list[int]] = {}
    for position, draft in enumerate(drafts):
        groups.setdefault(draft.key, []).append(position)
    taken = set(groups)
    keyed = list(drafts)
    for base in sorted(groups):
        ranked = [p for _, p in sorted((_key_rank(drafts[p]), p) for p in groups[base])]
        suffix = 2
        for position in ranked[1:]:
            while f"{base}-{suffix}" in taken:
                suffix += 1
            taken.add(f"{base}-{suffix}")
            keyed[position] = _with_key(drafts[position], f"{base}-{suffix}")
    return keyed


def _with_key(person: PersonIdentity, key: str) -> PersonIdentity:
    return PersonIdentity(
        key, person.name, person.names, person.orcid, person.dblp, person.profile_slug
    )


def _check_owner_identifiers(profiles: Sequence[SourcedProfile]) -> None:
    """Two profiles declaring the same ORCID or dblp id is a data error, not two people."""
    seen: dict[tuple[str, str], SourcedProfile] = {}
    problems: list[Problem] = []
    for sourced in sorted(profiles, key=attrgetter("slug")):
        identifiers = sourced.profile.person.identifiers
        for kind, value in (("orcid", identifiers.orcid), ("dblp", identifiers.dblp)):
            if value is None:
                continue
            first = seen.setdefault((kind, value), sourced)
            if first is not sourced:
                problems.append(
                    Problem(
                        str(sourced.path),
                        None,
                        f"person.identifiers.{kind}",
                        f"{kind} {value} is also the {kind} of profile {first.slug} ({first.path})",
                        "one person has one profile: merge the two files or fix the identifier",
                    )
                )
    if problems:
        raise ProfileError(problems)
