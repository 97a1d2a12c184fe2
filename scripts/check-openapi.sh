#!/usr/bin/env bash
# Every route the server registers (method and path, as written in
# backend/src/interfaces/http/routes.cpp) is described in docs/openapi.json with that method, and the
# document describes no route the server does not have. Prints each difference and exits 1 if any.
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 - backend/src/interfaces/http/routes.cpp docs/openapi.json <<'PY'
import json
import re
import sys

routes_file, openapi_file = sys.argv[1], sys.argv[2]

# Routes that are served but deliberately left out of the API description, as "METHOD /path", each
# with the reason. Empty today: the operational endpoints and the WebSocket are documented too.
ALLOWED_UNDOCUMENTED = {
}

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def strip_comments(text):
    """Removes // comments, leaving string literals alone."""
    out = []
    for line in text.splitlines():
        in_string = False
        escaped = False
        cut = len(line)
        for i, ch in enumerate(line):
            if in_string:
                if escaped:
                    escaped = False
                elif ch == "\\":
                    escaped = True
                elif ch == '"':
                    in_string = False
            elif ch == '"':
                in_string = True
            elif ch == "/" and line[i + 1:i + 2] == "/":
                cut = i
                break
        out.append(line[:cut])
    return "\n".join(out)


source = strip_comments(open(routes_file, encoding="utf-8").read())

# String constants used to build paths: const std::string w = "/api/workspaces/{workspaceId}";
constants = dict(re.findall(r'const\s+std::string\s+(\w+)\s*=\s*"([^"]*)"\s*;', source))
# Loops that register one handler under several paths: for (const char* path : {"/a", "/b"}) …
loops = {
    name: re.findall(r'"([^"]*)"', values)
    for name, values in re.findall(
        r'for\s*\(\s*const\s+char\s*\*\s*(\w+)\s*:\s*\{((?:\s*"[^"]*"\s*,?)*)\}\s*\)', source)
}

problems = []


def expand(expression, where):
    """The paths a C++ path expression stands for: "…", ident + "…", or a loop variable."""
    expression = expression.strip()
    m = re.fullmatch(r'"([^"]*)"', expression)
    if m:
        return [m.group(1)]
    m = re.fullmatch(r'(\w+)\s*\+\s*"([^"]*)"', expression)
    if m and m.group(1) in constants:
        return [constants[m.group(1)] + m.group(2)]
    if expression in loops:
        return loops[expression]
    problems.append(f"cannot read the path expression {expression!r} in {where}")
    return []


served = set()
# ops("/path", …): a GET answered inline.
for path in re.findall(r'\bops\(\s*"([^"]+)"', source):
    served.add(("GET", path))
# open/user/member("METHOD", <path expression>, …)
for helper, method, expression in re.findall(
        r'\b(open|user|member)\(\s*"([A-Z]+)"\s*,\s*([^,]+?)\s*,', source):
    for path in expand(expression, f'{helper}("{method}", …)'):
        served.add((method, path))
# Routes written out in braces: {"GET", "/ws", …} or Route hook{"POST", "/webhooks/whatsapp", …}
for method, path in re.findall(r'\{\s*"([A-Z]+)"\s*,\s*"([^"]+)"', source):
    served.add((method, path))

for method, path in served:
    if method not in METHODS:
        problems.append(f"unexpected method {method} for {path} in {routes_file}")

# Every registration must have been understood: one route per r.add(…), more for a loop.
registrations = len(re.findall(r'\br\.add\(', source))
if len(served) < registrations:
    problems.append(f"{routes_file} registers {registrations} routes but only {len(served)} were read; "
                    "update this check for the new way routes are written")

document = json.load(open(openapi_file, encoding="utf-8"))
documented = {
    (method.upper(), path)
    for path, item in document.get("paths", {}).items()
    for method in item
    if method.upper() in METHODS
}

allowed = {tuple(key.split(" ", 1)) for key in ALLOWED_UNDOCUMENTED}
missing = sorted(served - documented - allowed, key=lambda r: (r[1], r[0]))
stale = sorted(documented - served, key=lambda r: (r[1], r[0]))

for method, path in missing:
    problems.append(f"not in {openapi_file}: {method} {path}")
for method, path in stale:
    problems.append(f"in {openapi_file} but not served: {method} {path}")
for method, path in sorted(allowed - served):
    problems.append(f"allowed to be undocumented but not served (remove it from the list): {method} {path}")

if problems:
    print("openapi check:", file=sys.stderr)
    for p in problems:
        print("  " + p, file=sys.stderr)
    sys.exit(1)
PY
