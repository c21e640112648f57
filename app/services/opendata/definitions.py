"""The published datasets, in catalogue order, with their data dictionaries."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.services.opendata.coverage import TOP_SKILLS, WINDOW_MONTHS, build_coverage
from app.services.opendata.datasets import (
    MONTH_COLUMN,
    OCCUPATION_COLUMNS,
    REGION_COLUMNS,
    Column,
    Dataset,
    build_seekers,
    build_skill_demand,
    build_vacancies,
)

VACANCIES_UNIT = _l("vacancies")
SKILL_COLUMNS = (
    Column("skill_id", _l("Skill identifier in the platform's vocabulary")),
    Column("skill_uri", _l("ESCO URI of the skill (empty for skills the project added)"), "",
           "ESCO v1.2 (http://data.europa.eu/esco/skill/...)"),
    Column("skill_label_id", _l("Skill name in Bahasa Indonesia")),
    Column("skill_label_en", _l("Skill name in English")),
)  # fmt: skip

DATASETS = (
    Dataset(
        slug="vacancies-by-district-occupation",
        title=_l("Monthly vacancies by district and occupation"),
        description=_l(
            "IT vacancies published on the platform by verified employers, per kabupaten/kota, "
            "KBJI 2014 occupation group and month: how many were posted in the month and how "
            "many were open at some time in the month."
        ),
        keywords=("lowongan kerja", "vacancies", "kabupaten/kota", "KBJI"),
        columns=(
            MONTH_COLUMN,
            *REGION_COLUMNS,
            *OCCUPATION_COLUMNS,
            Column("vacancies_posted", _l("Vacancies posted in the month"), VACANCIES_UNIT),
            Column(
                "vacancies_open", _l("Vacancies open at some time in the month"), VACANCIES_UNIT
            ),
        ),  # fmt: skip
        build=build_vacancies,
        key=("month", "region_code", "occupation_code"),
    ),
    Dataset(
        slug="skill-demand-by-district",
        title=_l("Monthly skill demand by district"),
        description=_l(
            "How many of the vacancies posted in a kabupaten/kota in a month ask for each "
            "skill, as a required skill or as a nice-to-have."
        ),
        keywords=("keterampilan digital", "skills", "ESCO"),
        columns=(
            MONTH_COLUMN,
            *REGION_COLUMNS,
            *SKILL_COLUMNS,
            Column(
                "vacancies_required",
                _l("Vacancies posted in the month requiring the skill"),
                VACANCIES_UNIT,
            ),
            Column(
                "vacancies_nice_to_have",
                _l("Vacancies posted in the month naming the skill as nice to have"),
                VACANCIES_UNIT,
            ),
        ),  # fmt: skip
        build=build_skill_demand,
        key=("month", "region_code", "skill_id"),
    ),
    Dataset(
        slug="seekers-by-district-education-skill",
        title=_l("Job seekers by district, education and skill"),
        description=_l(
            "Active job seeker accounts with a profile naming their kabupaten/kota, registered "
            "by the end of the month, per education level and skill they confirmed. Counts "
            "under 5 are suppressed, and so is a second cell where a total would reveal one."
        ),
        keywords=("pencari kerja", "job seekers", "pendidikan"),
        columns=(
            Column("month", _l("Month at whose end the seekers are counted"), _l("YYYY-MM")),
            *REGION_COLUMNS,
            Column(
                "education_level",
                _l("Highest education level declared by the seeker"),
                "",
                _l(
                    "sma_smk = SMA/SMK, d1, d3, d4, s1, s2, unknown = not given, total = all levels"
                ),
            ),
            *SKILL_COLUMNS,
            Column(
                "skill_status",
                _l("How the skill is known"),
                "",
                _l(
                    "declared = named or confirmed by the seeker, verified = backed by a "
                    "certificate or assessment"
                ),
            ),
            Column(
                "seekers", _l("Job seekers with the skill (empty when suppressed)"), _l("people")
            ),
            Column(
                "suppressed",
                _l("true when the count is withheld to protect privacy"),
                "",
                "true, false",
            ),
        ),  # fmt: skip
        build=build_seekers,
        key=("region_code", "education_level", "skill_id", "skill_status"),
    ),
    Dataset(
        slug="programme-coverage",
        title=_l("School programme coverage of district demand"),
        description=_l(
            "For each published curriculum of a verified school: how many of the %(top)s skills "
            "most often required by the vacancies of its kabupaten/kota in the %(months)s "
            "months up to the release month its learning outcomes teach.",
            top=TOP_SKILLS,
            months=WINDOW_MONTHS,
        ),
        keywords=("kurikulum", "SMK", "link and match"),
        columns=(
            Column("month", _l("Last month of the demand window"), _l("YYYY-MM")),
            *REGION_COLUMNS,
            Column("school", _l("Name of the school or training provider")),
            Column("curriculum_id", _l("Curriculum identifier on the platform")),
            Column("programme", _l("Programme (kompetensi keahlian / study programme)")),
            Column("concentration", _l("Concentration within the programme")),
            Column("level", _l("Level of the programme"), "", "smk, d3, d4, s1, training"),
            Column("version_year", _l("Year of the curriculum version"), _l("year")),
            Column(
                "skills_taught", _l("Distinct skills the learning outcomes teach"), _l("skills")
            ),
            Column(
                "top_skills", _l("Top demanded skills of the district considered"), _l("skills")
            ),
            Column(
                "top_skills_covered",
                _l("Of them, skills the learning outcomes teach"),
                _l("skills"),
            ),
            Column(
                "coverage_share",
                _l("top_skills_covered / top_skills (empty without demand)"),
                _l("share 0-1"),
            ),
        ),  # fmt: skip
        build=build_coverage,
        key=("curriculum_id",),
    ),
)
BY_SLUG = {dataset.slug: dataset for dataset in DATASETS}
