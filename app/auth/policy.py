"""Who may do what: one place for every access rule, decided from the user's role, organisation
and its verification. Views (through ``app.auth.decorators``) and services ask these
capabilities; no other module compares role strings."""

from __future__ import annotations

from typing import Any


def _role(user: Any) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "role", None)


def is_admin(user: Any) -> bool:
    """An administrator of the platform."""
    return _role(user) == "admin"


def is_planner(user: Any) -> bool:
    """A planner of a government agency: reads aggregates, never personal data."""
    return _role(user) == "planner"


def has_role(user: Any, *roles: str) -> bool:
    """The signed-in user has one of ``roles`` (this module's capabilities ask it)."""
    return _role(user) in roles


def organisation_verified(user: Any) -> bool:
    """The user belongs to an organisation an administrator has verified."""
    organisation = getattr(user, "organisation", None)
    return bool(organisation is not None and organisation.is_verified)


def can_act_for(user: Any, organisation_id: int | None) -> bool:
    """The user may read and change objects of this organisation (administrators may always)."""
    if is_admin(user):
        return True
    mine = getattr(user, "organisation_id", None)
    return mine is not None and mine == organisation_id


def can_read_job(user: Any, job: Any) -> bool:
    """A background job's page: the person who started it (administrators too)."""
    return is_admin(user) or (_role(user) is not None and job.owner_id == user.id)


def can_read_aggregates(user: Any) -> bool:
    """The planners' pages: counts and statistics of the whole province, no personal data
    (planners and administrators)."""
    return is_planner(user) or is_admin(user)


def can_manage_accounts(user: Any) -> bool:
    """List, search, (de)activate accounts and change roles."""
    return is_admin(user)


def can_read_audit_log(user: Any) -> bool:
    """Read the audit log."""
    return is_admin(user)


def can_read_outbox(user: Any) -> bool:
    """Read the development mail outbox."""
    return is_admin(user)


def can_verify_organisations(user: Any) -> bool:
    """Review organisations' verification requests (administrators)."""
    return is_admin(user)


def can_keep_vocabulary(user: Any) -> bool:
    """Taxonomy upkeep: map skills people wrote in free text to the vocabulary."""
    return is_admin(user)


def can_moderate(user: Any) -> bool:
    """Review reported and flagged vacancies, unpublish them, warn or suspend organisations."""
    return is_admin(user)


def can_request_verification(user: Any) -> bool:
    """An employer or school member whose email is verified may send its organisation's
    identity for review."""
    return (
        getattr(user, "organisation", None) is not None
        and has_role(user, "employer", "school")
        and email_verified(user)
    )


def can_apply(user: Any) -> bool:
    """A job seeker whose email address is verified (employers reply to it) may apply."""
    return has_role(user, "seeker") and email_verified(user)


def can_publish_vacancy(user: Any) -> bool:
    """Only members of a verified, not suspended employer publish vacancies (and a verified
    school's placement office its partners' vacancies, ``posts_bkk_vacancies``)."""
    return (has_role(user, "employer") and organisation_verified(user)) or posts_bkk_vacancies(user)


def posts_bkk_vacancies(user: Any) -> bool:
    """A member of a verified school (its placement office, Bursa Kerja Khusus) posts vacancies
    of its industry partners for its students."""
    organisation = getattr(user, "organisation", None)
    return (
        has_role(user, "school")
        and organisation is not None
        and organisation.kind == "school"
        and organisation_verified(user)
    )


def can_view_candidates(user: Any, vacancy: Any) -> bool:
    """Ranked candidates of a vacancy: its verified employer (administrators too)."""
    if is_admin(user):
        return True
    return (
        has_role(user, "employer")
        and organisation_verified(user)
        and can_act_for(user, getattr(vacancy, "organisation_id", None))
    )


def can_handle_applications(user: Any, vacancy: Any) -> bool:
    """Read applicants' profiles and contact, and move applications: the vacancy's employer
    while its organisation is verified and not suspended (administrators may read), or, for a
    BKK vacancy, the verified school that posted it."""
    return can_view_candidates(user, vacancy) or (
        posts_bkk_vacancies(user) and can_act_for(user, getattr(vacancy, "organisation_id", None))
    )


def handles_applications(user: Any) -> bool:
    """The applications pages are open to employers' members, administrators and the
    placement offices of verified schools (each object is then checked by
    ``can_handle_applications``)."""
    return oversees_vacancies(user) or posts_bkk_vacancies(user)


def can_report_vacancy(user: Any) -> bool:
    """Anyone may report a vacancy, signed in or not (administrators moderate instead)."""
    return not is_admin(user)


