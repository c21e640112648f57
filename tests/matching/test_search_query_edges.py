"""Place names in a search text, beyond the Banten examples (``matching.search_query``)."""

from __future__ import annotations

from matching.search_query import FILLER_WORDS, ParsedQuery, Region, parse_query, place_forms

REGIONS = [
    Region("3604", "Kab. Serang", "kabupaten"),
    Region("3673", "Kota Serang", "kota"),
    Region("3672", "Kota Cilegon", "kota"),
    Region("3674", "Kota Tangerang Selatan", "kota"),
    Region("3671", "Kota Tangerang", "kota"),
]


def test_forms_of_a_kota_and_a_kabupaten_of_the_same_name() -> None:
    forms = place_forms(REGIONS)
    assert forms[("serang",)] == ("3604", "3673")
    assert forms[("kota", "serang")] == ("3673",)
    assert forms[("city", "serang")] == ("3673",)
    assert forms[("kab", "serang")] == ("3604",)
    assert forms[("kabupaten", "serang")] == ("3604",)
    assert ("kab", "cilegon") not in forms  # Cilegon is only a kota
    assert forms[("tangerang", "selatan")] == ("3674",)


def test_aliases_name_their_district() -> None:
    forms = place_forms(REGIONS, {"3674": ["Tangsel", "BSD City"], "3604": ["Anyer"]})
    assert forms[("tangsel",)] == ("3674",)
    assert forms[("bsd", "city")] == ("3674",)
    assert parse_query("loker anyer", forms) == ParsedQuery("", ("3604",), ("anyer",))


def test_a_region_whose_name_is_only_its_kind_is_skipped() -> None:
    forms = place_forms([Region("9999", "Kota", "kota"), *REGIONS])
    assert ("kota",) not in forms
    assert parse_query("kota", forms) == ParsedQuery("kota")  # a kind word alone is a topic


def test_the_longest_place_name_wins_at_each_word() -> None:
    forms = place_forms(REGIONS)
    read = parse_query("admin tangerang selatan", forms)
    assert read == ParsedQuery("admin", ("3674",), ("tangerang selatan",))
    read = parse_query("admin tangerang", forms)
    assert read == ParsedQuery("admin", ("3671",), ("tangerang",))


def test_several_places_are_kept_in_order_without_repeats() -> None:
    forms = place_forms(REGIONS)
    read = parse_query("operator cilegon, kota serang, cilegon", forms)
    assert read.region_codes == ("3672", "3673")
    assert read.place_words == ("cilegon", "kota serang", "cilegon")
    assert read.topic == "operator"


def test_topic_words_keep_their_order_around_places() -> None:
    forms = place_forms(REGIONS)
    read = parse_query("Teknisi CILEGON listrik", forms)
    assert read.topic == "teknisi listrik"
    assert read.has_topic


def test_filler_only_text_has_no_topic() -> None:
    read = parse_query("Lowongan kerja terbaru di daerah sekitar", place_forms(REGIONS))
    assert read == ParsedQuery("")
    assert not read.has_topic


def test_punctuation_and_single_letters_are_not_words() -> None:
    read = parse_query("  C++ / (Kota-Serang)!! ", place_forms(REGIONS))
    assert read.region_codes == ("3673",)
    assert read.topic == ""


def test_without_any_forms_everything_but_filler_is_topic() -> None:
    assert parse_query("loker python cilegon", {}) == ParsedQuery("python cilegon")


def test_empty_text() -> None:
    assert parse_query("", place_forms(REGIONS)) == ParsedQuery("")


def test_filler_words_are_lower_case_single_words() -> None:
    assert all(word == word.lower() and " " not in word for word in FILLER_WORDS)
    assert {"loker", "lowongan", "jobs", "near"} <= FILLER_WORDS
    assert "programmer" not in FILLER_WORDS
