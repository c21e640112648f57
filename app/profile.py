"""Deployment profiles: everything regional about one installation (platform name, province and
its kabupaten/kota, agencies, languages, open-data publisher, contact and data controller), read
once from ``profiles/<name>/profile.toml``; ``LINKMATCH_PROFILE`` names the folder."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_PROFILE = BASE_DIR / "profiles" / "banten"


class ProfileError(ValueError):
    """A profile folder that is missing, incomplete or names a file that is not there."""


@dataclass(frozen=True)
class Agencies:
    """The names of the province's agencies that plan with the platform."""

    bappeda: str
    disnaker: str
    education: str
    diskominfo: str


@dataclass(frozen=True)
class Profile:
    """One province's deployment: read by templates (as ``deployment``) and services."""

    name: str
    folder: Path
    platform_name: str
    short_name: str
    province_name: str
    province_code: str
    agencies: Agencies
    regions_file: Path
    context_file: Path | None
    default_language: str = "id"
    languages: tuple[str, ...] = ("id", "en")
    logo_file: Path | None = None
    primary_colour: str | None = None
    opendata_publisher: str = ""
    opendata_licence: str = "https://creativecommons.org/licenses/by/4.0/"
    contact_email: str = ""
    data_controller: str = ""
    demo: str = "generated"  # "handwritten": app/data/demo/demo.json; else generated
    aliases_file: Path | None = None
    domain_example: str = "linkmatch.example.go.id"
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def context_file_label(self) -> str:
        """The context file's path inside the project (or its full path outside it)."""
        if self.context_file is None:
            return ""
        try:
            return str(self.context_file.relative_to(BASE_DIR))
        except ValueError:
            return str(self.context_file)

    @property
    def source_note(self) -> str:
        """The source line of the province's BPS figures (charts, CSV and XLSX exports)."""
        return f"Sumber: BPS Provinsi {self.province_name}, Sakernas"

    @property
    def region_example(self) -> str:
        """The first kabupaten/kota of the regions file as "code = name" (e.g. "3601 = Kab.
        Pandeglang"), the example in data dictionaries."""
        with open(self.regions_file, encoding="utf-8") as handle:
            handle.readline()
            code, name = handle.readline().split(",")[:2]
        return f"{code} = {name}"

    @property
    def area_label(self) -> str:
        """The province as open data names it, e.g. "Provinsi Banten (BPS 36)"."""
        return f"Provinsi {self.province_name} (BPS {self.province_code})"


def _file(folder: Path, value: object, key: str, required: bool) -> Path | None:
    if not value:
        if required:
            raise ProfileError(f"{folder / 'profile.toml'}: {key} is required")
        return None
    path = (folder / str(value)).resolve()
    if not path.is_file():
        raise ProfileError(f"{folder / 'profile.toml'}: {key}: no file {path}")
    return path


def load_profile(path: str | os.PathLike[str] | None = None) -> Profile:
    """The profile in folder ``path`` (default: ``LINKMATCH_PROFILE``, else profiles/banten)."""
    folder = Path(path or os.environ.get("LINKMATCH_PROFILE") or DEFAULT_PROFILE)
    if not folder.is_absolute():
        folder = (BASE_DIR / folder) if not folder.exists() else folder.resolve()
    source = folder / "profile.toml"
    if not source.is_file():
        raise ProfileError(f"LINKMATCH_PROFILE: no profile.toml in {folder}")
    with open(source, "rb") as handle:
        data = tomllib.load(handle)
    try:
        agencies = Agencies(**data.pop("agencies"))
        province = data.pop("province")
        opendata = data.pop("opendata", {})
        contact = data.pop("contact", {})
        return Profile(
            name=data.pop("name", folder.name),
            folder=folder,
            platform_name=data.pop("platform_name"),
            short_name=data.pop("short_name"),
            province_name=province["name"],
            province_code=str(province["code"]),
            agencies=agencies,
            regions_file=_file(folder, data.pop("regions_file", None), "regions_file", True),  # type: ignore[arg-type]
            context_file=_file(folder, data.pop("context_file", None), "context_file", False),
            default_language=data.pop("default_language", "id"),
            languages=tuple(data.pop("languages", ("id", "en"))),
            logo_file=_file(folder, data.pop("logo_file", None), "logo_file", False),
            primary_colour=data.pop("primary_colour", None),
            opendata_publisher=opendata.get("publisher", data.get("platform_name", "")),
            opendata_licence=opendata.get(
                "licence", "https://creativecommons.org/licenses/by/4.0/"
            ),
            contact_email=contact.get("email", ""),
            data_controller=contact.get("data_controller", ""),
            demo=data.pop("demo", "generated"),
            aliases_file=_file(folder, data.pop("aliases_file", None), "aliases_file", False),
            domain_example=data.pop("domain_example", "linkmatch.example.go.id"),
            extra={str(k): str(v) for k, v in data.items()},
        )
    except (KeyError, TypeError) as error:
        raise ProfileError(f"{source}: missing or unknown setting {error}") from error


