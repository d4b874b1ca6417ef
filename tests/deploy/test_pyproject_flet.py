"""pyproject [tool.flet]: names, ids, version, internet-only permissions, a client-only bundle."""

from __future__ import annotations

import ast
import importlib.util
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
FLET = PYPROJECT["tool"]["flet"]
BUNDLED = ("main.py", "flet.toml", "app", "domain", "assets")
# Every [tool.flet] key flet-cli 1.0.5 reads that we use (flet_cli/commands/build_base.py,
# build.py); a misspelt key is silently ignored by `flet build`, so it must fail here.
KNOWN_KEYS = {
    "product", "artifact", "org", "bundle_id", "company", "copyright", "permissions",
    "icon_background", "build_number",
    "app.path", "app.module", "app.exclude", "app.include",
    "splash.color", "splash.dark_color", "splash.android", "splash.ios", "splash.web",
    "android.permission.*", "android.feature.*", "android.split_per_abi", "ios.info.*",
    "android.adaptive_icon_background",
    "macos.icon_style", "linux.categories",
    "web.cdn", "web.pwa_short_name", "web.pwa_theme_color", "web.pwa_background_color",
    "web.route_url_strategy", "web.base_url", "web.renderer",
}  # fmt: skip


def _leaf_keys(table: dict, prefix: str = "") -> list[str]:
    keys = []
    for name, value in table.items():
        path = f"{prefix}{name}"
        if isinstance(value, dict) and f"{path}.*" not in KNOWN_KEYS:
            keys += _leaf_keys(value, path + ".")
        else:
            keys.append(f"{path}.*" if isinstance(value, dict) else path)
    return keys


def test_every_key_is_one_flet_build_reads():
    unknown = [k for k in _leaf_keys(FLET) if k not in KNOWN_KEYS]
    assert not unknown, f"flet build ignores these keys: {unknown}"


def test_names_ids_and_version():
    assert FLET["product"] == "Điện Nhà"
    assert re.fullmatch(r"[a-z0-9_-]+", FLET["artifact"])  # file names stay ASCII
    assert re.fullmatch(r"[a-z]+(\.[a-z0-9]+)+", FLET["org"])
    assert FLET["bundle_id"].startswith(FLET["org"] + ".")
    assert re.fullmatch(r"[a-z]+(\.[a-z0-9_]+){2,}", FLET["bundle_id"])  # valid on iOS and Android
    assert FLET["company"] and FLET["copyright"]
    # `flet build` takes the version shown to people from [project].version (x.y.z)
    assert re.fullmatch(r"\d+\.\d+\.\d+", PYPROJECT["project"]["version"])


def test_permissions_are_exactly_what_the_app_uses():
    """Camera (service-request photos), location while in use (outage reports), biometrics
    (phone unlock): app/device/ uses these and nothing else."""
    assert FLET["permissions"] == []  # no bundles: "location" would add background location
    assert FLET["android"]["permission"] == {
        "android.permission.INTERNET": True,
        "android.permission.CAMERA": True,
        "android.permission.ACCESS_FINE_LOCATION": True,
        "android.permission.ACCESS_COARSE_LOCATION": True,
        "android.permission.USE_BIOMETRIC": True,
    }
    assert all(v is False for v in FLET["android"]["feature"].values())  # used, not required
    assert set(FLET["ios"]["info"]) == {
        "NSCameraUsageDescription",
        "NSLocationWhenInUseUsageDescription",
        "NSFaceIDUsageDescription",
    }
    assert "info" not in FLET.get("macos", {})  # the desktop asks for nothing
    assert "entitlement" not in FLET.get("macos", {})


def test_purpose_strings_are_the_apps_own_words_in_vietnamese_and_english():
    from app.i18n import catalogue

    vi, en = catalogue("vi"), catalogue("en")
    for key, name in (
        ("NSCameraUsageDescription", "camera"),
        ("NSLocationWhenInUseUsageDescription", "location"),
        ("NSFaceIDUsageDescription", "biometrics"),
    ):
        purpose = f"device.purpose.{name}"
        assert FLET["ios"]["info"][key] == f"{vi[purpose]} / {en[purpose]}"


