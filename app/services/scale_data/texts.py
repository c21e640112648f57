"""Written text fragments the scale generator composes vacancies, profiles and names from.

Vacancy templates are the demo scene's vacancies (title, description, declared skills) each
opened by one of the intros below; profile templates are written here per role and level.
The texts are written for Banten; another profile's generator moves their place words onto its
own (``app.services.demo_regional.regional_text``).
"""

from __future__ import annotations

# Openings put before a demo vacancy's description: one template per (vacancy, intro).
VACANCY_INTROS = (
    "Lowongan ini dibuka untuk penempatan di wilayah Banten. Kami perusahaan yang sedang "
    "berkembang dan mencari rekan kerja yang mau belajar.",
    "Perusahaan kami bergerak di bidang manufaktur dan sedang menjalankan program transformasi "
    "digital di seluruh pabrik.",
    "We are a growing company in Banten serving customers across Java. Applications in "
    "Indonesian or English are welcome.",
    "Kami adalah perusahaan logistik dengan gudang di kawasan industri Tangerang dan Serang.",
    "Join our team: we build digital services for local government, schools and small "
    "businesses in Banten.",
    "Sebuah startup teknologi di Tangerang Selatan membuka posisi berikut untuk tim produknya.",
    "Kami penyedia layanan internet dan jaringan untuk rumah tangga dan perkantoran di Banten.",
    "Rumah sakit dan klinik jaringan kami membutuhkan tenaga TI untuk layanan 24 jam.",
)

EMPLOYER_PREFIXES = ("PT", "PT", "PT", "CV", "Koperasi")
EMPLOYER_WORDS = (
    "Nusantara",
    "Banten",
    "Sejahtera",
    "Mandiri",
    "Digital",
    "Teknologi",
    "Solusi",
    "Data",
    "Karya",
    "Cipta",
    "Lintas",
    "Sinar",
    "Maju",
    "Jaya",
    "Informatika",
    "Global",
    "Anugerah",
    "Kreasi",
    "Media",
    "Sentosa",
    "Prima",
    "Abadi",
    "Utama",
    "Bersama",
)
EMPLOYER_KINDS = (
    "Solusindo",
    "Logistik",
    "Telekomunikasi",
    "Manufaktur",
    "Retail",
    "Kreatif",
    "Sistem",
    "Infrastruktur",
    "Perkasa",
    "Indonesia",
)

FIRST_NAMES = (
    "Siti",
    "Ahmad",
    "Dewi",
    "Rizky",
    "Putri",
    "Budi",
    "Nur",
    "Fajar",
    "Ayu",
    "Dimas",
    "Rina",
    "Agus",
    "Lestari",
    "Hendra",
    "Wulan",
    "Yusuf",
    "Indah",
    "Bayu",
    "Fitri",
    "Ilham",
    "Nabila",
    "Rahmat",
    "Annisa",
    "Teguh",
    "Salsabila",
    "Irfan",
    "Mega",
    "Arif",
    "Citra",
    "Eko",
)
LAST_NAMES = (
    "Nurhaliza",
    "Hidayat",
    "Saputra",
    "Lestari",
    "Pratama",
    "Wijaya",
    "Rahmawati",
    "Kurniawan",
    "Maulana",
    "Sari",
    "Setiawan",
    "Permata",
    "Ramadhan",
    "Susanti",
    "Firmansyah",
    "Anggraini",
    "Gunawan",
    "Utami",
    "Nugroho",
    "Handayani",
)

SCHOOL_KINDS = ("SMK Negeri", "SMK Swasta", "SMK Teknologi", "Politeknik", "Universitas")
SCHOOL_WORDS = ("Banten", "Nusantara", "Bina Karya", "Teknik", "Informatika", "Mandiri")

# profile templates: one per (demo vacancy, level): (education, field of study, headline lead)
LEVELS = (
    ("sma_smk", "Lulusan SMK", "Saya lulusan SMK dan sudah PKL tiga bulan"),
    ("d3", "Lulusan D3", "Saya lulusan D3 dan pernah magang di perusahaan lokal"),
    ("s1", "Sarjana", "Saya lulusan S1 dengan pengalaman kerja dua tahun"),
)
FIELDS = {
    "sma_smk": (
        ("jaringan", "Teknik Komputer dan Jaringan (TKJ)"),
        ("network", "Teknik Komputer dan Jaringan (TKJ)"),
        ("desain", "Desain Komunikasi Visual (DKV)"),
        ("design", "Desain Komunikasi Visual (DKV)"),
        ("", "Rekayasa Perangkat Lunak (RPL)"),
    ),
    "d3": (
        ("jaringan", "D3 Teknik Komputer"),
        ("data", "D3 Sistem Informasi"),
        ("", "D3 Teknik Informatika"),
    ),
    "s1": (
        ("data", "S1 Statistika"),
        ("design", "S1 Desain Komunikasi Visual"),
        ("marketing", "S1 Manajemen"),
        ("", "S1 Informatika"),
    ),
}


def field_for(level: str, title: str) -> str:
    """The field of study a profile template of this level and role names."""
    lowered = title.lower()
    return next(field for word, field in FIELDS[level] if word in lowered)


def profile_summary(lead: str, title: str, skills: list[str]) -> str:
    """A profile's summary written from its level, target role and first skills."""
    shown = ", ".join(skills[:3])
    return (
        f"{lead}. Saya terbiasa dengan {shown} dan sedang mencari pekerjaan sebagai "
        f"{title} di Banten. Saya siap belajar hal baru dan bekerja dalam tim."
    )