def current_profile() -> Profile:
    """The profile of the running app."""
    return current_app.config["PROFILE"]


DEFAULT_SQLITE = "linkmatch.sqlite"


def apply_profile(config: dict, overrides: dict) -> Profile:
    """Load the profile (``PROFILE_PATH`` in ``overrides``, else ``LINKMATCH_PROFILE``) into
    ``config``: its data files, languages and open-data publisher, unless the environment or
    ``overrides`` set them. Another profile than Banten gets its own SQLite file,
    ``instance/<profile name>.sqlite``, so switching profiles never mixes data."""
    profile = load_profile(overrides.get("PROFILE_PATH") or config.get("PROFILE_PATH"))
    config["PROFILE"] = profile
    config["REGIONS_FILE"] = str(profile.regions_file)
    config["CONTEXT_FILE"] = str(profile.context_file) if profile.context_file else None
    config["LANGUAGES"] = profile.languages
    config["BABEL_DEFAULT_LOCALE"] = profile.default_language
    if not os.environ.get("OPENDATA_PUBLISHER"):
        config["OPENDATA_PUBLISHER"] = profile.opendata_publisher
    if not os.environ.get("OPENDATA_LICENSE"):
        config["OPENDATA_LICENSE"] = profile.opendata_licence
    uri = str(config.get("SQLALCHEMY_DATABASE_URI", ""))
    if profile.name != "banten" and uri.endswith("/" + DEFAULT_SQLITE):
        config["SQLALCHEMY_DATABASE_URI"] = (
            uri.removesuffix(DEFAULT_SQLITE) + f"{profile.name}.sqlite"
        )
    return profile


class ProfileText:
    """A lazily translated message filled, when shown, with the running profile's values:
    ``ProfileText(_l("All of %(province)s"), province="province_name")`` (form labels and
    choices are declared at import, before any profile is known)."""

    def __init__(self, message: object, **fields: str) -> None:
        self.message = message
        self.fields = fields

    def __str__(self) -> str:
        profile = current_profile()
        values = {key: _attribute(profile, path) for key, path in self.fields.items()}
        return str(self.message) % values

    def __html__(self) -> str:
        from markupsafe import escape

        return str(escape(str(self)))

    def __eq__(self, other: object) -> bool:
        return str(self) == other

    def __hash__(self) -> int:
        return hash(str(self))


def _attribute(profile: Profile, path: str) -> str:
    value: object = profile
    for part in path.split("."):
        value = getattr(value, part)
    return str(value)


COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


def profile_stylesheet(profile: Profile) -> str:
    """CSS giving the navigation bar and primary buttons the profile's colour ("" if none)."""
    colour = profile.primary_colour
    if not colour or not COLOUR_RE.match(colour):
        return ""
    return (
        f":root {{ --bs-primary: {colour}; }}\n"
        f".bg-primary {{ background-color: {colour} !important; }}\n"
        f".btn-primary {{ background-color: {colour}; border-color: {colour}; }}\n"
    )
