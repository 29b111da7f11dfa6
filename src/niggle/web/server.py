"""Running the app under uvicorn: what ``niggle serve`` calls once its options are checked."""

from __future__ import annotations

from collections.abc import Callable

from niggle.config import Settings
from niggle.web.settings import WebSettings, check_bind


def url_for(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}"


def serve(settings: Settings, web: WebSettings, port: int, announce: Callable[[str], None]) -> None:
    """Open (and migrate) the database, build the app and serve it until interrupted."""
    check_bind(web)
    import uvicorn

    from niggle.web.app import create_app

    app = create_app(settings, web)
    if web.local_mode:
        announce(
            f"niggle is running at {url_for(web.host, port)} (local mode: this computer's "
            "browser is signed in automatically). Press Ctrl+C to stop."
        )
    else:
        announce(
            f"niggle is running at {url_for(web.host, port)} with accounts. Put it behind "
            "HTTPS before using it over a network (docs/WEB.md). Press Ctrl+C to stop."
        )
    # proxy_headers: behind a reverse proxy on this machine, X-Forwarded-Proto/For give the
    # real scheme (for Secure cookies) and client address (for sign-in rate limits).
    uvicorn.run(
        app, host=web.host, port=port, proxy_headers=True, server_header=False, log_level="info"
    )
