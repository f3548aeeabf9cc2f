"""`lscp serve`: the web app and the JSON API on one address."""
from __future__ import annotations

from pathlib import Path

import click



@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--data", type=click.Path(path_type=Path), default=None,
              help="Data directory (default: lscp --data, LSCP_DATA, or the bundled data/).")
@click.option("--backend", type=click.Choice(["memory", "neo4j"]), default=None,
              help="Answer from the data files (default) or from Neo4j (lscp --backend, LSCP_BACKEND).")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, data: Path | None, backend: str | None):
    """Serve the web app and the JSON API (docs at /docs)."""
    try:
        import uvicorn  # noqa: F401 - only to say what is missing

        from .. import server
        from ..http import create_app, settle_heap
    except ImportError as missing:
        raise click.ClickException(f"the web app needs the 'web' extras ({missing.name} is not installed): "
                                   "pip install -e '.[web]'") from None
    sock = server.open_socket(host, port)  # first: a port in use fails before a long load
    try:
        app = create_app(_graph(ctx, data, backend))
        settle_heap()
        shown = f"[{host}]" if ":" in host else host
        click.echo(f"lscp is serving at http://{shown}:{port}/  (API docs: http://{shown}:{port}/docs)")
        click.echo("Press Ctrl+C to stop.")
        server.run_server(app, sock)
    finally:
        sock.close()


def _graph(ctx: click.Context, data: Path | None, backend: str | None):
    options = ctx.obj or {}
    data = data or options.get("data")
    if (backend or options.get("backend", "memory")) == "neo4j":
        from lscp.loaders.graphs.neo4j_graph import open_neo4j_graph

        return open_neo4j_graph(sources_dir=Path(data) / "sources" if data else None)
    from lscp.loaders import load_fast

    return load_fast(data)
