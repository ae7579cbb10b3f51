"""Files for the compliance tests: a real PDF, a real PNG, and hostile ones."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(out, format="PNG")
    return out.getvalue()


def pdf_upload(name: str = "attestation.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def png_upload(name: str = "kbis.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def fake_pdf_upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("attestation.pdf", b"%PDF-1.7\n<script>alert(1)</script>\n%%EOF", "application/pdf")


def html_upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("attestation.html", b"<html><script>alert(1)</script></html>", "text/html")
