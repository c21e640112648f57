"""Vacancy lines that gave wrong skills on the held-out folds of the document corpus (issue 13):
job titles, organisation blurbs, one-letter tools, fitted (skill, form) pairs. No model needed."""

from __future__ import annotations

from matching.linking.document_filter import DocumentParams, candidate_mentions, filter_mentions
from matching.linking.lines import is_job_title, no_skill_reason
from matching.linking.types import SkillMention


def mention(text: str, form: str, skill: str, method: str = "alias", score: float = 0.95):
    start = text.index(form)
    return SkillMention(skill, score, start, start + len(form), form, method)


def kept(text: str, *mentions: SkillMention) -> set[str]:
    return {m.skill_id for m in candidate_mentions(text, list(mentions))}


def test_a_job_title_gives_no_guess_from_its_job_noun() -> None:
    text = "Data Engineer\nKualifikasi:\n- Menguasai Python dan SQL"
    guess = mention(text, "Data Engineer", "data-engineering", method="semantic", score=0.88)
    assert kept(text, guess) == set()


def test_a_job_title_keeps_the_tool_it_names() -> None:
    text = "Backend Engineer (Golang)\nMembangun REST API"
    assert kept(text, mention(text, "Golang", "tool-go")) == {"tool-go"}


def test_only_the_first_line_is_read_as_a_title() -> None:
    text = "Kualifikasi:\n- Paham konfigurasi switch dan teknisi jaringan"
    assert not is_job_title(
        "Menguasai konfigurasi switch managed dan VLAN, mampu mengajar teknisi baru di lapangan bila perlu"
    )
    guess = mention(text, "Paham konfigurasi switch", "switches", method="semantic")
    assert kept(text, guess) == {"switches"}


def test_an_organisation_blurb_gives_nothing() -> None:
    for line in (
        "Kami **Sinar Lintas Net**, penyedia internet rumahan (RT/RW net) yang melayani pelanggan",
        "Workshop *Mandiri Panel Teknik* (pembuatan panel listrik & mesin otomasi) butuh teknisi.",
        "Perisai Siber monitors networks and endpoints for banks, hospitals and manufacturers",
    ):
        assert no_skill_reason(line) == "company", line


def test_a_requirement_with_kami_still_names_skills() -> None:
    assert no_skill_reason("Kami mencari kandidat yang menguasai Laravel dan MySQL") is None


def test_a_driving_licence_is_not_the_c_language() -> None:
    text = "Kualifikasi:\n🔹 Punya SIM C"
    guess = mention(text, "🔹 Punya SIM C", "tool-c", method="semantic", score=0.79)
    assert kept(text, guess) == set()


def test_a_street_is_not_the_j_language() -> None:
    text = "Lokasi kerja dekat kantor\nStudio foto (Jl. Raya Anyer) mencari editor."
    guess = mention(text, "Jl", "tool-j", method="semantic", score=0.91)
    assert kept(text, guess) == set()


def test_a_fitted_form_pair_is_dropped_only_for_that_form() -> None:
    params = DocumentParams(dropped_forms=frozenset({("lead-others", "lead")}))
    text = "Menganalisis biaya per lead\nMampu memimpin tim teknisi"
    wrong = mention(text, "lead", "lead-others")
    right = mention(text, "memimpin tim", "lead-others")
    assert filter_mentions(text, [wrong], params) == []
    assert filter_mentions(text, [right], params) == [right]


def suggested(text: str, *mentions: SkillMention, params: DocumentParams | None = None) -> set[str]:
    return {m.skill_id for m in filter_mentions(text, list(mentions), params or DocumentParams())}


def test_a_parent_on_the_same_words_as_its_tool_collapses_to_the_tool() -> None:
    text = "Kualifikasi:\n- Kemampuan analisis data dengan Excel/Google Sheets"
    tool = mention(text, "Excel", "tool-microsoft-excel")
    broad = mention(text, "Excel", "1973c966-f236-40c9-b2d4-5d71a89019be")  # spreadsheets
    assert suggested(text, tool, broad) == {"tool-microsoft-excel"}


def test_a_parent_named_by_other_words_stays() -> None:
    text = "Kualifikasi:\n- Excel, dan rapi mengelola spreadsheet stok"
    tool = mention(text, "Excel", "tool-microsoft-excel")
    broad = mention(text, "spreadsheet", "1973c966-f236-40c9-b2d4-5d71a89019be")
    assert suggested(text, tool, broad) == {"tool-microsoft-excel", broad.skill_id}


