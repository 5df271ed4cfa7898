#!/usr/bin/env python3
"""cli.sarif: bpfcheck's SARIF is valid SARIF 2.1.0 as code scanning reads
it. Validated against the official schema vendored in tests/cli/data (with
python3-jsonschema, everywhere) and, where npm can install it, with
Microsoft's SARIF validator (`sarif-multitool validate`: no error-level
result; skipped with a message elsewhere). Also checks what the schema does
not: one rule per registered check with help, repository-relative URIs under
originalUriBaseIds (--source-root), file:// URIs outside it, logical
locations naming object, program and instruction, and fingerprints."""

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from ci_fixtures import PASS, Checker, compile_c, failing, run  # noqa: E402

MULTITOOL = "@microsoft/sarif-multitool"


def schema_errors(schema_path, document):
    import jsonschema
    schema = json.loads(Path(schema_path).read_text())
    validator = jsonschema.validators.validator_for(schema)(schema)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


def multitool(work):
    """The sarif-multitool executable, installed with npm into WORK; None
    (with the reason printed) when npm is missing or cannot reach the registry."""
    prefix = work / "npm"
    binary = prefix / "node_modules" / "@microsoft" / "sarif-multitool-linux" / "Sarif.Multitool"
    if not binary.exists():
        npm = shutil.which("npm")
        if not npm:
            print("skip Microsoft's validator: npm is not installed")
            return None
        try:
            done = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(prefix), MULTITOOL],
                                  capture_output=True, text=True, timeout=300)
        except subprocess.TimeoutExpired:
            print("skip Microsoft's validator: npm install timed out")
            return None
        if done.returncode != 0 or not binary.exists():
            print(f"skip Microsoft's validator: npm install {MULTITOOL} failed: {done.stderr.strip()[-300:]}")
            return None
    binary.chmod(0o755)  # its postinstall script does this, when npm runs install scripts
    return binary


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bpfcheck", required=True)
    parser.add_argument("--clang", required=True)
    parser.add_argument("--schema", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    work = Path(args.work).resolve()
    shutil.rmtree(work / "repo", ignore_errors=True)
    repo = work / "repo"
    check = Checker()

    fail = compile_c(args.clang, failing(extra_read=True), repo / "src" / "fail.bpf.o")
    compile_c(args.clang, PASS, repo / "src" / "pass.bpf.o")
    done = run([args.bpfcheck, "check", repo / "src", "--format", "sarif", "--source-root", repo])
    check.expect(done.returncode == 1, f"exit 1 on a violation, got {done.returncode}: {done.stderr}")
    sarif = json.loads(done.stdout)
    errors = schema_errors(args.schema, sarif)
    check.expect(not errors, f"schema errors: {errors[:5]}")

    run_ = sarif["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    check.expect("packet.bounds" in ids and "loop.unbounded" in ids and len(ids) == len(set(ids)),
                 f"one rule per registered check: {ids[:5]}...")
    bounds = rules[ids.index("packet.bounds")]
    check.expect(bounds["shortDescription"]["text"] and bounds["fullDescription"]["text"], "rule descriptions")
    check.expect("data_end" in bounds["help"]["text"], f"rule help carries the hint: {bounds['help']}")
    base = run_["originalUriBaseIds"]["SRCROOT"]["uri"]
    check.expect(base == repo.as_uri() + "/", f"SRCROOT is the source root: {base}")
    results = run_["results"]
    check.expect(len(results) >= 1, "results")
    for result in results:
        location = result["locations"][0]
        artifact = location["physicalLocation"]["artifactLocation"]
        check.expect(artifact == {"uri": "src/fail.bpf.c", "uriBaseId": "SRCROOT"},
                     f"repository-relative URI: {artifact}")
        check.expect(location["physicalLocation"]["region"]["startLine"] > 0, "a line")
        names = [l.get("fullyQualifiedName") for l in location["logicalLocations"]]
        check.expect(any(n.startswith("fail.bpf.o::read_unchecked::insn ") for n in names)
                     and "fail.bpf.o::read_unchecked" in names and "fail.bpf.o" in names,
                     f"logical locations object/program/insn: {names}")
        check.expect(result["ruleId"] == "packet.bounds" and rules[result["ruleIndex"]]["id"] == result["ruleId"],
                     "ruleId and ruleIndex agree")
        check.expect(len(result["partialFingerprints"]["bpfcheckFingerprint/v1"]) == 32, "a fingerprint")
    fingerprints = [r["partialFingerprints"]["bpfcheckFingerprint/v1"] for r in results]
    check.expect(len(set(fingerprints)) == len(fingerprints), "distinct fingerprints")

    # Outside the source root: an absolute file:// URI, still valid.
    outside = run([args.bpfcheck, "check", fail, "--format", "sarif", "--source-root", work / "elsewhere"])
    outside_sarif = json.loads(outside.stdout)
    uri = outside_sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    check.expect(uri.get("uri", "").startswith("file:///") and "uriBaseId" not in uri, f"absolute URI: {uri}")
    check.expect(not schema_errors(args.schema, outside_sarif), "schema-valid with absolute URIs")
    # A passing object: no results, still valid.
    passing = run([args.bpfcheck, "check", repo / "src" / "pass.bpf.o", "--format", "sarif"])
    check.expect(passing.returncode == 0 and json.loads(passing.stdout)["runs"][0]["results"] == [],
                 "a passing object has no results")

    # An analysis that cannot finish: a tool execution notification.
    timeout = run([args.bpfcheck, "check", fail, "--format", "sarif", "--timeout", "0.000000001"])
    timeout_sarif = json.loads(timeout.stdout)
    invocation = timeout_sarif["runs"][0]["invocations"][0]
    check.expect(timeout.returncode == 2 and invocation["executionSuccessful"] is False and
                 "timed out" in invocation["toolExecutionNotifications"][0]["message"]["text"],
                 f"an unfinished analysis is a notification: {invocation}")
    check.expect(not schema_errors(args.schema, timeout_sarif), "schema-valid with notifications")
    check.expect(sarif["runs"][0]["invocations"][0]["executionSuccessful"] is True, "successful execution")

    tool = multitool(work)
    if tool:
        for name, document in (("relative", sarif), ("absolute", outside_sarif), ("notification", timeout_sarif)):
            path = work / f"{name}.sarif"
            path.write_text(json.dumps(document))
            log = work / f"{name}.validation.sarif"
            if log.exists():
                log.unlink()
            done = run([tool, "validate", path, "-o", log], env={**os.environ, "DOTNET_CLI_TELEMETRY_OPTOUT": "1"})
            if not check.expect(log.exists(), f"validator ran: {done.stdout[-500:]} {done.stderr[-500:]}"):
                continue
            findings = json.loads(log.read_text())["runs"][0].get("results", [])
            errors = [f["ruleId"] + ": " + f["message"].get("text", str(f["message"].get("arguments")))
                      for f in findings if f.get("level", "warning") == "error"]
            check.expect(not errors, f"SARIF validator errors ({name} URIs): {errors}")
            print(f"Microsoft's validator, {name} URIs: {len(findings)} finding(s), {len(errors)} error(s)")
    check.finish("cli.sarif")


if __name__ == "__main__":
    main()
