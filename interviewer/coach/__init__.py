"""The optional model layer and its offline stand-in: follow-ups, coaching and rewrites.

`service` is the coach the app and the commands use; `providers` is the only module that builds
chat models; `calls` says how a model server is asked; `prompts`, `schemas` and `checks` are what
is asked and what an answer must pass; `offline` writes coaching from the critic alone.
Nothing is imported here, so reading a prompt file never loads a model client.
"""
