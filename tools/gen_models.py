#!/usr/bin/env python3
"""Generates src/aws/model/embedded_*.cc: the AWS service models stratus speaks.

Reads botocore's service models (the newest API version of each service we
serve), strips what only documentation needs and keeps every trait the wire
protocols use, then writes one C++ source per service that embeds the compact
JSON, plus embedded_models.cc with the index (names, prefixes, protocols) so
lookups never parse a model.

Some services changed protocol over time: SQS moved from the query protocol to
JSON 1.0 (awsQueryCompatible) and its newest model dropped the XML names
(locationName, error codes, resultWrapper) that query clients such as
Debian's boto3 1.26 still rely on. Those traits live in
tools/model_overlays/<service>.json and are merged into the newest model.
The overlays are extracted once from an older botocore with
`--extract-overlays --legacy-data DIR`; normal runs read only the committed
overlays, so the output depends on nothing but the installed botocore.

Usage:
  tools/gen_models.py                      # regenerate src/aws/model/embedded_*.cc
  tools/gen_models.py --check              # exit 1 if the committed output is stale
  tools/gen_models.py --extract-overlays --legacy-data /usr/lib/python3/dist-packages/botocore/data

The output is deterministic (sorted keys, fixed chunking), so CI can run the
script and `git diff --exit-code`.
"""

import argparse
import gzip
import json
import os
import sys

# botocore directory name of each service we serve.
SERVICES = [
    "athena",
    "cloudformation",
    "cloudwatch",
    "dynamodb",
    "dynamodbstreams",
    "events",
    "glue",
    "iam",
    "lambda",
    "logs",
    "rds",
    "s3",
    "scheduler",
    "sqs",
    "stepfunctions",
    "sts",
]

# Keys that only documentation, endpoint rules or client-side helpers use.
DOC_ONLY_KEYS = {
    "documentation",
    "documentationUrl",
    "examples",
    "deprecated",
    "deprecatedMessage",
    "deprecatedSince",
    "contextParam",
    "staticContextParams",
    "operationContextParams",
    "clientContextParams",
    "endpointdiscovery",
    "endpointoperation",
    "synthetic",
}

# Metadata keys we keep (everything a server routes or encodes by).
METADATA_KEYS = {
    "apiVersion",
    "awsQueryCompatible",
    "endpointPrefix",
    "jsonVersion",
    "protocol",
    "protocols",
    "serviceFullName",
    "serviceId",
    "signatureVersion",
    "signingName",
    "targetPrefix",
    "uid",
    "xmlNamespace",
    "globalEndpoint",
    "checksumFormat",
}

# Traits the query/XML protocols use that an overlay may restore.
OVERLAY_SHAPE_KEYS = ["error", "flattened", "locationName", "xmlNamespace", "xmlOrder"]
OVERLAY_REF_KEYS = ["flattened", "locationName", "xmlAttribute", "xmlNamespace"]
OVERLAY_METADATA_KEYS = ["xmlNamespace"]

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(REPO_ROOT, "src", "aws", "model")
OVERLAY_DIR = os.path.join(REPO_ROOT, "tools", "model_overlays")

# Each embedded literal stays far below the 65,536 characters that
# -Woverlength-strings allows; short lines keep diffs readable.
CHUNK_CHARS = 4000
RAW_DELIMITER = "mdl"


def botocore_data_dir():
    import botocore  # pylint: disable=import-outside-toplevel

    return os.path.join(os.path.dirname(botocore.__file__), "data")


def load_model(data_dir, service):
    service_dir = os.path.join(data_dir, service)
    version = sorted(v for v in os.listdir(service_dir) if os.path.isdir(os.path.join(service_dir, v)))[-1]
    for name in ("service-2.json", "service-2.json.gz"):
        path = os.path.join(service_dir, version, name)
        if os.path.exists(path):
            opener = gzip.open if path.endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8") as f:
                return json.load(f)
    raise FileNotFoundError(f"no service-2.json for {service} in {service_dir}/{version}")


def strip(value):
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items() if k not in DOC_ONLY_KEYS}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value


def compact_model(model):
    metadata = {k: v for k, v in model["metadata"].items() if k in METADATA_KEYS}
    operations = strip(model["operations"])
    # A deprecated operation may share its HTTP route with its successor (S3's
    # PutBucketNotification and PutBucketNotificationConfiguration): the REST
    # router needs the flag to prefer the current one.
    for name, operation in model["operations"].items():
        if operation.get("deprecated"):
            operations[name]["deprecated"] = True
    return {
        "metadata": metadata,
        "operations": operations,
        "shapes": strip(model["shapes"]),
    }


