"""Schemathesis hooks for the wfc API test (tests/e2e/tests/schemathesis.rs).

Before each request is sent, two things a generated body may carry are
changed, each keeping the body as valid or invalid as it was:

- a `webhook` or `webhook_v2` string is removed: it would make the
  request asynchronous and its URL is not one the test serves (a
  non-string one stays, since it is a schema violation the server must
  answer 422);
- every http(s) URL becomes one on 127.0.0.1, which the server's outbound
  policy refuses: the tests never send the server off this machine.
"""

import schemathesis

REFUSED_URL = "http://127.0.0.1:9/refused.png"


def _local_urls(value):
    if isinstance(value, str) and value.strip().lower().startswith(("http://", "https://")):
        return REFUSED_URL
    if isinstance(value, dict):
        return {k: _local_urls(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_local_urls(v) for v in value]
    return value


@schemathesis.hook
def before_call(ctx, case, kwargs):
    body = kwargs.get("json", case.body)
    if not isinstance(body, dict):
        return
    body = {k: v for k, v in body.items() if not (k in ("webhook", "webhook_v2") and isinstance(v, str))}
    body = _local_urls(body)
    case.body = body
    if "json" in kwargs:
        kwargs["json"] = body
