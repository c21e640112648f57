"""Search as job seekers meet it (issue 13): places in the text filter by district, vacancies
asking for a named tool come first, meaning alone needs a margin, reasons are in words."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import Region
from app.services.search import SearchQuery, search
from tests.conftest import login_as
from tests.factories import SeekerProfileFactory, VacancyFactory
from tests.test_matching_flow import ask, give


def region(code: str) -> Region:
    return db.session.scalar(select(Region).where(Region.code == code))


def titles(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.vacancy.title for h in page.hits]


def test_a_place_in_the_text_filters_by_district(app) -> None:  # type: ignore[no-untyped-def]
    """The query "lowongan kerja cilegon" returned 26 of 31 vacancies: now the Cilegon ones only."""
    cilegon, serang = region("3672"), region("3673")
    VacancyFactory(title="IT Helpdesk", region=cilegon)
    VacancyFactory(title="Programmer PHP", region=cilegon)
    VacancyFactory(title="Staf IT Support", region=serang, description="Kantor dekat Cilegon.")
    VacancyFactory(title="Teknisi Jaringan", region=serang)
    db.session.commit()
    for text in ("lowongan kerja cilegon", "loker di Cilegon"):
        page = search(SearchQuery(text=text))
        assert sorted(titles(page)) == ["IT Helpdesk", "Programmer PHP"], text
        assert page.notes and "Kota Cilegon" in page.notes[0]
    assert titles(search(SearchQuery(text="programmer cilegon"))) == ["Programmer PHP"]


def test_a_tool_name_ranks_the_vacancies_asking_for_it_first(app, vocab) -> None:  # type: ignore[no-untyped-def]
    """The query "mikrotik" showed a graphic designer first: now the vacancy asking for MikroTik leads,
    the one naming it follows, and the graphic designer (meaning alone) is not shown."""
    asking = VacancyFactory(
        title="Teknisi Jaringan", description="Instalasi jaringan kantor dan perawatan perangkat."
    )
    ask(asking, ("MikroTik RouterOS",))
    VacancyFactory(title="NOC Engineer", description="Monitoring router MikroTik dan Cisco 24/7.")
    VacancyFactory(
        title="Graphic Designer",
        description="Membuat desain konten media sosial dengan Adobe Photoshop dan Illustrator.",
    )
    for n in range(10):  # a typical catalogue: the designer must stand out from these, it does not
        VacancyFactory(title=f"Staf Administrasi {n}", description="Mengelola arsip dan surat.")
    db.session.commit()
    assert titles(search(SearchQuery(text="mikrotik"))) == ["Teknisi Jaringan", "NOC Engineer"]


def test_reasons_are_words_not_scores(app, client, vocab) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory(title="Teknisi Jaringan MikroTik", description="Konfigurasi router.")
    ask(vacancy, ("MikroTik RouterOS",))
    VacancyFactory(title="Data Analyst", description="Mengolah data penjualan dengan SQL.")
    seeker = SeekerProfileFactory()
    give(seeker, "MikroTik RouterOS")
    login_as(client, seeker.user)
    page = client.get("/vacancies/?q=mikrotik").get_data(as_text=True)
    assert "Meminta MikroTik RouterOS, yang Anda miliki" in page
    assert "Judul cocok dengan “mikrotik”" in page
    assert "makna" not in page and "kata 100" not in page
    page = client.get("/vacancies/?q=data+analyst").get_data(as_text=True)
    assert "Judul cocok dengan “data analyst”" in page


def test_a_common_word_alone_does_not_make_a_hit(app) -> None:  # type: ignore[no-untyped-def]
    """The query "data analyst" showed a fibre-optic technician (its company is "Lintas Data"):
    "data" is in many vacancies, "analyst" in one; the word shares are weighted by rarity and a
    hit on text words alone needs half of the weight."""
    VacancyFactory(title="Data Analyst", description="Mengolah data penjualan dengan SQL.")
    VacancyFactory(
        title="Teknisi Fiber Optik",
        description="PT Cahaya Lintas Data membutuhkan teknisi penyambungan kabel FTTH.",
    )
    for n in range(8):
        VacancyFactory(title=f"Staf Admin {n}", description="Input data harian dan arsip kantor.")
    db.session.commit()
    assert titles(search(SearchQuery(text="data analyst"))) == ["Data Analyst"]


def test_the_employers_name_is_searched_with_what_its_short_form_stands_for(app) -> None:  # type: ignore[no-untyped-def]
    """The query "rumah sakit" found nothing, while three employers are hospitals ("RS ...")."""
    from tests.factories import OrganisationFactory

    hospital = OrganisationFactory(name="RS Harapan Sehat")
    VacancyFactory(
        title="Staf IT", description="Merawat komputer sehat dan jaringan.", organisation=hospital
    )  # "sehat" twice in the row's terms would count twice
    VacancyFactory(title="Staf IT Gudang", description="Merawat komputer dan printer gudang.")
    regional = OrganisationFactory(name="RSUD Balaraja")
    VacancyFactory(title="Staf Umum", description="Arsip dan surat.", organisation=regional)
    db.session.commit()
    bank = OrganisationFactory(name="PT BPR Serang Makmur")
    VacancyFactory(title="Staf IT Cabang", description="Merawat komputer.", organisation=bank)
    db.session.commit()
    for text, first, quoted in (
        ("lowongan it rumah sakit", "Staf IT", "rumah sakit"),
        ("rs harapan sehat", "Staf IT", "rs harapan sehat"),  # quoted as the name holds it
        ("it bank", "Staf IT Cabang", "bank"),
    ):
        page = search(SearchQuery(text=text))
        assert titles(page)[0] == first, text
        assert f"Nama pemberi kerja cocok dengan “{quoted}”" in page.hits[0].reasons, text
    # the short form brings "rumah sakit" only, not "umum" or "daerah"
    assert "Staf Umum" in titles(search(SearchQuery(text="rumah sakit")))
    assert not any("Nama pemberi kerja" in r for h in search(SearchQuery(text="staf umum")).hits
                   for r in h.reasons)  # fmt: skip
