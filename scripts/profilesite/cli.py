"""The ``profilesite`` command: validate records, build the site, scaffold, benchmark.

User errors (bad records, bad arguments) print messages and exit 1; only internal errors show a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from profilesite.problems import report

ROOT = Path.cwd()


def _validate(arguments: argparse.Namespace) -> int:
    from profilesite.checks import validate
    from profilesite.load.responses import is_response_file, response_files

    paths = [Path(path) for path in arguments.paths] or [ROOT / "profiles"]
    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        print(f"profilesite validate: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 1
    records, problems = validate(paths, ROOT)
    github = arguments.github or os.environ.get("GITHUB_ACTIONS") == "true"
    for line in report(problems, github=github):
        print(line)
    if problems:
        count = len(set(problems))
        print(f"{count} problem{'s' if count != 1 else ''} found; nothing was built.", file=sys.stderr)
        return 1
    responses = {
        file
        for path in paths
        for file in (response_files(path) if path.is_dir() else [path])
        if is_response_file(file)
    }
    if responses:
        files = f"{len(responses)} response file{'s' if len(responses) != 1 else ''}"
        print(f"{len(records.records)} records and {files} valid.", file=sys.stderr)
    else:
        print(f"{len(records.records)} records valid.", file=sys.stderr)
    return 0


def _build(arguments: argparse.Namespace) -> int:
    from profilesite.build import BuildFailed, build_site

    try:
        seconds = build_site(
            ROOT,
            site_dir=Path(arguments.site_dir),
            locales=arguments.locales.split(",") if arguments.locales else None,
            jobs=arguments.jobs,
            start_method=arguments.start_method,
        )
    except BuildFailed as error:
        print(str(error), file=sys.stderr)
        return 1
    print(f"site built in {seconds:.1f} s -> {arguments.site_dir}", file=sys.stderr)
    return 0


def _serve(arguments: argparse.Namespace) -> int:
    """Preview one language with live reload: records and content are re-read on every change.

    Invalid records do not stop it: their problems are printed here and shown in the browser, in place of
    the site, until they are fixed.
    """
    from profilesite import engine

    engine.serve(ROOT, arguments.locale, arguments.address)
    return 0


def _schema(arguments: argparse.Namespace) -> int:
    from profilesite.checks import validate
    from profilesite.schema import write_schemas

    records, _ = validate([ROOT / "profiles"], ROOT)
    for path in write_schemas(ROOT, records.vocabulary):
        print(f"wrote {path.relative_to(ROOT)}", file=sys.stderr)
    return 0


def _new(arguments: argparse.Namespace) -> int:
    from profilesite.scaffold import scaffold

    target = ROOT / "profiles" / f"{arguments.code.lower()}.yaml"
    if target.exists():
        print(f"{target.relative_to(ROOT)} already exists; edit it instead", file=sys.stderr)
        return 1
    try:
        text = scaffold(arguments.code)
    except ValueError as error:
        print(f"profilesite new: {error}", file=sys.stderr)
        return 1
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}; fill it in, then run: make validate", file=sys.stderr)
    return 0


def _bench(arguments: argparse.Namespace) -> int:
    from profilesite.bench import run_benchmark

    if arguments.against:
        from profilesite.bench import run_comparison

        return run_comparison(
            ROOT,
            Path(arguments.against).resolve(),
            jobs=arguments.jobs,
            repeat=arguments.repeat,
            answered=arguments.responses,
        )
    return run_benchmark(ROOT, scale=arguments.scale, jobs=arguments.jobs, repeat=arguments.repeat)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    parser = argparse.ArgumentParser(prog="profilesite", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check records: files or folders (default: profiles/)")
    check.add_argument("paths", nargs="*")
    check.add_argument("--github", action="store_true", help="print GitHub Actions annotations")
    check.set_defaults(run=_validate)
    build = commands.add_parser("build", help="build the whole site (all languages) into --site-dir")
    build.add_argument("--site-dir", default="site")
    build.add_argument("--locales", help="comma-separated subset of locales (default: all seven)")
    build.add_argument("--jobs", type=int, default=2, help="languages built in parallel")
    build.add_argument(
        "--start-method",
        choices=("fork", "spawn"),
        help="how worker processes start (default: fork where the platform has it, else spawn)",
    )
    build.set_defaults(run=_build)
    schema = commands.add_parser("schema", help="regenerate schema/*.json from the models")
    schema.set_defaults(run=_schema)
    new = commands.add_parser("new", help="scaffold profiles/<code>.yaml with every field commented")
    new.add_argument("code", help="ISO 3166-1 alpha-3 code (eur for the European Union)")
    new.set_defaults(run=_new)
    preview = commands.add_parser("serve", help="preview one language with live reload")
    preview.add_argument("--locale", default="en")
    preview.add_argument("--address", default="127.0.0.1:8000")
    preview.set_defaults(run=_serve)
    bench = commands.add_parser("bench", help="time full builds of the shipped data and a synthetic 10x set")
    bench.add_argument("--scale", type=int, default=10)
    bench.add_argument("--jobs", type=int, default=2)
    bench.add_argument("--repeat", type=int, default=5, help="builds of the shipped data to time")
    bench.add_argument(
        "--responses",
        action="store_true",
        help="with --against: build this checkout with every party's responses (per-page comparison)",
    )
    bench.add_argument(
        "--against",
        metavar="CHECKOUT",
        help="compare with another checkout (with its own .venv), building each in turn --repeat times",
    )
    bench.set_defaults(run=_bench)
    arguments = parser.parse_args(argv)
    return arguments.run(arguments)


if __name__ == "__main__":
    sys.exit(main())
