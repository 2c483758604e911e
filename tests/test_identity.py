"""One identity per person: scholarld.identity.resolve_people and scholarld.names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from scholarld.errors import ProfileError
from scholarld.identity import People, PersonIdentity, resolve_people
from scholarld.model import Author, Profile
from scholarld.names import ascii_slug, fallback_key, match_form
from scholarld.profiles import SourcedProfile

ORCID_A = "0000-0001-0000-0001"
ORCID_B = "0000-0002-0000-0002"
ORCID_KH = "0000-0003-0000-0003"


def author(name: str, **details: Any) -> dict[str, Any]:
    return {"name": name, **details}


def work(key: str, *authors: str | dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {"key": key, "title": f"Title of {key}", "authors": list(authors), **fields}


def profile(slug: str, name: str, *works: dict[str, Any], **person: Any) -> SourcedProfile:
    data = {"person": {"name": name, **person}, "works": list(works)}
    return SourcedProfile(slug, Path(f"data/people/{slug}.yaml"), Profile.model_validate(data))


def keys(people: People) -> list[str]:
    return [person.key for person in people.all()]


def by_key(people: People, key: str) -> PersonIdentity:
    return next(person for person in people.all() if person.key == key)


def test_match_form_ignores_case_diacritics_punctuation_and_spacing() -> None:
    assert match_form("Piotr Dollár") == match_form("PIOTR DOLLÁR") == "piotr dollar"
    assert match_form("Charles R. Qi") == match_form("Charles  R Qi") == "charles r qi"
    assert match_form("Łukasz Kaiser") == "lukasz kaiser"
    assert match_form("何恺明") == "何恺明"
    assert ascii_slug("Piotr Dollár") == "piotr-dollar"
    assert ascii_slug("何恺明") == ""
    assert fallback_key("person", "何恺明") == fallback_key("person", " 何恺明 ")
    assert fallback_key("person", "何恺明").startswith("person-")


def test_case_and_diacritics_give_one_identity_keeping_the_most_frequent_form() -> None:
    people = resolve_people(
        [
            profile("a", "Ann A", work("w1", "Ann A", "Piotr Dollár"), work("w2", "Piotr Dollár")),
            profile("b", "Bob B", work("w3", "Bob B", "Piotr Dollar", "PIOTR DOLLÁR")),
        ]
    )
    assert keys(people) == ["ann-a", "bob-b", "piotr-dollar"]
    piotr = by_key(people, "piotr-dollar")
    assert piotr.name == "Piotr Dollár"
    assert piotr.names == ("PIOTR DOLLÁR", "Piotr Dollar", "Piotr Dollár")
    assert piotr.profile_slug is None
    assert people.of_author("b", Author(name="Piotr Dollar")) == piotr


def test_punctuation_and_spacing_do_not_matter() -> None:
    people = resolve_people(
        [profile("a", "Ann A", work("w1", "Charles R. Qi"), work("w2", "Charles R Qi"))]
    )
    assert keys(people) == ["ann-a", "charles-r-qi"]
    # a tie between written forms is broken by sort order
    assert by_key(people, "charles-r-qi").name == "Charles R Qi"


def test_a_person_with_a_profile_keeps_their_own_written_form() -> None:
    people = resolve_people(
        [
            profile("piotr-dollar", "Piotr Dollár"),
            profile("a", "Ann A", *(work(f"w{i}", "Piotr Dollar") for i in range(3))),
        ]
    )
    piotr = people.owner("piotr-dollar")
    assert (piotr.key, piotr.name, piotr.profile_slug) == (
        "piotr-dollar",
        "Piotr Dollár",
        "piotr-dollar",
    )
    assert people.of_author("a", Author(name="Piotr Dollar")) == piotr
    assert len(people.all()) == 2


def test_abbreviations_join_only_through_an_alias() -> None:
    without = resolve_people([profile("kaiming-he", "Kaiming He", work("w", "K. He"))])
    assert keys(without) == ["k-he", "kaiming-he"]
    with_alias = resolve_people(
        [profile("kaiming-he", "Kaiming He", work("w", "K. He"), aliases=["K. He"])]
    )
    assert keys(with_alias) == ["kaiming-he"]
    owner = with_alias.owner("kaiming-he")
    assert with_alias.of_author("kaiming-he", Author(name="K. He")) == owner
    assert owner.names == ("K. He", "Kaiming He")


def test_an_alias_in_one_profile_joins_occurrences_in_another() -> None:
    people = resolve_people(
        [
            profile("kaiming-he", "Kaiming He", aliases=["K. He"]),
            profile("a", "Ann A", work("w", "Ann A", "K. He")),
        ]
    )
    assert people.of_author("a", Author(name="K. He")).key == "kaiming-he"


def test_identifiers_join_different_written_names() -> None:
    people = resolve_people(
        [
            profile("kaiming-he", "Kaiming He", identifiers={"orcid": ORCID_KH, "dblp": "57/54"}),
            profile(
                "a",
                "Ann A",
                work("w1", author("KM He", orcid=ORCID_KH)),
                work("w2", author("He K.", dblp="57/54")),
            ),
        ]
    )
    owner = people.owner("kaiming-he")
    assert people.of_author("a", Author(name="KM He", orcid=ORCID_KH)) == owner
    assert people.of_author("a", Author(name="He K.", dblp="57/54")) == owner
    assert (owner.orcid, owner.dblp) == (ORCID_KH, "57/54")
    assert owner.names == ("He K.", "KM He", "Kaiming He")
    assert keys(people) == ["ann-a", "kaiming-he"]


def test_an_identified_author_matching_an_owner_name_lends_its_orcid() -> None:
    people = resolve_people(
        [
            profile("kaiming-he", "Kaiming He"),
            profile("a", "Ann A", work("w", author("Kaiming He", orcid=ORCID_KH))),
        ]
    )
    assert people.owner("kaiming-he").orcid == ORCID_KH
    assert len(people.all()) == 2


def test_merging_is_transitive() -> None:
    # "R. Girshick" -(dblp)- "Ross B. Girshick" -(orcid)- "Ross Girshick" -(name)- bare
    people = resolve_people(
        [
            profile(
                "a",
                "Ann A",
                work("w1", author("R. Girshick", dblp="g/1")),
                work("w2", author("Ross B. Girshick", orcid=ORCID_A, dblp="g/1")),
                work("w3", author("Ross Girshick", orcid=ORCID_A)),
                work("w4", "ROSS GIRSHICK", "R Girshick"),
                work("w5", "Ross Girshick"),
            )
        ]
    )
    assert keys(people) == ["ann-a", "ross-girshick"]
    ross = by_key(people, "ross-girshick")
    assert (ross.orcid, ross.dblp) == (ORCID_A, "g/1")
    assert people.of_author("a", Author(name="R Girshick")) == ross


def test_people_sharing_a_surname_are_never_merged() -> None:
    people = resolve_people(
        [profile("kaiming-he", "Kaiming He", work("w", "Kaiming He", "Haoqi He", "He"))]
    )
    assert keys(people) == ["haoqi-he", "he", "kaiming-he"]


def test_two_orcids_on_one_name_are_two_people_and_bare_names_a_third() -> None:
    people = resolve_people(
        [
            profile(
                "a",
                "Ann A",
                work("w1", author("Wei Liu", orcid=ORCID_B)),
                work("w2", author("Wei Liu", orcid=ORCID_A)),
                work("w3", "Wei Liu"),
            )
        ]
    )
    assert keys(people) == ["ann-a", "wei-liu", "wei-liu-2", "wei-liu-3"]
    assert by_key(people, "wei-liu").orcid == ORCID_A
    assert by_key(people, "wei-liu-2").orcid == ORCID_B
    bare = people.of_author("a", Author(name="Wei Liu"))
    assert (bare.key, bare.orcid) == ("wei-liu-3", None)


def test_an_alias_claimed_by_two_owners_joins_neither() -> None:
    people = resolve_people(
        [
            profile("kaiming-he", "Kaiming He", aliases=["K. He"]),
            profile("kun-he", "Kun He", work("w", "K. He"), aliases=["K. He"]),
        ]
    )
    bare = people.of_author("kun-he", Author(name="K. He"))
    assert (bare.key, bare.profile_slug) == ("k-he", None)
    assert people.owner("kaiming-he") != people.owner("kun-he")


def test_a_profile_owner_keeps_the_bare_key_against_an_orcid_namesake() -> None:
    people = resolve_people(
        [
            profile("wei-liu", "Wei Liu", identifiers={"orcid": ORCID_B}),
            profile("a", "Ann A", work("w", author("Wei Liu", orcid=ORCID_A))),
        ]
    )
    assert people.owner("wei-liu").key == "wei-liu"
    assert people.of_author("a", Author(name="Wei Liu", orcid=ORCID_A)).key == "wei-liu-2"


def test_a_suffixed_key_never_collides_with_a_real_name() -> None:
    people = resolve_people(
        [
            profile(
                "a",
                "Ann A",
                work("w1", author("Wei Liu", orcid=ORCID_A), author("Wei Liu", orcid=ORCID_B)),
                work("w2", "Wei Liu 2"),
            )
        ]
    )
    assert keys(people) == ["ann-a", "wei-liu", "wei-liu-2", "wei-liu-3"]
    assert by_key(people, "wei-liu-2").name == "Wei Liu 2"
    assert by_key(people, "wei-liu-3").orcid == ORCID_B


def test_non_latin_names_use_a_latin_alias_or_a_stable_fallback() -> None:
    people = resolve_people(
        [
            profile(
                "kaiming-he",
                "何恺明",
                work("w", "張三", "Kaiming He"),
                aliases=["Kaiming He"],
            )
        ]
    )
    owner = people.owner("kaiming-he")
    assert (owner.key, owner.name) == ("kaiming-he", "何恺明")
    stranger = people.of_author("kaiming-he", Author(name="張三"))
    assert stranger.key == fallback_key("person", "張三")
    assert stranger.name == "張三"


def test_other_names_of_an_owner_are_matched() -> None:
    people = resolve_people(
        [
            profile(
                "kaiming-he",
                "Kaiming He",
                work("w", "何恺明"),
                other_names=[{"value": "何恺明", "lang": "zh"}],
            )
        ]
    )
    assert keys(people) == ["kaiming-he"]


def test_version_authors_are_resolved_too() -> None:
    version = {"kind": "preprint", "venue": "arXiv", "authors": ["Kaiming He", "Jian Sun"]}
    data = {
        "person": {"name": "Kaiming He"},
        "venues": [{"key": "arXiv", "kind": "preprint-server"}],
        "works": [work("w", "Kaiming He", versions=[version])],
    }
    sourced = SourcedProfile("kaiming-he", Path("x.yaml"), Profile.model_validate(data))
    assert keys(resolve_people([sourced])) == ["jian-sun", "kaiming-he"]


def test_unknown_lookups_are_key_errors() -> None:
    people = resolve_people([profile("a", "Ann A")])
    with pytest.raises(KeyError, match="no profile 'b'"):
        people.owner("b")
    with pytest.raises(KeyError, match="author 'Nobody' of profile 'a'"):
        people.of_author("a", Author(name="Nobody"))


def test_two_profiles_with_one_orcid_is_a_profile_error() -> None:
    first = profile("a", "Ann A", identifiers={"orcid": ORCID_A})
    second = profile("b", "Ann B", identifiers={"orcid": ORCID_A})
    with pytest.raises(ProfileError) as raised:
        resolve_people([second, first])
    assert raised.value.exit_code == 1
    assert (
        f"data/people/b.yaml: person.identifiers.orcid: orcid {ORCID_A} is also the orcid of "
        "profile a (data/people/a.yaml) (one person has one profile: merge the two files or "
        "fix the identifier)"
    ) in raised.value.message


def _shuffled_site() -> list[SourcedProfile]:
    return [
        profile(
            "kaiming-he",
            "Kaiming He",
            work("w1", "Kaiming He", "Piotr Dollár", author("Wei Liu", orcid=ORCID_B)),
            work("w2", "K. He", "Piotr Dollar", author("Wei Liu", orcid=ORCID_A)),
            aliases=["K. He"],
        ),
        profile("ross", "Ross Girshick", work("w3", "Ross Girshick", "Wei Liu", "张三")),
        profile("xinlei-chen", "Xinlei Chen", work("w4", "PIOTR DOLLAR", "Xinlei Chen")),
    ]


@settings(max_examples=30, deadline=None)
@given(st.randoms(use_true_random=False))
def test_keys_do_not_depend_on_file_or_list_order(random: Any) -> None:
    expected = resolve_people(_shuffled_site()).all()
    site = _shuffled_site()
    random.shuffle(site)
    reordered = []
    for sourced in site:
        works = list(sourced.profile.works)
        random.shuffle(works)
        shuffled = [
            w.model_copy(update={"authors": random.sample(w.authors, len(w.authors))})
            for w in works
        ]
        reordered.append(
            SourcedProfile(
                sourced.slug,
                sourced.path,
                sourced.profile.model_copy(update={"works": shuffled}),
            )
        )
    assert resolve_people(reordered).all() == expected


def test_many_synthetic_authors_resolve_to_their_distinct_names() -> None:
    # 20,000 occurrences of 2,000 people written in 4 spellings each; each person joins
    # once through its spellings, never with another (the algorithm is a union-find
    # over names, so this scales linearly; timings for 100k are in the report).
    people_count, spellings = 2000, ("Given{} Família{}", "GIVEN{} FAMILIA{}", "Given{}  Familia{}")
    works = []
    for number in range(10):
        names = [spellings[(number + i) % 3].format(i, i) for i in range(people_count)]
        works.append(work(f"w{number}", *names))
    people = resolve_people([profile("owner", "Owner Person", *works)])
    assert len(people.all()) == people_count + 1
    first = people.of_author("owner", Author(name="given7 familia7"))
    assert first.key == "given7-familia7"
    assert set(first.names) == {s.format(7, 7) for s in spellings}


def test_the_default_profile_owner_covers_every_kaiming_he_occurrence(repo_root: Path) -> None:
    path = repo_root / "data" / "people" / "kaiming-he.yaml"
    if not path.exists():
        pytest.skip("data/people/kaiming-he.yaml has not landed yet")
    sourced = SourcedProfile(
        "kaiming-he", path, Profile.model_validate(yaml.safe_load(path.read_text("utf-8")))
    )
    people = resolve_people([sourced])
    owner = people.owner("kaiming-he")
    occurrences = [
        a
        for w in sourced.profile.works
        for a in [*w.authors, *(a for v in w.versions for a in v.authors or ())]
        if match_form(a.name) == "kaiming he"
    ]
    assert len(occurrences) > 40
    assert {people.of_author("kaiming-he", a).key for a in occurrences} == {owner.key}
    assert owner.key == "kaiming-he"


def _seed_author_lists(seed: Path) -> list[list[str]]:
    """The author lines of the seed homepage, split into names ("A, B, and C")."""
    lists = []
    for line in seed.read_text("utf-8").splitlines()[1:]:
        if "Kaiming He" in line and "(" not in line:
            names = line.replace(", and ", ", ").replace(" and ", ", ").split(", ")
            lists.append([name.strip().rstrip("*") for name in names])
    return lists


def test_the_seed_homepage_owner_covers_every_kaiming_he_occurrence(seed_path: Path) -> None:
    lists = _seed_author_lists(seed_path)
    works = [work(f"w{number}", *names) for number, names in enumerate(lists)]
    sourced = profile(
        "kaiming-he", "Kaiming He", *works, other_names=[{"value": "何恺明", "lang": "zh"}]
    )
    people = resolve_people([sourced])
    owner = people.owner("kaiming-he")
    assert len(lists) >= 55
    occurrences = [name for names in lists for name in names if match_form(name) == "kaiming he"]
    assert len(occurrences) == len(lists)
    assert {people.of_author("kaiming-he", Author(name=name)) for name in occurrences} == {owner}
    assert sum(1 for p in people.all() if "he" in p.key.split("-")) == 1
    assert by_key(people, "piotr-dollar").name == "Piotr Dollár"
    assert by_key(people, "philipp-krahenbuhl").name == "Philipp Krähenbühl"
    assert by_key(people, "charles-r-qi").name == "Charles R. Qi"
