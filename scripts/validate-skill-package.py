#!/usr/bin/env python3
"""Validates the ASK skill package against the Alexa Skill Management API model.

The model is the Swagger 2 document `spec.json` of the npm package
`ask-smapi-model`. Checked:
  - skill-package/skill.json against v1.skill.Manifest.SkillManifestEnvelope;
  - every skill-package/interactionModels/custom/<locale>.json (one per
    published locale) against v1.skill.interactionModel.InteractionModelData;
  - account-linking.json (beside skill-package/, what `jukebox skill
    account-linking` fills in for `ask smapi update-account-linking-info`)
    against v1.skill.accountLinking.AccountLinkingRequest, and that it holds
    no client id or secret (those come from the owner's environment);
  - that the manifest declares the AUDIO_PLAYER interface and that every
    published locale has an interaction model (and no model lacks a locale).

Swagger 2 is not JSON Schema, so the definitions are adapted first:
  - `discriminator` bases (e.g. Manifest.Interface, whose subtypes say
    `x-discriminator-value: AUDIO_PLAYER`) become "type must be one of the
    subtypes' values, and then that subtype's schema applies";
  - objects refuse properties no schema names (`unevaluatedProperties`), so a
    misspelt field fails here instead of at `ask deploy`;
  - vendor `x-` keys are ignored by the validator already.

Usage: validate-skill-package.py [--spec SPEC] [--package DIR]
       validate-skill-package.py --self-test   (proves the validator rejects bad packages)
Exit status 0 when valid, 1 with every problem listed otherwise.
"""

import argparse
import copy
import json
import pathlib
import sys

import jsonschema

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_SPEC = ROOT / "node_modules" / "ask-smapi-model" / "spec.json"
DEFAULT_PACKAGE = ROOT / "skill-package"
MANIFEST = "v1.skill.Manifest.SkillManifestEnvelope"
MODEL = "v1.skill.interactionModel.InteractionModelData"
ACCOUNT_LINKING = "v1.skill.accountLinking.AccountLinkingRequest"
REF = "#/definitions/"


def walk(node, visit):
    if isinstance(node, dict):
        visit(node)
        for value in node.values():
            walk(value, visit)
    elif isinstance(node, list):
        for value in node:
            walk(value, visit)


def adapt(definitions):
    """Swagger 2 definitions -> JSON Schema 2020-12 definitions (see module doc)."""
    defs = copy.deepcopy(definitions)

    # Subtypes of each discriminator base: {base: {value: subtype}}.
    subtypes = {}
    for name, schema in defs.items():
        value = schema.get("x-discriminator-value")
        for part in schema.get("allOf", []):
            ref = part.get("$ref", "")
            if value is not None and ref.startswith(REF):
                subtypes.setdefault(ref[len(REF):], {})[value] = name

    # Subtypes include their base through allOf: point them at a plain copy of
    # the base so that "base -> subtype -> base" does not recurse.
    bases = [name for name, schema in defs.items() if "discriminator" in schema]
    for base in bases:
        schema = defs[base]
        field = schema["discriminator"]
        plain = {k: v for k, v in schema.items() if k != "discriminator"}
        defs[base + ".__plain"] = plain
        for sub in subtypes.get(base, {}).values():
            for part in defs[sub].get("allOf", []):
                if part.get("$ref") == REF + base:
                    part["$ref"] = REF + base + ".__plain"
        choices = subtypes.get(base, {})
        branches = [
            {
                "if": {"properties": {field: {"const": value}}, "required": [field]},
                "then": {"$ref": REF + sub},
            }
            for value, sub in sorted(choices.items())
        ]
        defs[base] = {
            "allOf": [
                {"$ref": REF + base + ".__plain"},
                {"properties": {field: {"enum": sorted(choices)}}} if choices else {},
                *branches,
            ],
            "unevaluatedProperties": False,
        }

    # Strict objects: a leaf object schema (one that is not some subtype's
    # allOf base) refuses properties it does not name. Bases are made strict
    # by the wrapper above, which sees the subtype's properties too.
    plain_bases = {base + ".__plain" for base in bases}

    def strict(node):
        if (
            node.get("type") == "object"
            and "properties" in node
            and "additionalProperties" not in node
            and "unevaluatedProperties" not in node
        ):
            node["unevaluatedProperties"] = False

    for name, schema in defs.items():
        if name not in plain_bases:
            walk(schema, strict)
        if name.endswith(".__plain") or any(
            part.get("$ref") == REF + name for s in defs.values() for part in s.get("allOf", [])
        ):
            schema.pop("unevaluatedProperties", None)
        # A subtype's own part of its allOf (ALEXA_PRESENTATION_APL's
        # supportedViewports) is checked with its base: the base's wrapper
        # refuses what neither names, and sees `type` the part does not.
        if "x-discriminator-value" in schema:
            for part in schema.get("allOf", []):
                part.pop("unevaluatedProperties", None)
    return defs


def validator_for(defs, name):
    schema = {"$ref": REF + name, "definitions": defs}
    cls = jsonschema.Draft202012Validator
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def problems(validator, document, label):
    found = []
    for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in error.absolute_path) or "(root)"
        found.append(f"{label}: {where}: {error.message}")
    return found


