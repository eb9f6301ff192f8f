"""Download an export through the real admin form, and read files back the way a person's spreadsheet would."""

import csv
import io
import json

import openpyxl
from django.contrib import admin
from django.http import HttpResponse
from django.urls import reverse
from import_export.forms import SelectableFieldsExportForm

FORMATS = {"csv": "0", "xlsx": "1", "json": "2"}


def admin_export(client, model, *, resource=0, file_format="csv", query=""):
    """POST the admin export form of ``model`` with every column ticked; returns the response."""
    model_admin = admin.site._registry[model]
    resource_class = model_admin.resource_classes[resource]
    data = {"format": FORMATS[file_format], "resource": str(resource)}
    for field_name in resource_class().get_export_order():
        data[SelectableFieldsExportForm.create_boolean_field_name(resource_class, field_name)] = "on"
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_export") + query
    response = client.post(url, data)
    if response.streaming:
        # CSV is streamed: read it all here, while the test still counts the queries it makes.
        read = HttpResponse(b"".join(response.streaming_content), status=response.status_code)
        for header, value in response.items():
            read[header] = value
        return read
    return response


def body(response):
    """A response's bytes, whether streamed (CSV, files) or not."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def read_csv(content):
    text = content.decode("utf-8")
    assert text.startswith("\ufeff"), "CSV starts with a byte-order mark so Excel reads UTF-8"
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline="")))


def read_xlsx(content):
    """Rows as dicts; also returns the cells so tests can look at types."""
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows())
    header = [cell.value for cell in rows[0]]
    return [dict(zip(header, [cell.value for cell in row], strict=True)) for row in rows[1:]], rows


def read_json(content):
    return json.loads(content.decode("utf-8"))
