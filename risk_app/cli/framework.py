"""`risk-app framework`: check and export a framework file; list, upload and activate the
versions the app works under (as the operator)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from framework import FrameworkGraph, load_framework_bytes
from framework import export as framework_export
from framework.loader import BUNDLED_FRAMEWORK
from framework.loader import MAX_BYTES as MAX_FRAMEWORK_BYTES
from risk_app.adapters.files import read_bounded
from risk_app.cli import shared

app = typer.Typer(
    no_args_is_help=True, help="Check and export the framework graph; upload and activate versions."
)


class ExportFormat(StrEnum):
    json = "json"
    graphml = "graphml"
    mermaid = "mermaid"


def _framework_file(path: Path | None) -> FrameworkGraph:
    """A framework file given on the command line (default: the bundled one), read bounded."""
    file = path or BUNDLED_FRAMEWORK
    raw = read_bounded(file, MAX_FRAMEWORK_BYTES, what="a framework file")
    return load_framework_bytes(raw, file.name or str(file))


@app.command("check")
def check(
    path: Annotated[Path | None, typer.Argument(help="A framework YAML file.")] = None,
) -> None:
    """Validate a framework file (default: the bundled framework)."""
    graph = _framework_file(path)
    nodes = len(graph.nodes())
    links = len(graph.links())
    typer.echo(
        f"OK: {path or 'bundled framework'} is valid: version {graph.version}, {nodes} nodes, {links} links."
    )


@app.command("export")
def export(
    fmt: Annotated[
        ExportFormat, typer.Option("--format", help="Output format.")
    ] = ExportFormat.json,
    path: Annotated[
        Path | None, typer.Option(help="A framework YAML file (default: bundled).")
    ] = None,
) -> None:
    """Print the framework graph as node-link JSON, GraphML or Mermaid."""
    graph = _framework_file(path)
    writer = {
        ExportFormat.json: framework_export.to_json,
        ExportFormat.graphml: framework_export.to_graphml,
        ExportFormat.mermaid: framework_export.to_mermaid,
    }[fmt]
    sys.stdout.write(writer(graph))
    sys.stdout.write("\n")


def _when(moment: object) -> str:
    return "-" if moment is None else f"{moment:%Y-%m-%d %H:%M} UTC"


@app.command("versions")
def versions() -> None:
    """List the framework version in use and every uploaded version (as the operator)."""
    from risk_app.services import accounts
    from risk_app.services import framework as framework_service

    listed = framework_service.versions(shared.store(), accounts.SYSTEM)
    info = framework_service.current_info()
    where = "packaged with the app" if info.stored_id is None else f"upload {info.stored_id}"
    typer.echo(f"In use: version {info.version} ({where}), SHA-256 {info.sha256[:12]}.")
    if not listed:
        typer.echo("No framework file has been uploaded.")
        return
    typer.echo("upload\tversion\tsha256\tfile\tuploaded\tlast activated\tin use")
    for v in listed:
        activated = f"{v.activated_by} {_when(v.activated_at)}" if v.activated_at else "-"
        typer.echo(
            f"{v.id}\t{v.version}\t{v.sha256[:12]}\t{v.source_name}\t"
            f"{v.uploaded_by} {_when(v.uploaded_at)}\t{activated}\t{'yes' if v.active else 'no'}"
        )


@app.command("upload")
def upload(
    file: Annotated[Path, typer.Argument(help="A revised framework YAML file.")],
) -> None:
    """Store a revised framework file and print how it differs (not used until activated)."""
    from framework.diff import render_diff_text
    from risk_app.services import accounts
    from risk_app.services import framework as framework_service

    data = read_bounded(file, MAX_FRAMEWORK_BYTES, what="a framework file")
    diff, version_id = framework_service.upload(shared.store(), accounts.SYSTEM, data, file.name)
    sys.stdout.write(render_diff_text(diff))
    typer.echo(
        f"Stored as upload {version_id} (version {diff.new_version}); not in use yet. To make "
        f"every new record use it: risk-app framework activate {version_id}"
    )


@app.command("activate")
def activate(
    version_id: Annotated[int, typer.Argument(metavar="ID", help="The upload id to use.")],
) -> None:
    """Make an uploaded framework version the one every new record uses (going back included)."""
    from risk_app.services import accounts
    from risk_app.services import framework as framework_service

    done = framework_service.activate(shared.store(), accounts.SYSTEM, version_id)
    typer.echo(
        f"Version {done.version} (upload {done.id}) is now in use: activated by "
        f"{done.activated_by} at {_when(done.activated_at)}. Records made earlier keep the "
        "framework version they were made under."
    )