def validate(spec_path, package):
    spec = json.loads(pathlib.Path(spec_path).read_text())
    defs = adapt(spec["definitions"])
    manifest_validator = validator_for(defs, MANIFEST)
    model_validator = validator_for(defs, MODEL)
    found = []

    manifest_path = package / "skill.json"
    manifest = json.loads(manifest_path.read_text())
    found += problems(manifest_validator, manifest, str(manifest_path.relative_to(package.parent)))
    custom = manifest.get("manifest", {}).get("apis", {}).get("custom", {})
    interfaces = [i.get("type") for i in custom.get("interfaces", [])]
    if "AUDIO_PLAYER" not in interfaces:
        found.append("skill.json: apis.custom.interfaces lacks AUDIO_PLAYER (needed to play music)")

    published = set(manifest.get("manifest", {}).get("publishingInformation", {}).get("locales", {}))
    models_dir = package / "interactionModels" / "custom"
    models = sorted(models_dir.glob("*.json"))
    if not models:
        found.append(f"{models_dir}: no interaction model")
    for path in models:
        found += problems(model_validator, json.loads(path.read_text()), str(path.relative_to(package.parent)))
    model_locales = {path.stem for path in models}
    linking_path = package.parent / "account-linking.json"
    if linking_path.exists():
        linking = json.loads(linking_path.read_text())
        found += problems(validator_for(defs, ACCOUNT_LINKING), linking, linking_path.name)
        for secret in ("clientId", "clientSecret"):
            if secret in linking.get("accountLinkingRequest", {}):
                found.append(f"{linking_path.name}: {secret} must not be committed (jukebox skill account-linking adds it)")
    for locale in sorted(published - model_locales):
        found.append(f"locale {locale} is published but has no interaction model")
    for locale in sorted(model_locales - published):
        found.append(f"locale {locale} has an interaction model but no publishing information")
    return found


def self_test(spec_path):
    """The validator must reject what SMAPI would reject; proves it is not vacuous."""
    spec = json.loads(pathlib.Path(spec_path).read_text())
    defs = adapt(spec["definitions"])
    manifest_validator = validator_for(defs, MANIFEST)
    model_validator = validator_for(defs, MODEL)
    manifest = json.loads((DEFAULT_PACKAGE / "skill.json").read_text())
    model = json.loads(next((DEFAULT_PACKAGE / "interactionModels" / "custom").glob("*.json")).read_text())
    assert not problems(manifest_validator, manifest, "ok"), "the real manifest must pass"
    assert not problems(model_validator, model, "ok"), "the real model must pass"
    linking_validator = validator_for(defs, ACCOUNT_LINKING)
    linking = json.loads((ROOT / "account-linking.json").read_text())
    assert not problems(linking_validator, linking, "ok"), "the real account linking must pass"

    def rejected(validator, document, change):
        bad = copy.deepcopy(document)
        change(bad)
        return bool(problems(validator, bad, "bad"))

    checks = {
        "unknown interface type": rejected(manifest_validator, manifest, lambda m: m["manifest"]["apis"]["custom"]["interfaces"].append({"type": "AUDIO_PLAYR"})),
        "misspelt manifest field": rejected(manifest_validator, manifest, lambda m: m["manifest"].__setitem__("publishingInfo", {})),
        "wrong manifest version": rejected(manifest_validator, manifest, lambda m: m["manifest"].__setitem__("manifestVersion", "2.0")),
        "summary over 160 characters": rejected(manifest_validator, manifest, lambda m: m["manifest"]["publishingInformation"]["locales"]["en-US"].__setitem__("summary", "x" * 161)),
        "endpoint that is not an ARN or URL": rejected(manifest_validator, manifest, lambda m: m["manifest"]["apis"]["custom"].__setitem__("endpoint", {"uri": "lambda"})),
        "unknown field inside an interface": rejected(manifest_validator, manifest, lambda m: m["manifest"]["apis"]["custom"]["interfaces"][0].__setitem__("volume", 11)),
        "model without languageModel": rejected(model_validator, model, lambda m: m["interactionModel"].pop("languageModel")),
        "intent without name": rejected(model_validator, model, lambda m: m["interactionModel"]["languageModel"]["intents"][0].pop("name")),
        "slot written as a string": rejected(model_validator, model, lambda m: m["interactionModel"]["languageModel"]["intents"][0].__setitem__("slots", ["songName"])),
        "account linking of an unknown type": rejected(linking_validator, linking, lambda l: l["accountLinkingRequest"].__setitem__("type", "PASSWORD")),
        "misspelt account linking field": rejected(linking_validator, linking, lambda l: l["accountLinkingRequest"].__setitem__("scope", ["profile"])),
        "misspelt model field": rejected(model_validator, model, lambda m: m["interactionModel"]["languageModel"].__setitem__("invocation", "x")),
        "custom type value without synonyms": rejected(model_validator, model, lambda m: m["interactionModel"]["languageModel"].__setitem__("types", [{"name": "JUKEBOX_SONG", "values": [{"name": {"value": "x"}}]}])),
    }
    failed = [name for name, ok in checks.items() if not ok]
    for name, ok in checks.items():
        print(f"  {'rejects' if ok else 'ACCEPTS'}: {name}")
    return failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", default=DEFAULT_SPEC)
    parser.add_argument("--package", default=DEFAULT_PACKAGE, type=pathlib.Path)
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    if args.self_test:
        failed = self_test(args.spec)
        if failed:
            print("validate-skill-package: the validator accepts invalid packages: " + ", ".join(failed), file=sys.stderr)
            return 1
        print("validate-skill-package: self-test passed")
        return 0
    found = validate(args.spec, args.package.resolve())
    for problem in found:
        print(problem, file=sys.stderr)
    if found:
        print(f"validate-skill-package: {len(found)} problem(s)", file=sys.stderr)
        return 1
    print(f"validate-skill-package: {args.package} is valid against the SMAPI model")
    return 0


if __name__ == "__main__":
    sys.exit(main())
