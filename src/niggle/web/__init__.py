"""The web app: server-rendered pages and a JSON API over the services layer.

Build it with :func:`niggle.web.app.create_app`; importing this package does nothing else.
"""
