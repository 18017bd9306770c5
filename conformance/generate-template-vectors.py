#!/usr/bin/env python3
"""Regenerates template-vectors.json from the Go tests it is distilled from.

Reads, from bare git mirrors (no work tree needed):
  - Masterminds/sprig's *_test.go: every `runt(tpl, expect)` whose template and expected output are string
    literals (directly, through `tpl := ...` / `expect := ...`, or from a `map[string]string{tpl: expect}` table
    ranged over with runt), the Sprig tests ESO's vendored copy (runtime/template/v2/sprig) was forked from;
  - ESO's runtime/template/v2/template_test.go TestExecute: each case whose templates and data are literals or the
    test file's string constants (their values are in core's eso-template-test-data.json);
  - ESO's TestExecuteDecodesRenderedTemplateValues.

Cases are left out when they call functions ESO's map does not have (env, expandenv, getHostByName) or whose
output is random or depends on the clock (see SKIP_FUNCTIONS); those are tested by property in core.

Usage: generate-template-vectors.py <sprig bare repo> <eso bare repo> <eso-template-test-data.json> > out.json
"""
import json
import re
import subprocess
import sys

SKIP_FUNCTIONS = [
    "env", "expandenv", "getHostByName", "now", "date ", "dateInZone", "date_in_zone", "dateModify",
    "date_modify", "mustDateModify", "htmlDate", "ago", "unixEpoch", "toDate", "mustToDate", "durationRound",
    "randAlphaNum", "randAlpha", "randAscii", "randNumeric", "randBytes", "randInt", "uuidv4", "genPrivateKey",
    "derivePassword", "genCA", "genSelfSignedCert", "genSignedCert", "bcrypt", "htpasswd", "encryptAES",
    "shuffle", "buildCustomCert", "osBase", "osClean", "osDir", "osExt", "osIsAbs",
]

STRING = r'"(?:[^"\\\n]|\\.)*"|`[^`]*`'
EXPR = r'(?:%s)(?:\s*\+\s*(?:%s))*' % (STRING, STRING)


def git_show(repo, path):
    return subprocess.run(["git", "-C", repo, "show", "HEAD:" + path], check=True, capture_output=True,
                          text=True).stdout


def go_string(lit):
    if lit.startswith("`"):
        return lit[1:-1].replace("\r", "")
    out, i, body = [], 0, lit[1:-1]
    simple = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f",
              "v": "\v", "'": "'"}
    raw = bytearray()
    while i < len(body):
        c = body[i]
        if c != "\\":
            raw += c.encode("utf-8")
            i += 1
            continue
        e = body[i + 1]
        if e in simple:
            raw += simple[e].encode("utf-8")
            i += 2
        elif e == "x":
            raw.append(int(body[i + 2:i + 4], 16))
            i += 4
        elif e == "u":
            raw += chr(int(body[i + 2:i + 6], 16)).encode("utf-8")
            i += 6
        elif e == "U":
            raw += chr(int(body[i + 2:i + 10], 16)).encode("utf-8")
            i += 10
        elif e in "01234567":
            raw.append(int(body[i + 1:i + 4], 8))
            i += 4
        else:
            raise ValueError("escape " + e)
    return raw.decode("utf-8")


def go_expr(expr, constants=None):
    parts = re.findall(STRING + r'|[A-Za-z_][A-Za-z0-9_]*', expr)
    out = ""
    for p in parts:
        if p[0] in '"`':
            out += go_string(p)
        elif constants is not None and p in constants:
            out += constants[p]
        else:
            return None
    return out


def skipped(template):
    return any(re.search(r'(^|[\s(|{])' + re.escape(f.strip()) + r'(\s|\)|}|$)', template) for f in SKIP_FUNCTIONS)


def ranged_with_runt(body):
    """The loop variables of `for k, v := range table { ... runt(k, v) ... }`, or None."""
    loop = re.search(r'for (\w+), (\w+) := range \w+ \{', body)
    if loop and re.search(r'runt\(%s, %s\)' % (loop.group(1), loop.group(2)), body):
        return (loop.group(1), loop.group(2))
    return None


