"""Writes the API's OpenAPI documents into docs/ from the app itself (server.main.create_app).

    python -m scripts.openapi          # rewrite docs/openapi.json, openapi.dev.json and
                                       # the endpoint index at the end of docs/API.md
    python -m scripts.openapi --check  # exit 1 if any of them is stale (tests do the same)

docs/openapi.json is what production serves at /api/v1/openapi.json: the customer, public
and webhook routes (staff routes and the schemas only they use are left out).
docs/openapi.dev.json is the development server's full document: also the staff routes
(`X-Staff-Key` or a staff user's token) and the `/dev/*` helpers of the demo.
Both come from default settings (no environment is read), so they do not depend on the
machine that writes them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from server.config import Settings
from server.main import create_app
from server.openapi_problems import problem_openapi, public_openapi

DOCS = Path(__file__).resolve().parents[1] / "docs"
FILES = {"prod": DOCS / "openapi.json", "dev": DOCS / "openapi.dev.json"}
API_MD = DOCS / "API.md"
START, END = "<!-- endpoint-index:start -->", "<!-- endpoint-index:end -->"
METHODS = ("get", "post", "put", "patch", "delete")
REGENERATE = "python -m scripts.openapi"


def documents() -> dict[str, dict]:
    """env name -> the OpenAPI document that environment serves."""
    out = {}
    for env in FILES:
        # model_construct: defaults only, no DIENNHA_* variables, no production-secret check
        # (the document does not depend on any secret).
        app = create_app(Settings.model_construct(env=env))
        out[env] = public_openapi(app) if env == "prod" else problem_openapi(app)
    return out


def render(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def endpoint_index(docs: dict[str, dict]) -> str:
    """Markdown tables, one per tag: method, path, summary, auth and the statuses answered."""
    dev, prod = docs["dev"], docs["prod"]
    by_tag: dict[str, list[str]] = {}
    for path, ops in dev["paths"].items():
        short = path.removeprefix("/api/v1")
        for method in METHODS:
            if (op := ops.get(method)) is None:
                continue
            schemes = {name for req in op.get("security", []) for name in req}
            in_prod = method in prod["paths"].get(path, {})
            auth = "bearer" if in_prod and schemes else "staff" if schemes else "—"
            if not in_prod and not schemes:
                auth = "dev"
            statuses = " ".join(sorted(op.get("responses", {})))
            summary = op.get("summary", "").replace("|", "\\|")
            row = f"| `{method.upper()}` | `{short}` | {summary} | {auth} | {statuses} |"
            by_tag.setdefault((op.get("tags") or ["other"])[0], []).append(row)
    out = []
    for tag in sorted(by_tag):
        out += [
            f"### {tag}",
            "",
            "| method | path | what | auth | answers |",
            "|---|---|---|---|---|",
        ]
        out += [*by_tag[tag], ""]
    return "\n".join(out).rstrip() + "\n"


def api_md(docs: dict[str, dict]) -> str:
    text = API_MD.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{endpoint_index(docs)}{END}{tail}"


def outputs() -> dict[Path, str]:
    docs = documents()
    out = {FILES[env]: render(document) for env, document in docs.items()}
    out[API_MD] = api_md(docs)
    return out


def stale() -> list[Path]:
    return [
        path
        for path, text in outputs().items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if docs/ is out of date")
    args = parser.parse_args(argv)
    if args.check:
        old = stale()
        for path in old:
            print(f"{path.relative_to(DOCS.parent)} is stale: run {REGENERATE}", file=sys.stderr)
        return 1 if old else 0
    for path, text in outputs().items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(DOCS.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
