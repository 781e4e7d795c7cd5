"""Peak memory and time of making renditions for one 6000x4000 JPEG upload, as JSON on stdout.

`renditions.py make PATH` draws the source photo; `renditions.py measure PATH` (a fresh
process, so its peak is the job's own) stores it as a Photo and calls
articles.images.ensure_renditions on it.
"""

import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make(path):
    from PIL import Image, ImageDraw, ImageFilter

    # Noise plus shapes: a photo-like amount of detail, so encoders do realistic work.
    image = Image.effect_noise((6000, 4000), 60).convert("RGB")
    draw = ImageDraw.Draw(image)
    for i in range(40):
        x, y = (i * 613) % 6000, (i * 389) % 4000
        draw.rectangle((x, y, x + 900, y + 600), fill=((i * 37) % 256, (i * 71) % 256, 90))
    image = image.filter(ImageFilter.GaussianBlur(1))
    image.save(path, "JPEG", quality=90)


def measure(path):
    import django

    django.setup()
    try:
        from articles.images import ensure_renditions
    except ImportError:
        print(json.dumps({"available": False}))
        return
    from django.core.files import File

    from articles.models import Photo

    baseline = peak_mb()
    started = time.monotonic()
    # Saving the photo makes its renditions (as an editor's upload does); ensure_renditions
    # afterwards must find nothing left to do.
    with open(path, "rb") as source:
        photo = Photo(caption="Benchmark upload", credit="Bench", alt_text="A large test photo")
        photo.image.save("bench-6000x4000.jpg", File(source), save=True)
    ensure_renditions(photo)
    seconds = time.monotonic() - started
    print(
        json.dumps(
            {
                "available": True,
                "seconds": round(seconds, 2),
                "peak_mb": round(peak_mb(), 1),
                "baseline_mb": round(baseline, 1),
                "renditions": photo.renditions.count(),
                "source_bytes": os.path.getsize(path),
            }
        )
    )


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    {"make": make, "measure": measure}[sys.argv[1]](sys.argv[2])