def test_each_permission_has_its_code_and_nothing_more():
    """A permission in the manifest is used by the code (and the reverse): the plugins that
    need them are imported under app/device/ only."""
    device = ROOT / "app" / "device"
    code = "\n".join(p.read_text(encoding="utf-8") for p in device.glob("*.py"))
    assert "flet_camera" in (ROOT / "app/views/services/attach_section.py").read_text()
    assert "flet_geolocator" in code and "flet_permission_handler" in code
    assert "flet_local_auth" in code
    app_code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "app").rglob("*.py"))
    for unused in ("flet_audio_recorder", "Permission.MICROPHONE", "Permission.PHOTOS",
                   "LOCATION_ALWAYS", "Permission.CONTACTS"):  # fmt: skip
        assert unused not in app_code


def test_entry_point_is_main_py_at_the_app_path():
    app_dir = ROOT / FLET["app"]["path"]
    assert (app_dir / f"{FLET['app']['module']}.py").is_file()


def test_server_tests_and_tools_are_excluded_and_the_client_is_not():
    excluded = FLET["app"]["exclude"]
    for path in ("server", "tests", "bench", "deploy", "scripts", "data", "requirements.lock"):
        assert path in excluded
    for path in BUNDLED:
        assert not any(path == e or path.startswith(e + "/") for e in excluded), path
    # flet matches excludes exactly (no globs), so a typo would ship the directory
    assert all("*" not in e and not e.startswith("/") for e in excluded)


def test_bundled_code_imports_nothing_that_is_left_out():
    excluded_top = {e.split("/")[0] for e in FLET["app"]["exclude"]} | {"tests", "bench"}
    files = [ROOT / "main.py", *(ROOT / "app").rglob("*.py"), *(ROOT / "domain").rglob("*.py")]
    offenders = []
    for file in files:
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            offenders += [
                f"{file.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] in excluded_top
            ]
    assert not offenders


def test_icons_and_splash_are_in_assets():
    from PIL import Image

    icon = Image.open(ROOT / "assets" / "icon.png")
    assert icon.size == (1024, 1024) and icon.mode == "RGBA"  # rounded tile, clear corners
    assert icon.getpixel((0, 0))[3] == 0 and icon.getpixel((512, 60))[3] == 255
    for name in ("icon_ios.png", "icon_android.png"):  # platforms that mask a full square
        img = Image.open(ROOT / "assets" / name)
        assert img.size == (1024, 1024) and img.mode == "RGB", name
    assert Image.open(ROOT / "assets" / "splash.png").size == (1024, 1024)
    blue = FLET["icon_background"].lstrip("#")
    corner = Image.open(ROOT / "assets" / "icon_android.png").getpixel((4, 4))
    assert corner == tuple(int(blue[i : i + 2], 16) for i in (0, 2, 4))


@pytest.mark.skipif(importlib.util.find_spec("flet_cli") is None, reason="flet-cli not installed")
def test_known_keys_are_read_by_the_installed_flet_cli():
    spec = importlib.util.find_spec("flet_cli")
    roots = [Path(p) for p in spec.submodule_search_locations]  # a namespace package
    source = "\n".join(p.read_text(encoding="utf-8") for r in roots for p in r.rglob("*.py"))
    for key in KNOWN_KEYS:
        key = key.removesuffix(".*")
        last = key.split(".")[-1]
        assert f'"tool.flet.{key}"' in source or f'"{key}"' in source or f'"{last}"' in source, key


def test_static_web_build_draws_with_canvaskit_like_the_web_client():
    from app.config import DEFAULT_FILE, load_settings

    web = load_settings(DEFAULT_FILE, environ={"DIENNHA_PROFILE": "web"})
    assert FLET["web"]["renderer"] == web.web_renderer == "canvaskit"