def can_see_contact(user: Any, application: Any) -> bool:
    """An applicant's phone number, for the employer applied to: applying is consent to share
    the contact with that employer (and no other)."""
    if application is None:
        return False
    return can_handle_applications(user, application.vacancy)


def can_see_candidate_contact(user: Any, profile: Any) -> bool:
    """A visible candidate's phone number, on a candidates list: only when the seeker chose to
    share it with employers."""
    return bool(
        has_role(user, "employer", "admin")
        and profile.visibility == "visible"
        and profile.consent_at is not None
        and profile.share_contact
    )


def can_save_searches(user: Any) -> bool:
    """Keep vacancy searches and receive their daily digest (job seekers)."""
    return has_role(user, "seeker")


def keeps_seeker_profile(user: Any) -> bool:
    """A job seeker: a profile, skills, recommendations and applications of their own."""
    return has_role(user, "seeker")


def manages_vacancies(user: Any) -> bool:
    """An employer's member: the organisation's vacancies and their applicants (publishing
    also needs verification, ``can_publish_vacancy``)."""
    return has_role(user, "employer")


def manages_curricula(user: Any) -> bool:
    """A school's or training centre's member: its curricula, gap reports and trainings."""
    return has_role(user, "school")


def oversees_vacancies(user: Any) -> bool:
    """An employer's member, or an administrator (who may read any organisation's vacancies)."""
    return manages_vacancies(user) or is_admin(user)


def oversees_curricula(user: Any) -> bool:
    """A school's member, or an administrator (who may read any school's curricula)."""
    return manages_curricula(user) or is_admin(user)


def browses_vacancies(user: Any) -> bool:
    """The public vacancy search is in the menu of visitors and job seekers."""
    return _role(user) in (None, "seeker")


# the page each role lands on after signing in (``/dashboard``)
HOME_ENDPOINTS = {
    "seeker": "seekers.dashboard",
    "employer": "employers.dashboard",
    "school": "schools.dashboard",
    "admin": "admin.dashboard",
    "planner": "planner.index",
}


def home_endpoint(user: Any) -> str:
    """The endpoint of the signed-in user's own dashboard (the home page for anyone else)."""
    return HOME_ENDPOINTS.get(_role(user) or "", "main.index")


def email_verified(user: Any) -> bool:
    """The signed-in user has opened a verification link sent to their email address (flows
    such as applying or asking for organisation verification may require it)."""
    if _role(user) is None:
        return False
    return getattr(user, "email_verified_at", None) is not None


def can_record_graduates(user: Any, curriculum: Any) -> bool:
    """Record, change and delete a programme's yearly graduates: a member of the school that
    owns the curriculum."""
    return has_role(user, "school") and can_act_for(
        user, getattr(curriculum, "organisation_id", None)
    )


def can_plan_curriculum_sync(user: Any, organisation_id: int | None = None) -> bool:
    """Keep industry partners and turn gap advice into a sync plan: a school's member (for
    its own school's plans when ``organisation_id`` is given)."""
    if not has_role(user, "school"):
        return False
    return organisation_id is None or can_act_for(user, organisation_id)


def can_invite_sync_partners(user: Any, organisation_id: int | None = None) -> bool:
    """Invite partner employers to review a sync plan: a member of a verified school (an
    unverified school could otherwise reach any employer's members)."""
    return can_plan_curriculum_sync(user, organisation_id) and organisation_verified(user)


def reviews_curriculum_sync(user: Any) -> bool:
    """Curriculum sync invitations: a member of a verified employer."""
    return has_role(user, "employer") and organisation_verified(user)


def can_review_sync_plan(user: Any, invitation: Any) -> bool:
    """Read a plan, comment on its actions and endorse it: a member of the verified employer
    the school invited (and no other)."""
    return reviews_curriculum_sync(user) and can_act_for(
        user, getattr(invitation, "employer_id", None)
    )


def can_manage_teachers(user: Any, curriculum: Any) -> bool:
    """List a programme's teachers, record their skills and send them their link: a member of
    the school that owns the curriculum (no one else: teachers are people)."""
    return can_record_graduates(user, curriculum)


def can_manage_tracer(user: Any, curriculum: Any) -> bool:
    """List a programme's graduates, invite them to the tracer study and read its results: a
    member of the school that owns the curriculum (planners read suppressed aggregates only)."""
    return can_record_graduates(user, curriculum)


def can_hold_api_tokens(user: Any) -> bool:
    """Create, list and revoke the organisation's API tokens: an employer's member (what a
    token may then do is decided as for the member on the site)."""
    return has_role(user, "employer")
