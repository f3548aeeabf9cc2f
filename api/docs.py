"""/docs: Swagger UI served from the installed `swagger-ui-bundle-v2` package, never a CDN, so
the API documentation works offline and under the strict Content-Security-Policy of every answer
(no inline script: the page's one script is a static file)."""
from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS = "/docs/assets"
PAGE = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>lscp API</title>
<link rel="stylesheet" href="{ASSETS}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui" data-openapi="/openapi.json"></div>
<script src="{ASSETS}/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script>
</body>
</html>
"""
MISSING = ("<!doctype html><title>lscp API</title><p>The API documentation page needs the "
           "<code>swagger-ui-bundle-v2</code> package (the <code>web</code> extra): pip install 'lscp[web]'. "
           "The description itself is at <a href=\"/openapi.json\">/openapi.json</a>.</p>")


def install_docs(app: FastAPI) -> None:
    """Serve /docs and its assets (call with `docs_url=None` given to FastAPI)."""
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:
        swagger_ui_path = None
    else:
        app.mount(ASSETS, StaticFiles(directory=swagger_ui_path), name="swagger-ui")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(PAGE if swagger_ui_path is not None else MISSING)
