# SPDX-License-Identifier: Apache-2.0
"""A validator for the subset of OpenAPI 3.0 / JSON Schema that the web front's document uses:
type (with nullable), required, properties, items, enum, $ref into components. Unknown keywords
are refused, so the document cannot silently use something this validator ignores."""

KNOWN = {"type", "required", "properties", "items", "enum", "$ref", "nullable", "description",
         "format"}
TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
}


class Validator:
    def __init__(self, document):
        self.document = document

    def resolve(self, ref):
        assert ref.startswith("#/"), ref
        node = self.document
        for part in ref[2:].split("/"):
            node = node[part]
        return node

    def validate(self, value, schema, where="$"):
        """A list of problems (empty when the value conforms)."""
        unknown = set(schema) - KNOWN
        if unknown:
            return [f"{where}: schema uses unsupported keywords {sorted(unknown)}"]
        if "$ref" in schema:
            return self.validate(value, self.resolve(schema["$ref"]), where)
        if value is None:
            return [] if schema.get("nullable") else [f"{where}: null is not allowed"]
        problems = []
        kind = schema.get("type")
        if kind and not TYPES[kind](value):
            return [f"{where}: expected {kind}, got {type(value).__name__}"]
        if "enum" in schema and value not in schema["enum"]:
            problems.append(f"{where}: {value!r} not in {schema['enum']}")
        if isinstance(value, dict):
            for name in schema.get("required", []):
                if name not in value:
                    problems.append(f"{where}: missing required '{name}'")
            for name, sub in schema.get("properties", {}).items():
                if name in value:
                    problems += self.validate(value[name], sub, f"{where}.{name}")
        if isinstance(value, list) and "items" in schema:
            for i, item in enumerate(value):
                problems += self.validate(item, schema["items"], f"{where}[{i}]")
        return problems

    def response_schema(self, path_template, method, status):
        operation = self.document["paths"][path_template][method.lower()]
        response = operation["responses"].get(str(status))
        if response is None:
            return None
        return response["content"]["application/json"]["schema"]

    def check_response(self, path_template, method, status, body):
        schema = self.response_schema(path_template, method, status)
        if schema is None:
            return [f"{method} {path_template}: status {status} is not documented"]
        return self.validate(body, schema, f"{method} {path_template} {status}")