def test_a_dropped_tool_leaves_its_parent_on_the_same_words() -> None:
    # "VPN" names the VPN software entry and "implement a virtual private network" (its parent);
    # the fitted filter drops the software entry, so the parent is what the line suggests
    text = "Kualifikasi:\n- Menguasai VPN"
    tool = mention(text, "VPN", "tool-virtual-private-networking-vpn-software")
    broad = mention(text, "VPN", "acf0a78c-f4e3-4bd9-a5cc-9cf4791b3b95")
    params = DocumentParams(dropped=frozenset({tool.skill_id}))
    assert suggested(text, tool, broad, params=params) == {broad.skill_id}
    assert suggested(text, tool, broad) == {tool.skill_id}


def test_the_fit_counts_a_parent_on_its_tools_words_as_the_filter_shows_it() -> None:
    # the filter never shows "use spreadsheets software" beside Microsoft Excel on the word
    # "Excel", so the fit learns neither a wrong form nor a duplicate pair from it (which would
    # then act on a whole line: "Excel, dan rapi mengelola spreadsheet stok")
    from matching.lab.document_gold import DocumentGold
    from matching.lab.linking.document_fit import Text, fit

    broad, tool = "1973c966-f236-40c9-b2d4-5d71a89019be", "tool-microsoft-excel"
    texts, gold = [], {}
    for n in range(3):
        text = f"Kualifikasi:\n- Menguasai Excel untuk laporan {n}"
        texts.append(Text(f"v90{n}", "vacancy", text, (mention(text, "Excel", tool),
                                                      mention(text, "Excel", broad))))  # fmt: skip
        gold[f"v90{n}"] = DocumentGold(gold={tool: "required"})
    params = fit(texts, gold)
    assert (broad, "excel") not in params.dropped_forms
    assert (tool, broad) not in params.duplicates and broad not in params.dropped


def test_the_fit_drops_a_form_once_wrong_but_an_own_label_only_twice() -> None:
    from matching.lab.document_gold import DocumentGold
    from matching.lab.linking.document_fit import Text, fit

    react = "tool-react"  # its own label "React": a form that was wrong once is kept
    a = "Menganalisis biaya per lead\nReact Native is a plus"
    b = "Mampu memimpin tim\nMenguasai React"
    texts = [
        Text("v901", "vacancy", a, (mention(a, "lead", "lead-others"), mention(a, "React", react))),
        Text("v902", "vacancy", b, (mention(b, "memimpin tim", "lead-others"),)),
    ]
    gold = {"v901": DocumentGold(), "v902": DocumentGold(gold={"lead-others": "required"})}
    params = fit(texts, gold)
    assert ("lead-others", "lead") in params.dropped_forms
    assert (react, "react") not in params.dropped_forms


def test_the_fit_promotes_a_dropped_tool_to_its_parent_only_where_the_parent_is_gold() -> None:
    # "setting VPN" found only as the VPN software entry, never right, where the gold is
    # "implement a virtual private network": the filter names the parent instead of nothing;
    # Facebook (parent: content management software) is dropped without a promotion
    from matching.lab.document_gold import DocumentGold
    from matching.lab.linking.document_fit import Text, fit

    vpn = "tool-virtual-private-networking-vpn-software"
    implement = "acf0a78c-f4e3-4bd9-a5cc-9cf4791b3b95"
    texts, gold = [], {}
    for n in range(3):
        a = f"Kualifikasi:\n- Crimping kabel UTP dan setting VPN cabang {n}"
        b = f"Kualifikasi:\n- Mengelola halaman Facebook toko {n}"
        texts.append(Text(f"v91{n}", "vacancy", a, (mention(a, "VPN", vpn),)))
        texts.append(Text(f"v92{n}", "vacancy", b, (mention(b, "Facebook", "tool-facebook"),)))
        gold[f"v91{n}"] = DocumentGold(gold={implement: "required"})
        gold[f"v92{n}"] = DocumentGold(gold={})
    params = fit(texts, gold)
    assert {vpn, "tool-facebook"} <= params.dropped
    assert params.promoted == {(vpn, implement)}
    text = texts[0].text
    assert suggested(text, mention(text, "VPN", vpn), params=params) == {implement}