# ---------------------------------------------------------------------------
# Overlays: protocol traits carried over from an older model.


def extract_overlay(new, old):
    """Returns the query/XML traits `old` has and `new` lacks."""
    overlay = {"metadata": {}, "operations": {}, "shapes": {}}
    if old["metadata"].get("protocol") != "query" or new["metadata"].get("protocol") == "query":
        return None
    overlay["metadata"]["protocols"] = ["query"]
    for key in OVERLAY_METADATA_KEYS:
        if key in old["metadata"] and key not in new["metadata"]:
            overlay["metadata"][key] = old["metadata"][key]
    for name, op in old["operations"].items():
        if name not in new["operations"]:
            continue
        wrapper = op.get("output", {}).get("resultWrapper")
        if wrapper and "resultWrapper" not in new["operations"][name].get("output", {}):
            overlay["operations"][name] = {"output": {"resultWrapper": wrapper}}
    for name, shape in old["shapes"].items():
        target = new["shapes"].get(name)
        if target is None:
            continue
        entry = {}
        for key in OVERLAY_SHAPE_KEYS:
            if key in shape and key not in target:
                entry[key] = shape[key]
        for ref_name in ("member", "key", "value"):
            if ref_name in shape and ref_name in target:
                ref = {k: shape[ref_name][k] for k in OVERLAY_REF_KEYS if k in shape[ref_name] and k not in target[ref_name]}
                if ref:
                    entry[ref_name] = ref
        members = {}
        for member_name, member in shape.get("members", {}).items():
            target_member = target.get("members", {}).get(member_name)
            if target_member is None:
                continue
            ref = {k: member[k] for k in OVERLAY_REF_KEYS if k in member and k not in target_member}
            if ref:
                members[member_name] = ref
        if members:
            entry["members"] = members
        if entry:
            overlay["shapes"][name] = entry
    return overlay


def apply_overlay(model, overlay):
    """Merges an overlay into `model`.

    Metadata (protocols, xmlNamespace), resultWrapper and `error` traits are
    harmless to the JSON protocol (awsQueryCompatible JSON even needs the
    error codes), so they go straight into the model. XML naming traits
    (locationName, flattened, ...) would rename JSON members, so they are
    kept apart under the top-level key "queryOverlay"; ServiceModel applies
    them to the model it hands the query codec.
    """
    metadata = model["metadata"]
    for key, value in overlay.get("metadata", {}).items():
        if key == "protocols":
            protocols = list(metadata.get("protocols", [metadata["protocol"]]))
            for protocol in value:
                if protocol not in protocols:
                    protocols.append(protocol)
            metadata["protocols"] = protocols
        else:
            metadata.setdefault(key, value)
    for name, op in overlay.get("operations", {}).items():
        if name in model["operations"]:
            target = model["operations"][name]
            for key, value in op.items():
                target.setdefault(key, {}).update(value)
    query_shapes = {}
    for name, entry in overlay.get("shapes", {}).items():
        shape = model["shapes"].get(name)
        if shape is None:
            continue
        rest = {}
        for key, value in entry.items():
            if key == "error":
                shape.setdefault("error", value)
            else:
                rest[key] = value
        if rest:
            query_shapes[name] = rest
    if query_shapes:
        model["queryOverlay"] = {"shapes": query_shapes}


# ---------------------------------------------------------------------------
# C++ output.


