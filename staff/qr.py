"""The authenticator app's QR code as inline SVG (no image library, no request of its own)."""

from django.utils.safestring import mark_safe


def qr_svg(data, *, label):
    """``data`` as an accessible inline ``<svg>``: dark modules on white whatever the admin's
    colour theme, since phone cameras need the contrast. The SVG holds only geometry."""
    # Imported here, by the one page that shows a code: not in every worker (2.5 MB).
    import qrcode
    from qrcode.image.svg import SvgPathFillImage

    code = qrcode.QRCode(border=2, image_factory=SvgPathFillImage)
    code.add_data(data)
    code.make(fit=True)
    image = code.make_image(**{"role": "img", "aria-label": label, "class": "two-factor__qr"})
    return mark_safe(image.to_string(encoding="unicode"))  # made here: shapes only, no text