def sprig_cases(repo):
    files = subprocess.run(["git", "-C", repo, "ls-tree", "--name-only", "HEAD"], check=True, capture_output=True,
                           text=True).stdout.split()
    cases = []
    for f in sorted(x for x in files if x.endswith("_test.go")):
        if f in ("example_test.go", "issue_188_test.go") or "windows" in f or "linux" in f:
            continue
        src = git_show(repo, f)
        for m in re.finditer(r'\nfunc (Test\w+)\(t \*testing\.T\) \{\n(.*?)\n\}\n', src, re.S):
            name, body = m.group(1), "\n" + m.group(2)
            variables = {}
            n = 0
            loop = ranged_with_runt(body)
            loop_fails = bool(loop) and re.search(
                r'(assert\.Error\(t, runt\(%s, %s\)|runt\(%s, %s\); err == nil)' % (loop * 2), body) is not None
            for tok in re.finditer(r'\n\s*(\w+)[ \t]*:?=[ \t]*(?![ \t]|map\[)([^\n]*)(?=\n)|(assert\.Error\(t, )?runt\(\s*(\w+|%s)\s*,\s*(\w+|%s)\s*\)(; err == nil)?'
                                   r'|map\[string\]string\{(.*?)\n\s*\}' % (EXPR, EXPR), body, re.S):
                if tok.group(1):
                    rhs = tok.group(2).strip()
                    variables[tok.group(1)] = go_expr(rhs) if re.fullmatch(EXPR, rhs) else None
                elif tok.group(4):
                    a, b = tok.group(4), tok.group(5)
                    if loop and a == loop[0] and b == loop[1]:
                        continue  # the loop over the table
                    tpl = variables.get(a) if re.fullmatch(r'\w+', a) else go_expr(a)
                    exp = variables.get(b) if re.fullmatch(r'\w+', b) else go_expr(b)
                    fails = bool(tok.group(3) or tok.group(6))
                    if tpl is not None and exp is not None:
                        n += 1
                        cases.append((f, name, n, tpl, None if fails else exp))
                elif tok.group(7) is not None and loop:
                    for entry in re.finditer(r'(%s)\s*:\s*(%s)\s*,' % (EXPR, EXPR), tok.group(7)):
                        tpl, exp = go_expr(entry.group(1)), go_expr(entry.group(2))
                        if tpl is not None and exp is not None:
                            n += 1
                            cases.append((f, name, n, tpl, None if loop_fails else exp))
    return cases


def go_byte_map(text, constants):
    """map[string][]byte{ "k": []byte(EXPR), ... } -> dict, or None when an entry is not a literal."""
    out = {}
    if len(re.findall(r'^\s*(?:%s)\s*:' % STRING, text, re.M)) != len(re.findall(r'(%s)\s*:\s*(?:\[\]byte\((.*?)\)|(%s)),\s*\n' % (EXPR, EXPR), text, re.S)):
        return None
    for entry in re.finditer(r'(%s)\s*:\s*(?:\[\]byte\((.*?)\)|(%s)),\s*\n' % (EXPR, EXPR), text, re.S):
        key = go_expr(entry.group(1))
        value = go_expr(entry.group(2) or entry.group(3), constants)
        if key is None or value is None:
            return None
        out[key] = value
    return out


def field(case, name):
    m = re.search(r'\n\t\t\t%s:\s*map\[string\](?:\[\]byte|string)\{\n(.*?)\n\t\t\t\},' % name, case, re.S)
    return None if m is None else m.group(1) + "\n"


def eso_cases(repo, constants):
    src = git_show(repo, "runtime/template/v2/template_test.go")
    cases = []
    start = src.index("func TestExecute(t *testing.T)")
    table = src[start:src.index("\n\tfor _, tt := range tests", start)]
    for m in re.finditer(r'\n\t\t\{\n\t\t\tname:\s*(%s),\n(.*?)\n\t\t\},' % STRING, table, re.S):
        name, case = go_string(m.group(1)), "\n" + m.group(2) + "\n"
        if re.search(r'\n\t\t\t(leftDelimiter|rightDelimiter|stringDataTpl|labelsTpl|annotationsTpl):', case):
            continue
        tpl = go_byte_map(field(case, "tpl") or "", constants) if field(case, "tpl") else None
        if not tpl:
            continue
        data = go_byte_map(field(case, "data"), constants) if field(case, "data") else {}
        expected = go_byte_map(field(case, "expectedData"), constants) if field(case, "expectedData") else {}
        err = re.search(r'\n\t\t\texpErr:\s*(%s),' % STRING, case)
        err = go_string(err.group(1)) if err else ""
        if data is None or expected is None or any(skipped(t) for t in tpl.values()):
            continue
        if err == "" and not expected:
            continue  # ESO's "silent error" rows expect no data and no error: nothing to compare
        cases.append(("TestExecute", name, tpl, data, expected, err))
    return cases


# Where ESO's result differs from the Sprig test's, the vector holds ESO's, and says why.
ESO_DIFFERS = {
    "sprig-testdefault-4": ({"error": "map has no entry for key \"Nothing\""},
                            "ESO executes templates with missingkey=error (runtime/template/v2/template.go), so a"
                            " missing key fails before default sees it; Sprig's test runs without that option"),
}