def dumps(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def identifier(service):
    return "".join(part.capitalize() for part in service.replace(".", "_").split("_"))


def service_source(service, text):
    closing = ")" + RAW_DELIMITER + '"'
    assert closing not in text, f"{service}: raw string delimiter occurs in the model"
    chunks = [text[i : i + CHUNK_CHARS] for i in range(0, len(text), CHUNK_CHARS)]
    lines = [
        f"// Generated by tools/gen_models.py from botocore's {service} model. Do not edit.",
        "// NOLINTBEGIN",
        "",
        '#include "aws/model/embedded_models_internal.h"',
        "",
        "namespace stratus::aws::internal {",
        "namespace {",
        "",
        "constexpr std::string_view kChunks[] = {",
    ]
    for chunk in chunks:
        lines.append(f'    R"{RAW_DELIMITER}({chunk}){RAW_DELIMITER}",')
    lines += [
        "};",
        "",
        "}  // namespace",
        "",
        f"std::span<const std::string_view> {identifier(service)}ModelChunks() {{ return kChunks; }}",
        "",
        "}  // namespace stratus::aws::internal",
        "// NOLINTEND",
        "",
    ]
    return "\n".join(lines)


def cpp_string(value):
    return json.dumps(value or "")


def index_sources(entries):
    header = [
        "#pragma once",
        "",
        "// Generated by tools/gen_models.py. Do not edit.",
        "",
        "#include <span>",
        "#include <string_view>",
        "",
        "namespace stratus::aws::internal {",
        "",
        "/// The chunks of one embedded model's compact JSON; concatenated they are",
        "/// the whole document.",
    ]
    for entry in entries:
        header.append(f"std::span<const std::string_view> {identifier(entry['service'])}ModelChunks();")
    header += ["", "}  // namespace stratus::aws::internal", ""]

    source = [
        "// Generated by tools/gen_models.py. Do not edit.",
        "",
        '#include "aws/model/embedded_models.h"',
        "",
        '#include "aws/model/embedded_models_internal.h"',
        "",
        "namespace stratus::aws {",
        "namespace {",
        "",
        "const EmbeddedModel kModels[] = {",
    ]
    for entry in entries:
        source += [
            "    {",
            f"        .name = {cpp_string(entry['name'])},",
            f"        .botocore_name = {cpp_string(entry['service'])},",
            f"        .api_version = {cpp_string(entry['api_version'])},",
            f"        .protocols = {cpp_string(entry['protocols'])},",
            f"        .signing_name = {cpp_string(entry['signing_name'])},",
            f"        .endpoint_prefix = {cpp_string(entry['endpoint_prefix'])},",
            f"        .target_prefix = {cpp_string(entry['target_prefix'])},",
            f"        .size = {entry['size']},",
            f"        .chunks = internal::{identifier(entry['service'])}ModelChunks,",
            "    },",
        ]
    source += [
        "};",
        "",
        "}  // namespace",
        "",
        "std::span<const EmbeddedModel> EmbeddedModels() { return kModels; }",
        "",
        "}  // namespace stratus::aws",
        "",
    ]
    return "\n".join(header), "\n".join(source)


def generate(data_dir):
    outputs = {}
    entries = []
    for service in SERVICES:
        model = compact_model(load_model(data_dir, service))
        overlay_path = os.path.join(OVERLAY_DIR, f"{service}.json")
        if os.path.exists(overlay_path):
            with open(overlay_path, encoding="utf-8") as f:
                apply_overlay(model, json.load(f))
        text = dumps(model)
        metadata = model["metadata"]
        protocols = metadata.get("protocols", [metadata["protocol"]])
        if metadata["protocol"] not in protocols:
            protocols = [metadata["protocol"]] + protocols
        entries.append(
            {
                "service": service,
                "name": metadata["endpointPrefix"],
                "api_version": metadata["apiVersion"],
                "protocols": ",".join(protocols),
                "signing_name": metadata.get("signingName", metadata["endpointPrefix"]),
                "endpoint_prefix": metadata["endpointPrefix"],
                "target_prefix": metadata.get("targetPrefix", ""),
                "size": len(text),
            }
        )
        outputs[f"embedded_{service}.cc"] = service_source(service, text)
    header, source = index_sources(entries)
    outputs["embedded_models_internal.h"] = header
    outputs["embedded_models.cc"] = source
    return outputs, entries


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", help="botocore data directory (default: the installed botocore's)")
    parser.add_argument("--check", action="store_true", help="fail if the committed output differs")
    parser.add_argument("--extract-overlays", action="store_true", help="write tools/model_overlays/*.json")
    parser.add_argument("--legacy-data", help="an older botocore data directory (for --extract-overlays)")
    args = parser.parse_args()
    data_dir = args.data or botocore_data_dir()

    if args.extract_overlays:
        if not args.legacy_data:
            parser.error("--extract-overlays needs --legacy-data")
        os.makedirs(OVERLAY_DIR, exist_ok=True)
        for service in SERVICES:
            try:
                old = load_model(args.legacy_data, service)
            except (FileNotFoundError, OSError):
                continue
            overlay = extract_overlay(load_model(data_dir, service), old)
            if overlay is None:
                continue
            path = os.path.join(OVERLAY_DIR, f"{service}.json")
            with open(path, "w", encoding="utf-8") as f:
                f.write(json.dumps(overlay, sort_keys=True, indent=1) + "\n")
            print(f"wrote {os.path.relpath(path, REPO_ROOT)}")
        return 0

    outputs, entries = generate(data_dir)
    stale = []
    for name, text in sorted(outputs.items()):
        path = os.path.join(OUT_DIR, name)
        current = None
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                current = f.read()
        if current != text:
            stale.append(name)
            if not args.check:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
    total = sum(e["size"] for e in entries)
    for e in entries:
        print(f"{e['name']:<18} {e['protocols']:<28} {e['size']:>9} bytes")
    print(f"total {total} bytes of JSON in {len(entries)} models")
    if args.check and stale:
        print("stale: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
