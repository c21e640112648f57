"""Display names of the stored codes (employment types, statuses...), translatable."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from app.language import current_language

LABELS: dict[str, dict[str, object]] = {
    "role": {
        "seeker": _l("Job seeker"),
        "employer": _l("Employer"),
        "school": _l("School"),
        "admin": _l("Administrator"),
        "planner": _l("Planner"),
    },
    # curriculum sync with industry (app/models/sync.py)
    "sync_action_kind": {
        "add": _l("Add to a unit"),
        "strengthen": _l("Strengthen in a unit"),
        "elective": _l("New elective"),
        "pkl": _l("Industry placement (PKL) topic"),
        "certification": _l("Certification"),
    },
    "sync_action_status": {
        "planned": _l("Planned"),
        "in_progress": _l("In progress"),
        "done": _l("Done"),
        "dropped": _l("Dropped"),
    },
    "sync_invitation_status": {
        "invited": _l("Invited, no answer yet"),
        "endorsed": _l("Endorsed"),
        "not_endorsed": _l("Not endorsed"),
    },
    "partner_contribution": {
        "pkl": _l("PKL places"),
        "guest_teaching": _l("Guest teaching"),
        "equipment": _l("Equipment"),
        "certification": _l("Certification"),
    },
    # education breakdowns of the BPS open-unemployment figures
    "education_breakdown": {
        "sd_or_less": _l("Primary school or less"),
        "smp": _l("Junior high school (SMP)"),
        "sma": _l("General senior high school (SMA)"),
        "smk": _l("Vocational high school (SMK)"),
        "diploma": _l("Diploma (D1-D3)"),
        "university": _l("University"),
    },
    "employment_type": {
        "full_time": _l("Full time"),
        "part_time": _l("Part time"),
        "contract": _l("Contract"),
        "internship": _l("Internship"),
        "freelance": _l("Freelance"),
    },
    "education_level": {
        "sma_smk": _l("SMA/SMK"),
        "d1": _l("D1"),
        "d3": _l("D3"),
        "d4": _l("D4"),
        "s1": _l("S1 (bachelor)"),
        "s2": _l("S2 (master)"),
    },
    "vacancy_status": {"draft": _l("Draft"), "open": _l("Open"), "closed": _l("Closed")},
    "organisation_kind": {
        "employer": _l("Employer"),
        "school": _l("School, polytechnic or university"),
        "training_provider": _l("Training provider (LPK, BLK, bootcamp)"),
        "agency": _l("Government agency"),
    },
    "verification_status": {
        "unsubmitted": _l("Not verified"),
        "pending": _l("Waiting for review"),
        "verified": _l("Verified"),
        "rejected": _l("Rejected"),
    },
    "job_status": {
        "queued": _l("Waiting to start"),
        "running": _l("Running"),
        "finished": _l("Done"),
        "failed": _l("Failed"),
    },
    "job_kind": {
        "vacancies.import": _l("Vacancy import"),
        "vacancies.expire": _l("Closing expired vacancies"),
        "vacancies.extract": _l("Reading a vacancy's skills"),
        "trainings.extract": _l("Reading a training's skills"),
        "curricula.extract": _l("Reading a curriculum's skills"),
        "mail.send": _l("Sending an email"),
        "notify.digest": _l("Daily vacancy emails"),
    },
    "moderation_status": {
        "clear": _l("Shown"),
        "held": _l("Held for review"),
        "removed": _l("Taken down"),
    },
    "report_reason": {
        "asks_money": _l("Asks applicants for money"),
        "fake_company": _l("Fake company"),
        "discriminatory": _l("Discriminatory"),
        "wrong_information": _l("Wrong information"),
        "other": _l("Other"),
    },
    "scam_signal": {
        "fee": _l("Asks applicants for a fee or deposit"),
        "bank_account": _l("Names a personal bank account"),
        "whatsapp_only": _l("Contact by WhatsApp only, no company contact"),
        "too_good": _l("Promises easy or very high pay"),
        "salary_outlier": _l("Salary far above the range for this education level"),
    },
    "importance": {"required": _l("Required"), "preferred": _l("Nice to have")},
    "origin": {
        "extracted": _l("Suggested"),
        "declared": _l("Declared"),
        "verified": _l("Verified"),
    },
    "visibility": {"hidden": _l("Hidden"), "visible": _l("Visible to employers")},
    "curriculum_level": {
        "smk": _l("SMK"),
        "d3": _l("D3"),
        "d4": _l("D4"),
        "s1": _l("S1"),
        "training": _l("Training"),
    },
    "application_status": {
        "applied": _l("Applied"),
        "reviewed": _l("Reviewed"),
        "interview": _l("Interview"),
        "offer": _l("Offer"),
        "hired": _l("Hired"),
        "rejected": _l("Rejected"),
    },
    "rejection_reason": {
        "skill_mismatch": _l("Skills do not match"),
        "experience": _l("Not enough experience"),
        "education": _l("Education does not match"),
        "location": _l("Location"),
        "position_filled": _l("Position already filled"),
        "withdrawn": _l("Withdrawn by the applicant"),
        "other": _l("Other reason"),
    },
    "training_mode": {"online": _l("Online"), "offline": _l("In person"), "hybrid": _l("Hybrid")},
    "training_audience": {
        "seekers": _l("Job seekers"),
        "teachers": _l("Teachers (upskilling)"),
        "all": _l("Job seekers and teachers"),
    },
    "tracer_status": {
        "working": _l("Working"),
        "studying": _l("Studying"),
        "entrepreneur": _l("Entrepreneur"),
        "looking": _l("Looking for work"),
    },
    "method": {
        "alias": _l("name or alias"),
        "fuzzy": _l("similar spelling"),
        "semantic": _l("meaning"),
    },
    "curriculum_status": {
        "draft": _l("Draft"),
        "published": _l("Published"),
        "archived": _l("Archived"),
    },
}


def label(kind: str, code: str | None) -> str:
    """The display name of ``code`` among the ``kind`` codes (the code itself if unknown)."""
    if code is None:
        return "—"
    return str(LABELS.get(kind, {}).get(code, code))


def choices(kind: str) -> list[tuple[str, str]]:
    """(code, display name) pairs for a select field."""
    return [(code, str(name)) for code, name in LABELS[kind].items()]


def rupiah(amount: int | None) -> str:
    """Format an amount in IDR the Indonesian way: Rp 4.500.000."""
    if amount is None:
        return "—"
    return "Rp " + f"{amount:,}".replace(",", ".")


def salary_range(vacancy: object) -> str:
    """A vacancy's salary range in rupiah, or a note that it is not stated."""
    low, high = getattr(vacancy, "salary_min", None), getattr(vacancy, "salary_max", None)
    if low is None and high is None:
        return str(_l("Salary not stated"))
    if low is None or high is None or low == high:
        return rupiah(low if high is None else high)
    return f"{rupiah(low)} – {rupiah(high)}"


def occupation_title(group: object | None) -> str:
    """A KBJI group as "code · title", the title in the UI language (Indonesian by default)."""
    if group is None:
        return "—"
    english = current_language() == "en" and getattr(group, "title_en", "")
    return f"{group.code} · {english or group.title_id}"  # type: ignore[attr-defined]


def highlight(text: str, spans: list[tuple[int, int]]) -> Markup:
    """The text, escaped, with the given (start, end) spans marked (moderation evidence)."""
    parts: list[Markup] = []
    at = 0
    for start, end in sorted(spans):
        if start < at or end > len(text):
            continue
        parts.append(escape(text[at:start]))
        parts.append(Markup("<mark>{}</mark>").format(text[start:end]))
        at = end
    parts.append(escape(text[at:]))
    return Markup("").join(parts)
