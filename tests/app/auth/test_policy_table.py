"""Every capability of ``app.auth.policy`` decided for each role, organisation state and email
state, on plain objects (no database): the table a new role or rule is checked against."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace
from typing import Any

import pytest

from app.auth import policy

ROLES = ("seeker", "employer", "school", "planner", "admin")
VERIFIED = datetime(2026, 1, 1)


def org(
    oid: int = 1, kind: str = "employer", verified: bool = True, suspended: bool = False
) -> Any:
    return SimpleNamespace(
        id=oid, kind=kind, is_verified=verified and not suspended, suspended=suspended
    )


def user(
    role: str | None, organisation: Any = None, email_verified: bool = True, uid: int = 7
) -> Any:
    if role is None:  # an anonymous visitor (Flask-Login's AnonymousUserMixin)
        return SimpleNamespace(is_authenticated=False, id=None)
    return SimpleNamespace(
        is_authenticated=True,
        id=uid,
        role=role,
        organisation=organisation,
        organisation_id=getattr(organisation, "id", None),
        email_verified_at=VERIFIED if email_verified else None,
    )


ANONYMOUS = user(None)
SEEKER = user("seeker")
EMPLOYER = user("employer", org(1))
SCHOOL = user("school", org(2, "school"))
PLANNER = user("planner", org(3, "agency"))
ADMIN = user("admin")
EVERYONE = {
    "anonymous": ANONYMOUS,
    "seeker": SEEKER,
    "employer": EMPLOYER,
    "school": SCHOOL,
    "planner": PLANNER,
    "admin": ADMIN,
}


def allowed(capability) -> set[str]:  # type: ignore[no-untyped-def]
    return {name for name, who in EVERYONE.items() if capability(who)}


@pytest.mark.parametrize(
    ("capability", "who"),
    [
        (policy.is_admin, {"admin"}),
        (policy.is_planner, {"planner"}),
        (policy.can_read_aggregates, {"planner", "admin"}),
        (policy.can_manage_accounts, {"admin"}),
        (policy.can_read_audit_log, {"admin"}),
        (policy.can_read_outbox, {"admin"}),
        (policy.can_verify_organisations, {"admin"}),
        (policy.can_keep_vocabulary, {"admin"}),
        (policy.can_moderate, {"admin"}),
        (policy.can_request_verification, {"employer", "school"}),
        (policy.can_apply, {"seeker"}),
        (policy.can_publish_vacancy, {"employer", "school"}),
        (policy.posts_bkk_vacancies, {"school"}),
        (policy.handles_applications, {"employer", "school", "admin"}),
        (policy.can_report_vacancy, {"anonymous", "seeker", "employer", "school", "planner"}),
        (policy.can_save_searches, {"seeker"}),
        (policy.keeps_seeker_profile, {"seeker"}),
        (policy.manages_vacancies, {"employer"}),
        (policy.manages_curricula, {"school"}),
        (policy.oversees_vacancies, {"employer", "admin"}),
        (policy.oversees_curricula, {"school", "admin"}),
        (policy.browses_vacancies, {"anonymous", "seeker"}),
        (policy.email_verified, {"seeker", "employer", "school", "planner", "admin"}),
        (policy.can_plan_curriculum_sync, {"school"}),
        (policy.can_invite_sync_partners, {"school"}),
        (policy.reviews_curriculum_sync, {"employer"}),
        (policy.can_hold_api_tokens, {"employer"}),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_who_holds_each_capability(capability, who: set[str]) -> None:  # type: ignore[no-untyped-def]
    assert allowed(capability) == who


@pytest.mark.parametrize(
    "capability",
    [
        policy.can_request_verification,
        policy.can_apply,
    ],
)
def test_an_unverified_email_holds_no_email_gated_capability(capability) -> None:  # type: ignore[no-untyped-def]
    for role, organisation in (("seeker", None), ("employer", org()), ("school", org(2, "school"))):
        assert not capability(user(role, organisation, email_verified=False)), role


def test_a_member_without_an_organisation_cannot_ask_for_verification() -> None:
    assert not policy.can_request_verification(user("employer", None))


@pytest.mark.parametrize(
    "organisation",
    [org(verified=False), org(suspended=True), None],
    ids=["unverified", "suspended", "none"],
)
def test_an_untrusted_organisation_publishes_nothing_and_sees_no_one(organisation) -> None:  # type: ignore[no-untyped-def]
    member = user("employer", organisation)
    vacancy = SimpleNamespace(organisation_id=getattr(organisation, "id", None))
    assert not policy.can_publish_vacancy(member)
    assert not policy.can_view_candidates(member, vacancy)
    assert not policy.can_handle_applications(member, vacancy)
    assert not policy.reviews_curriculum_sync(member)
    assert not policy.organisation_verified(member)


def test_a_schools_placement_office_needs_a_verified_school() -> None:
    assert policy.posts_bkk_vacancies(user("school", org(2, "school")))
    assert not policy.posts_bkk_vacancies(user("school", org(2, "school", verified=False)))
    assert not policy.posts_bkk_vacancies(user("school", org(2, "school", suspended=True)))
    assert not policy.posts_bkk_vacancies(user("school", org(2, "employer")))
    assert not policy.posts_bkk_vacancies(user("school", None))
    assert not policy.can_invite_sync_partners(user("school", org(2, "school", verified=False)))


def test_candidates_and_applications_stay_with_the_vacancys_organisation() -> None:
    mine = SimpleNamespace(organisation_id=1)
    theirs = SimpleNamespace(organisation_id=9)
    assert policy.can_view_candidates(EMPLOYER, mine)
    assert not policy.can_view_candidates(EMPLOYER, theirs)
    assert policy.can_view_candidates(ADMIN, theirs)
    assert not policy.can_view_candidates(SCHOOL, SimpleNamespace(organisation_id=2))
    assert policy.can_handle_applications(SCHOOL, SimpleNamespace(organisation_id=2))
    assert not policy.can_handle_applications(SCHOOL, mine)
    assert not policy.can_handle_applications(PLANNER, mine)
    assert not policy.can_handle_applications(SEEKER, mine)


def test_contact_of_an_applicant_goes_to_the_employer_applied_to_only() -> None:
    application = SimpleNamespace(vacancy=SimpleNamespace(organisation_id=1))
    assert policy.can_see_contact(EMPLOYER, application)
    assert not policy.can_see_contact(user("employer", org(9)), application)
    assert not policy.can_see_contact(EMPLOYER, None)
    assert not policy.can_see_contact(PLANNER, application)


@pytest.mark.parametrize(
    ("visibility", "consent", "share", "seen"),
    [
        ("visible", VERIFIED, True, True),
        ("hidden", VERIFIED, True, False),
        ("visible", None, True, False),
        ("visible", VERIFIED, False, False),
    ],
)
def test_a_candidates_phone_needs_visibility_consent_and_sharing(
    visibility: str, consent: datetime | None, share: bool, seen: bool
) -> None:
    profile = SimpleNamespace(visibility=visibility, consent_at=consent, share_contact=share)
    assert policy.can_see_candidate_contact(EMPLOYER, profile) is seen
    assert policy.can_see_candidate_contact(ADMIN, profile) is seen
    assert policy.can_see_candidate_contact(SCHOOL, profile) is False
    assert policy.can_see_candidate_contact(PLANNER, profile) is False


def test_acting_for_an_organisation() -> None:
    assert policy.can_act_for(EMPLOYER, 1)
    assert not policy.can_act_for(EMPLOYER, 2)
    assert not policy.can_act_for(EMPLOYER, None)
    assert not policy.can_act_for(SEEKER, None), "no organisation is not the same as None"
    assert policy.can_act_for(ADMIN, 12345)


def test_a_schools_own_programmes_only() -> None:
    own, other = SimpleNamespace(organisation_id=2), SimpleNamespace(organisation_id=5)
    for capability in (
        policy.can_record_graduates,
        policy.can_manage_teachers,
        policy.can_manage_tracer,
    ):
        assert capability(SCHOOL, own)
        assert not capability(SCHOOL, other)
        assert not capability(EMPLOYER, SimpleNamespace(organisation_id=1))
        assert not capability(PLANNER, own)
    assert policy.can_plan_curriculum_sync(SCHOOL, 2)
    assert not policy.can_plan_curriculum_sync(SCHOOL, 5)


def test_a_sync_plan_is_reviewed_by_the_invited_employer_only() -> None:
    invitation = SimpleNamespace(employer_id=1)
    assert policy.can_review_sync_plan(EMPLOYER, invitation)
    assert not policy.can_review_sync_plan(user("employer", org(4)), invitation)
    assert not policy.can_review_sync_plan(user("employer", org(1, verified=False)), invitation)
    assert not policy.can_review_sync_plan(SCHOOL, SimpleNamespace(employer_id=2))


def test_a_signed_out_user_object_holds_no_role() -> None:
    signed_out = SimpleNamespace(is_authenticated=False, role="admin", id=7)
    assert not policy.is_admin(signed_out)
    assert not policy.can_read_job(signed_out, SimpleNamespace(owner_id=7))
    assert policy.home_endpoint(None) == "main.index"


def test_jobs_are_read_by_their_owner_and_administrators() -> None:
    job = SimpleNamespace(owner_id=7)
    assert policy.can_read_job(SEEKER, job)
    assert not policy.can_read_job(user("seeker", uid=8), job)
    assert policy.can_read_job(user("admin", uid=99), job)
    assert not policy.can_read_job(ANONYMOUS, SimpleNamespace(owner_id=None))


@pytest.mark.parametrize(
    ("role", "endpoint"),
    [
        ("seeker", "seekers.dashboard"),
        ("employer", "employers.dashboard"),
        ("school", "schools.dashboard"),
        ("admin", "admin.dashboard"),
        ("planner", "planner.index"),
        (None, "main.index"),
    ],
)
def test_each_role_lands_on_its_own_home(role: str | None, endpoint: str) -> None:
    assert policy.home_endpoint(user(role)) == endpoint


def test_every_role_has_a_home() -> None:
    from app.models import ROLES as MODEL_ROLES

    assert set(policy.HOME_ENDPOINTS) == set(MODEL_ROLES)
    assert set(ROLES) == set(MODEL_ROLES)