# Cases ESO renders that eso4j does not yet: the golden test skips them, naming the reason.
PENDING = {
    "sprig-testsemver-3": "method calls on values ((semver \"1.2.3\").Compare ...) are not supported by eso4j",
    "sprig-testsemver-4": "method calls on values ((semver \"1.2.3\").Compare ...) are not supported by eso4j",
    "sprig-testsemver-5": "method calls on values ((semver \"1.2.3\").Compare ...) are not supported by eso4j",
}


def filter_pem_cases(repo, constants):
    """pem_test.go TestFilterPEM: filterPEM called directly; as a template over the input as data."""
    src = git_show(repo, "runtime/template/v2/pem_test.go")
    start = src.index("func TestFilterPEM(t *testing.T)")
    table = src[start:src.index("\n\tfor _, tt := range tests", start)]
    cases = []
    for m in re.finditer(r'\n\t\t\{\n\t\t\tname:\s*(%s),\n(.*?)\n\t\t\},' % STRING, table, re.S):
        name, case = go_string(m.group(1)), m.group(2)
        given = re.search(r'input:\s*(.*?),\n', case)
        pem_type = re.search(r'pemType:\s*(\w+),', case)
        want = re.search(r'\n\t\t\twant:\s*(.*?),\n', case + "\n")
        fails = re.search(r'wantErr:\s*true', case) is not None
        if not given or not pem_type:
            continue
        value = go_expr(given.group(1), constants)
        kind = constants.get(pem_type.group(1))
        expected = None if fails else go_expr(want.group(1), constants) if want else None
        if value is None or kind is None or (not fails and expected is None):
            continue
        cases.append((name, value, kind, expected))
    return cases


def vector(vid, source, templates, data, expect, notes=""):
    remote, spec_data = [], []
    for i, (k, v) in enumerate(sorted(data.items())):
        name = "tpl/%s/%d" % (vid, i)
        spec_data.append({"secretKey": k, "remoteRef": {"key": name}})
        try:
            v.encode("utf-8")
            remote.append({"name": name, "secretString": v})
        except UnicodeEncodeError:
            raise
    if not spec_data:  # ESO needs data or dataFrom; the value is not used by the template
        remote.append({"name": "tpl/%s/unused" % vid, "secretString": "unused"})
        spec_data.append({"secretKey": "unused", "remoteRef": {"key": "tpl/%s/unused" % vid}})
    out = {"id": vid, "source": source, "layer": "template"}
    if vid in ESO_DIFFERS:
        expect, notes = ESO_DIFFERS[vid]
    if notes:
        out["notes"] = notes
    if vid in PENDING:
        out["pending"] = PENDING[vid]
    out["remote"] = remote
    out["spec"] = {"data": spec_data, "target": {"template": {"engineVersion": "v2", "data": templates}}}
    out["expect"] = expect
    return out


def main():
    sprig, eso, constants_file = sys.argv[1:4]
    constants = {k: v for k, v in json.load(open(constants_file)).items() if isinstance(v, str)}
    sprig_head = subprocess.run(["git", "-C", sprig, "rev-parse", "HEAD"], check=True, capture_output=True,
                                text=True).stdout.strip()
    eso_head = subprocess.run(["git", "-C", eso, "rev-parse", "HEAD"], check=True, capture_output=True,
                              text=True).stdout.strip()
    vectors = []
    for f, name, n, tpl, exp in sprig_cases(sprig):
        if skipped(tpl):
            continue
        vid = re.sub(r'[^a-z0-9]+', '-', "sprig-%s-%d" % (name.lower(), n))
        vectors.append(vector(vid, "Masterminds/sprig %s %s (%s) row %d" % (f, name, sprig_head[:12], n),
                              {"out": tpl}, {}, {"error": ""} if exp is None else {"out": exp},
                              "" if exp is not None else "Sprig's test expects an error; it does not check the text"))
    seen = set()
    for test, name, tpl, data, expected, err in eso_cases(eso, constants):
        vid = "eso-template-" + re.sub(r'[^a-z0-9]+', '-', name.lower()).strip("-")
        while vid in seen:
            vid += "-2"
        seen.add(vid)
        source = "runtime/template/v2/template_test.go %s %s (%s)" % (test, json.dumps(name), eso_head[:12])
        vectors.append(vector(vid, source, tpl, data, {"error": err} if err else expected))
    for name, value, kind, expected in filter_pem_cases(eso, constants):
        vid = "eso-filterpem-" + re.sub(r'[^a-z0-9]+', '-', name.lower()).strip("-")
        source = "runtime/template/v2/pem_test.go TestFilterPEM %s (%s)" % (json.dumps(name), eso_head[:12])
        vectors.append(vector(vid, source, {"out": '{{ .input | filterPEM "%s" }}' % kind}, {"input": value},
                              {"error": "error filtering pem: found junk"} if expected is None else {"out": expected},
                              "filterPEM is called directly in the Go test; here through a template"))
    json.dump(vectors, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
