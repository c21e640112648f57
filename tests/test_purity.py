"""matching/ and curricula/ are pure libraries: no Flask, no app."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("flask", "flask_sqlalchemy", "flask_login", "flask_wtf", "flask_babel", "app")


@pytest.mark.parametrize("package", ["matching", "curricula"])
def test_no_flask_or_app_imports_in_source(package: str) -> None:
    offenders = []
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            offenders += [f"{path}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []


@pytest.mark.parametrize("package", ["matching", "curricula"])
def test_importing_does_not_load_flask(package: str) -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        f"import {package}\n"
        f"for m in pkgutil.walk_packages({package}.__path__, '{package}.'):\n"
        "    if not m.name.endswith('__main__'): importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m == 'flask' or m == 'app' or m.startswith('app.')]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


LAB_PACKAGES = ("matching.lab", "curricula.lab", "app.lab")


def _is_lab(name: str) -> bool:
    return any(name == lab or name.startswith(lab + ".") for lab in LAB_PACKAGES)


def _imported_modules(path: Path, module: str) -> list[str]:
    """Every module ``path`` imports, at any depth (function bodies too), relative ones resolved."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(parts + ([node.module] if node.module else []))
            names += [base] + [f"{base}.{alias.name}" for alias in node.names]
    return names


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_sources() -> list[Path]:
    """The site, the API and the runtime modules of app/, matching/ and curricula/ (not their
    labs)."""
    paths = [ROOT / "wsgi.py", ROOT / "gunicorn.conf.py"]
    for package in ("app", "matching", "curricula"):
        paths += [
            p for p in (ROOT / package).rglob("*.py") if "lab" not in p.relative_to(ROOT).parts
        ]
    return paths


def test_runtime_modules_do_not_import_the_lab() -> None:
    sources = _runtime_sources()
    assert ROOT / "matching" / "linking" / "runtime.py" in sources
    assert ROOT / "app" / "services" / "feeds" / "dedup.py" in sources
    assert not any("lab" in p.parts for p in sources)
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in sources
        for name in _imported_modules(path, _module_name(path))
        if _is_lab(name)
    ]
    assert offenders == []


def test_the_import_check_sees_relative_and_nested_imports(tmp_path: Path) -> None:
    source = tmp_path / "extract.py"
    source.write_text(
        "def f():\n    from ..lab.linking import calibrate\nfrom curricula.lab.gap import bench\n",
        encoding="utf-8",
    )
    found = [n for n in _imported_modules(source, "matching.linking.extract") if _is_lab(n)]
    assert "matching.lab.linking.calibrate" in found
    assert "curricula.lab.gap.bench" in found
    source.write_text("from ...lab.feeds import evaluate_dedup\n", encoding="utf-8")
    found = [n for n in _imported_modules(source, "app.services.feeds.dedup") if _is_lab(n)]
    assert "app.lab.feeds.evaluate_dedup" in found


def test_the_app_never_loads_the_lab() -> None:
    """Build the app, import every runtime module of app/ (blueprints, services, API, jobs, CLI;
    not ``app.lab``) and every module of matching/ and curricula/ that app/ names, also inside
    functions (the model, the linker, the stores): no lab module is loaded."""
    named = sorted(
        {
            name
            for path in _runtime_sources()
            if path.parts[len(ROOT.parts)] == "app"
            for name in _imported_modules(path, _module_name(path))
            if name.split(".")[0] in ("matching", "curricula")
            and (
                (ROOT / name.replace(".", "/")).with_suffix(".py").is_file()
                or (ROOT / name.replace(".", "/") / "__init__.py").is_file()
            )
        }
    )
    assert "matching.linking.runtime" in named
    runtime = sorted(
        _module_name(path)
        for path in _runtime_sources()
        if path.parts[len(ROOT.parts)] == "app" and path.name != "__main__.py"
    )
    assert "app.services.feeds.dedup" in runtime
    code = (
        "import importlib, sys\n"
        "import app\n"
        "from app.config import TestingConfig\n"
        "app.create_app(TestingConfig)\n"
        f"for name in {runtime + named!r}: importlib.import_module(name)\n"
        "tops = ('app', 'matching', 'curricula')\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in tops)\n"
        "print('\\n'.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-3000:]
    loaded = result.stdout.split()
    assert "matching.linking.store" in loaded and "curricula.gap.build" in loaded
    assert [m for m in loaded if _is_lab(m)] == []


READERS = ("os.environ.get", "os.getenv")


def _environment_reads(path: Path) -> list[int]:
    """Lines of ``os.environ.get(...)``, ``os.getenv(...)`` and ``os.environ[...]`` (reads)."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        call = isinstance(node, ast.Call) and ast.unparse(node.func) in READERS
        item = (
            isinstance(node, ast.Subscript)
            and isinstance(node.ctx, ast.Load)
            and ast.unparse(node.value) == "os.environ"
        )
        if call or item:
            lines.append(node.lineno)
    return lines


def test_only_the_settings_module_of_matching_reads_the_environment() -> None:
    """matching/ gets its paths and threads from ``matching.settings`` (the app fills it from its
    config); only that module and the command-line entry points (``__main__``) read the env."""
    probe = ROOT / "matching" / "linking" / "runtime.py"
    assert _environment_reads(probe) == []
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in _runtime_sources()
        if path.parts[len(ROOT.parts)] == "matching"
        and path.name not in ("settings.py", "__main__.py")
        for line in _environment_reads(path)
    ]
    assert offenders == []


def test_the_environment_check_sees_each_way_of_reading(tmp_path: Path) -> None:
    source = tmp_path / "store.py"
    source.write_text(
        "import os\na = os.environ.get('A')\nb = os.getenv('B')\nc = os.environ['C']\n"
        "os.environ.setdefault('HF_HUB_OFFLINE', '1')\n",
        encoding="utf-8",
    )
    assert _environment_reads(source) == [2, 3, 4]
