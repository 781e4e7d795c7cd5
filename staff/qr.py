"""The authenticator app's QR code as inline SVG (no image library, no request of its own)."""

import qrcode
from django.utils.safestring import mark_safe
from qrcode.image.svg import SvgPathFillImage


def qr_svg(data, *, label):
    """``data`` as an accessible inline ``<svg>``: dark modules on white whatever the admin's
    colour theme, since phone cameras need the contrast. The SVG holds only geometry."""
    code = qrcode.QRCode(border=2, image_factory=SvgPathFillImage)
    code.add_data(data)
    code.make(fit=True)
    image = code.make_image(**{"role": "img", "aria-label": label, "class": "two-factor__qr"})
    return mark_safe(image.to_string(encoding="unicode"))  # made here: shapes only, no text
