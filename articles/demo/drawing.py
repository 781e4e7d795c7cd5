"""Illustrations for the demo newsroom, drawn with Pillow from shapes and gradients.

Every picture is seeded from a stable key (an article's slug), so the same story always gets
the same picture and no two stories share one. Scenes are drawn at twice the final size and
reduced, which smooths the edges of every shape at little cost.
"""

import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1200, 800
SCALE = 2
W, H = WIDTH * SCALE, HEIGHT * SCALE

# Sky top, sky bottom, sun, haze (what far ridges fade into), light in windows.
SKIES = {
    "morning": ((120, 170, 220), (250, 222, 190), (255, 240, 200), (214, 214, 222), None),
    "noon": ((70, 130, 200), (190, 220, 240), (255, 252, 235), (190, 210, 228), None),
    "evening": ((60, 70, 130), (250, 170, 110), (255, 210, 140), (200, 150, 150), (255, 210, 120)),
    "overcast": ((150, 160, 172), (206, 208, 210), None, (190, 192, 196), None),
    "dusk": ((28, 34, 70), (150, 90, 120), (250, 200, 170), (90, 80, 110), (255, 200, 110)),
}
SKY_WORDS = {
    "morning": "a pale morning sky",
    "noon": "a clear blue sky",
    "evening": "an orange evening sky",
    "overcast": "a grey overcast sky",
    "dusk": "a violet dusk sky",
}

PLASTER = [(232, 214, 186), (214, 190, 160), (240, 232, 214), (196, 170, 140), (226, 200, 170)]
PLASTER += [(180, 196, 196), (230, 190, 160), (206, 206, 190)]
ROOFS = [(176, 84, 56), (150, 70, 50), (120, 110, 104), (160, 96, 64), (92, 98, 104)]
AWNINGS = [(196, 60, 50), (40, 110, 160), (230, 170, 40), (60, 140, 90), (170, 70, 130)]
FLAG_COLOURS = [(200, 40, 50), (30, 90, 170), (240, 190, 40), (30, 140, 90), (245, 245, 240)]
FLAG_COLOURS += [(110, 40, 120), (230, 110, 30), (20, 40, 80)]


def mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def shade(colour, factor):
    return tuple(max(0, min(255, round(c * factor))) for c in colour)


def vertical_gradient(top, bottom, height=H, width=W):
    column = Image.new("RGB", (1, height))
    column.putdata([mix(top, bottom, y / max(1, height - 1)) for y in range(height)])
    return column.resize((width, height), Image.Resampling.NEAREST)


def ridge(rng, base, amplitude, roughness=1.0, step=24):
    """Points along a ridge line: a sum of a few sines with random phases."""
    waves = [
        (
            amplitude * rng.uniform(0.5, 1.0) / (i + 1) ** 1.3,
            rng.uniform(0.7, 1.5) * (i + 1) ** 1.25,
        )
        for i in range(6)
    ]
    phases = [rng.uniform(0, math.tau) for _ in waves]
    points = []
    for x in range(-step, W + 2 * step, step):
        t = x / W
        y = base
        for (amp, freq), phase in zip(waves, phases, strict=True):
            y -= amp * math.sin(freq * math.tau * t * roughness + phase)
        points.append((x, y))
    return points


class Scene:
    def __init__(self, key, time_of_day=None):
        self.rng = random.Random(key)
        self.time = time_of_day or self.rng.choice(list(SKIES))
        self.sky_top, self.sky_bottom, self.sun, self.haze, self.lights = SKIES[self.time]
        self.image = vertical_gradient(self.sky_top, self.sky_bottom)
        self.draw = ImageDraw.Draw(self.image)
        self.features = []

    # Pieces of scenery -------------------------------------------------------------------

    def sun_disc(self, horizon):
        if not self.sun:
            return
        rng = self.rng
        cx, cy = rng.uniform(0.15, 0.85) * W, rng.uniform(0.18, 0.5) * horizon
        radius = rng.uniform(0.035, 0.05) * W
        glow_size = int(radius * 9)
        glow = Image.radial_gradient("L").resize((glow_size, glow_size), Image.Resampling.BILINEAR)
        # The gradient reaches 181 at the middle of each edge: fade to nothing there, softly.
        glow = glow.point(lambda v: int(160 * max(0.0, 1 - v / 181) ** 2))
        self.image.paste(
            Image.new("RGB", (glow_size, glow_size), self.sun),
            (int(cx - glow_size / 2), int(cy - glow_size / 2)),
            glow,
        )
        self.draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=self.sun)

    def clouds(self, count=None):
        rng = self.rng
        colour = mix(self.sky_bottom, (255, 255, 255), 0.55)
        if self.time in ("dusk", "evening"):
            colour = mix(self.sky_bottom, (255, 220, 200), 0.3)
        layer = Image.new("L", (W, H), 0)
        draw = ImageDraw.Draw(layer)
        for _ in range(count if count is not None else rng.randint(2, 5)):
            cx, cy = rng.uniform(0, W), rng.uniform(0.06, 0.3) * H
            for _ in range(rng.randint(4, 7)):
                rx, ry = rng.uniform(60, 180) * SCALE, rng.uniform(25, 55) * SCALE
                dx, dy = rng.uniform(-160, 160) * SCALE, rng.uniform(-20, 20) * SCALE
                draw.ellipse((cx + dx - rx, cy + dy - ry, cx + dx + rx, cy + dy + ry), fill=170)
        layer = layer.reduce(8).filter(ImageFilter.GaussianBlur(3))
        layer = layer.resize((W, H), Image.Resampling.BILINEAR)
        self.image.paste(Image.new("RGB", (W, H), colour), (0, 0), layer)

    def ranges(self, layers, top, bottom, snow=False, green=False):
        """Ridges from far (pale, hazy) to near (dark, saturated)."""
        rng = self.rng
        near = (70, 96, 70) if green else (96, 88, 96)
        if self.time == "dusk":
            near = shade(near, 0.55)
        for i in range(layers):
            depth = i / max(1, layers - 1)
            base = top + (bottom - top) * depth
            colour = mix(self.haze, near, 0.25 + 0.75 * depth)
            points = ridge(rng, base, rng.uniform(0.08, 0.14) * H * (1.1 - depth * 0.4))
            self.draw.polygon([*points, (W + 50, H), (-50, H)], fill=colour)
            if snow and i < layers - 1:
                snowline = base - rng.uniform(0.03, 0.06) * H
                snow_colour = mix((250, 250, 252), self.haze, 0.3 + 0.3 * (1 - depth))
                if self.time == "dusk":
                    snow_colour = mix(snow_colour, self.sky_bottom, 0.5)
                cap = [(x, y) for x, y in points]
                lower = [(x, max(y, snowline + 10 * SCALE * math.sin(x / 37))) for x, y in points]
                self.draw.polygon(cap + lower[::-1], fill=snow_colour)
        if snow:
            self.features.append("snow-capped ridges")
        else:
            self.features.append("ridges fading into the haze")

    def hills(self, base, colour, amplitude=0.05):
        points = ridge(self.rng, base, amplitude * H, roughness=0.5)
        self.draw.polygon([*points, (W + 50, H), (-50, H)], fill=colour)
        return points

    def trees(self, points, colour, density=0.5, size=(14, 30)):
        rng = self.rng
        for x, y in points:
            if rng.random() > density:
                continue
            for _ in range(rng.randint(1, 3)):
                tx = x + rng.uniform(-12, 12) * SCALE
                h = rng.uniform(*size) * SCALE
                ty = y + rng.uniform(2, 10) * SCALE
                self.draw.polygon(
                    [(tx, ty - h), (tx - h * 0.35, ty), (tx + h * 0.35, ty)],
                    fill=shade(colour, rng.uniform(0.8, 1.1)),
                )

    def river(self, horizon, colour=None):
        rng = self.rng
        colour = colour or mix(self.sky_bottom, (90, 140, 170), 0.45)
        left, right = [], []
        cx = rng.uniform(0.35, 0.65) * W
        for step in range(41):
            t = step / 40
            y = horizon + (H - horizon) * t
            x = cx + math.sin(t * 5 + rng.random() * 0.2) * 0.12 * W * t
            half = (6 + 230 * t**1.6) * SCALE
            left.append((x - half, y))
            right.append((x + half, y))
        self.draw.polygon(left + right[::-1], fill=colour)
        glint = mix(colour, (255, 255, 255), 0.35)
        for _ in range(24):
            t = rng.uniform(0.2, 1)
            y = horizon + (H - horizon) * t
            x = cx + math.sin(t * 5) * 0.12 * W * t + rng.uniform(-100, 100) * t * SCALE
            half = rng.uniform(10, 40) * t * SCALE
            self.draw.line((x - half, y, x + half, y), fill=glint, width=2 * SCALE)
        self.features.append("a river winding through the valley")

    def building(self, x, ground, w, h, roof=True, colour=None, lit=0.0):
        rng = self.rng
        colour = colour or rng.choice(PLASTER)
        if self.time == "dusk":
            colour = shade(colour, 0.55)
        elif self.time == "overcast":
            colour = mix(colour, (170, 170, 170), 0.25)
        self.draw.rectangle((x, ground - h, x + w, ground), fill=colour)
        self.draw.rectangle((x + w * 0.82, ground - h, x + w, ground), fill=shade(colour, 0.85))
        if roof:
            roof_colour = rng.choice(ROOFS)
            if self.time == "dusk":
                roof_colour = shade(roof_colour, 0.6)
            peak = rng.uniform(0.25, 0.5) * w
            self.draw.polygon(
                [
                    (x - 6 * SCALE, ground - h),
                    (x + w / 2, ground - h - peak),
                    (x + w + 6 * SCALE, ground - h),
                ],
                fill=roof_colour,
            )
        else:
            self.draw.rectangle(
                (x - 3 * SCALE, ground - h - 6 * SCALE, x + w + 3 * SCALE, ground - h),
                fill=shade(colour, 0.75),
            )
        cols = max(1, int(w / (34 * SCALE)))
        rows = max(1, int(h / (46 * SCALE)))
        win_w, win_h = w / cols * 0.42, h / rows * 0.42
        dark = shade(colour, 0.45) if self.time != "dusk" else (40, 40, 60)
        for r in range(rows):
            for c in range(cols):
                wx = x + (c + 0.5) * w / cols - win_w / 2
                wy = ground - h + (r + 0.35) * h / rows
                if wy + win_h > ground - 4 * SCALE:
                    continue
                fill = self.lights if self.lights and rng.random() < lit else dark
                self.draw.rectangle((wx, wy, wx + win_w, wy + win_h), fill=fill)

    def town(self, ground, count, min_h, max_h, lit=0.0, roof_chance=0.7):
        rng = self.rng
        x = -rng.uniform(0, 60) * SCALE
        while x < W:
            w = rng.uniform(90, 200) * SCALE
            h = rng.uniform(min_h, max_h) * SCALE
            self.building(x, ground, w, h, roof=rng.random() < roof_chance, lit=lit)
            x += w + rng.uniform(-10, 20) * SCALE
        self.features.append(
            "rooftops and lit windows" if lit else "rows of houses with tiled roofs"
        )

    def ground(self, top, colour):
        self.draw.rectangle((0, top, W, H), fill=colour)

    def flag(self, x, ground, height, colours, wave):
        pole = (70, 70, 76) if self.time != "dusk" else (30, 30, 40)
        self.draw.rectangle((x - 3 * SCALE, ground - height, x + 3 * SCALE, ground), fill=pole)
        self.draw.ellipse(
            (
                x - 6 * SCALE,
                ground - height - 10 * SCALE,
                x + 6 * SCALE,
                ground - height + 2 * SCALE,
            ),
            fill=(200, 180, 90),
        )
        fw, fh = 150 * SCALE, 96 * SCALE
        stripes = len(colours)
        top = ground - height + 6 * SCALE
        steps = 24
        for s, colour in enumerate(colours):
            if self.time == "dusk":
                colour = shade(colour, 0.65)
            upper, lower = [], []
            for i in range(steps + 1):
                t = i / steps
                dx = t * fw
                dy = math.sin(t * 5 + wave) * 8 * SCALE * t
                upper.append((x + dx, top + dy + fh * s / stripes))
                lower.append((x + dx, top + dy + fh * (s + 1) / stripes))
            self.draw.polygon(upper + lower[::-1], fill=colour)

    def flags(self, ground, count, height):
        rng = self.rng
        spacing = W / (count + 1)
        for i in range(count):
            colours = rng.sample(FLAG_COLOURS, rng.choice([2, 3, 3]))
            self.flag(spacing * (i + 1) - 60 * SCALE, ground, height, colours, rng.uniform(0, 6))
        self.features.append("flags on tall poles")

    def people(self, ground, count, scale=1.0):
        rng = self.rng
        for _ in range(count):
            x = rng.uniform(0, W)
            h = rng.uniform(70, 95) * SCALE * scale
            colour = rng.choice(
                [(60, 60, 80), (90, 60, 60), (50, 80, 90), (110, 100, 80), (40, 40, 40)]
            )
            y = ground + rng.uniform(0, 60) * SCALE * scale
            self.draw.rounded_rectangle(
                (x - h * 0.16, y - h * 0.78, x + h * 0.16, y), radius=h * 0.1, fill=colour
            )
            self.draw.ellipse(
                (x - h * 0.11, y - h, x + h * 0.11, y - h * 0.78), fill=(150, 110, 90)
            )

    # Whole scenes ------------------------------------------------------------------------

    def mountains(self):
        horizon = self.rng.uniform(0.55, 0.68) * H
        self.sun_disc(horizon)
        self.clouds()
        self.ranges(self.rng.randint(3, 5), 0.32 * H, horizon, snow=True)
        valley = mix((90, 130, 70), self.haze, 0.2)
        if self.time == "dusk":
            valley = shade(valley, 0.5)
        points = self.hills(horizon + 0.04 * H, valley, amplitude=0.03)
        if self.rng.random() < 0.6:
            self.river(horizon + 0.06 * H)
        self.trees(points, shade(valley, 0.6), density=0.35)

    def valley(self):
        horizon = self.rng.uniform(0.5, 0.62) * H
        self.sun_disc(horizon)
        self.clouds()
        self.ranges(3, 0.36 * H, horizon, snow=self.rng.random() < 0.5, green=True)
        field = mix((120, 150, 80), self.haze, 0.15)
        if self.time == "dusk":
            field = shade(field, 0.5)
        self.hills(horizon + 0.03 * H, field, amplitude=0.02)
        self.river(horizon + 0.05 * H)
        points = ridge(self.rng, 0.86 * H, 0.03 * H, roughness=0.4)
        self.draw.polygon([*points, (W + 50, H), (-50, H)], fill=shade(field, 0.8))
        self.trees(points, shade(field, 0.55), density=0.45, size=(30, 60))

    def fields(self):
        rng = self.rng
        horizon = rng.uniform(0.42, 0.52) * H
        self.sun_disc(horizon)
        self.clouds()
        self.ranges(2, 0.3 * H, horizon - 0.02 * H, snow=rng.random() < 0.4, green=True)
        crops = [(150, 170, 80), (200, 180, 90), (110, 150, 70), (170, 140, 80), (90, 130, 60)]
        y = horizon
        band = 0
        while y < H:
            h = (12 + (y - horizon) * 0.25) * 1.0
            colour = crops[(band + rng.randint(0, 1)) % len(crops)]
            if self.time == "dusk":
                colour = shade(colour, 0.5)
            points = ridge(rng, y + h, h * 0.3, roughness=0.3, step=64)
            self.draw.polygon([*points, (W + 50, H), (-50, H)], fill=colour)
            y += h
            band += 1
        # A farm road running to the horizon.
        vx = rng.uniform(0.3, 0.7) * W
        road = (190, 170, 140) if self.time != "dusk" else (100, 90, 90)
        self.draw.polygon(
            [
                (vx - 4 * SCALE, horizon),
                (vx + 4 * SCALE, horizon),
                (vx + 260 * SCALE, H),
                (vx - 160 * SCALE, H),
            ],
            fill=road,
        )
        fx = rng.choice([0.15, 0.75]) * W
        self.building(fx, horizon + 0.09 * H, 110 * SCALE, 60 * SCALE, roof=True, lit=0.3)
        self.features += ["striped fields of crops", "a farm road"]

    def rooftops(self):
        rng = self.rng
        horizon = rng.uniform(0.4, 0.5) * H
        self.sun_disc(horizon)
        self.clouds()
        self.ranges(2, 0.28 * H, horizon, snow=rng.random() < 0.5)
        lit = 0.6 if self.time == "dusk" else 0.15
        self.town(horizon + 0.12 * H, 0, 80, 200, lit=lit)
        if rng.random() < 0.6:
            # A church dome and drum above the roofs.
            cx = rng.uniform(0.2, 0.8) * W
            base = horizon + 0.05 * H
            stone = (214, 200, 176) if self.time != "dusk" else (110, 100, 100)
            self.draw.rectangle(
                (cx - 50 * SCALE, base - 130 * SCALE, cx + 50 * SCALE, base + 100 * SCALE),
                fill=stone,
            )
            self.draw.polygon(
                [
                    (cx - 60 * SCALE, base - 130 * SCALE),
                    (cx, base - 230 * SCALE),
                    (cx + 60 * SCALE, base - 130 * SCALE),
                ],
                fill=shade(stone, 0.7),
            )
            self.features.append("the conical dome of an old church")
        self.town(horizon + 0.32 * H, 0, 120, 260, lit=lit)
        self.town(H + 20 * SCALE, 0, 160, 300, lit=lit, roof_chance=0.9)

    def parliament(self):
        rng = self.rng
        horizon = 0.7 * H
        self.sun_disc(0.5 * H)
        self.clouds()
        stone = rng.choice([(226, 218, 200), (210, 200, 184), (236, 230, 220)])
        if self.time == "dusk":
            stone = shade(stone, 0.6)
        elif self.time == "overcast":
            stone = mix(stone, (180, 180, 180), 0.2)
        left, right = 0.14 * W, 0.86 * W
        top = 0.3 * H
        self.draw.rectangle(
            (left - 0.1 * W, top + 0.1 * H, right + 0.1 * W, horizon), fill=shade(stone, 0.9)
        )
        self.draw.polygon(
            [
                (left - 20 * SCALE, top),
                ((left + right) / 2, top - 0.12 * H),
                (right + 20 * SCALE, top),
            ],
            fill=stone,
        )
        self.draw.polygon(
            [
                (left + 40 * SCALE, top - 8 * SCALE),
                ((left + right) / 2, top - 0.1 * H),
                (right - 40 * SCALE, top - 8 * SCALE),
            ],
            fill=shade(stone, 0.85),
        )
        self.draw.rectangle(
            (left - 20 * SCALE, top, right + 20 * SCALE, top + 40 * SCALE), fill=stone
        )
        self.draw.rectangle((left, top + 40 * SCALE, right, horizon), fill=shade(stone, 0.7))
        columns = rng.choice([6, 8, 10])
        span = (right - left) / columns
        for i in range(columns):
            cx = left + (i + 0.5) * span
            cw = span * 0.32
            self.draw.rectangle(
                (cx - cw / 2, top + 40 * SCALE, cx + cw / 2, horizon - 20 * SCALE), fill=stone
            )
            self.draw.rectangle(
                (cx - cw / 2 + cw * 0.6, top + 40 * SCALE, cx + cw / 2, horizon - 20 * SCALE),
                fill=shade(stone, 0.92),
            )
            self.draw.rectangle(
                (cx - cw * 0.7, top + 40 * SCALE, cx + cw * 0.7, top + 54 * SCALE),
                fill=shade(stone, 1.05),
            )
        for s in range(6):
            y = horizon - 20 * SCALE + s * 14 * SCALE
            self.draw.rectangle(
                (
                    left - 40 * SCALE - s * 20 * SCALE,
                    y,
                    right + 40 * SCALE + s * 20 * SCALE,
                    y + 14 * SCALE,
                ),
                fill=shade(stone, 1.0 - 0.05 * (s % 2)),
            )
        square = (170, 166, 160) if self.time != "dusk" else (80, 78, 84)
        self.ground(horizon + 64 * SCALE, square)
        self.flags(horizon + 64 * SCALE, rng.choice([2, 3]), 0.5 * H)
        self.people(horizon + 80 * SCALE, rng.randint(6, 14))
        self.features.insert(0, "a columned government building")

    def flagpoles(self):
        rng = self.rng
        horizon = rng.uniform(0.6, 0.7) * H
        self.sun_disc(horizon)
        self.clouds(rng.randint(3, 6))
        self.town(horizon, 0, 60, 160, lit=0.4 if self.time == "dusk" else 0.0, roof_chance=0.3)
        pavement = (150, 146, 140) if self.time != "dusk" else (70, 68, 76)
        self.ground(horizon, pavement)
        self.flags(horizon + 0.05 * H, rng.randint(3, 5), 0.58 * H)
        self.people(horizon + 0.1 * H, rng.randint(10, 24), scale=1.3)
        self.features.insert(0, "a square in the city centre")

    def harbour(self):
        rng = self.rng
        horizon = rng.uniform(0.5, 0.58) * H
        self.sun_disc(horizon)
        self.clouds()
        self.ranges(2, 0.36 * H, horizon, green=True)
        sea = mix(self.sky_bottom, (40, 90, 130), 0.55)
        self.image.paste(
            vertical_gradient(sea, shade(sea, 0.7), height=int(H - horizon)), (0, int(horizon))
        )
        glint = mix(sea, self.sun or (255, 255, 255), 0.4)
        for _ in range(90):
            y = rng.uniform(horizon, H)
            x = rng.uniform(0, W)
            half = rng.uniform(10, 60) * SCALE * (y - horizon) / (H - horizon)
            self.draw.line((x - half, y, x + half, y), fill=glint, width=SCALE * 2)
        # Pier and harbour buildings.
        pier_y = horizon + 0.14 * H
        quay = (150, 140, 130) if self.time != "dusk" else (70, 64, 70)
        self.draw.polygon(
            [
                (0, pier_y),
                (0.45 * W, pier_y),
                (0.5 * W, pier_y + 24 * SCALE),
                (0, pier_y + 24 * SCALE),
            ],
            fill=quay,
        )
        for i in range(4):
            self.building(
                i * 150 * SCALE,
                pier_y,
                130 * SCALE,
                rng.uniform(80, 140) * SCALE,
                roof=rng.random() < 0.6,
                lit=0.4,
            )
        for _ in range(rng.randint(3, 6)):
            bx = rng.uniform(0.1, 0.9) * W
            by = rng.uniform(horizon + 0.2 * H, H - 0.05 * H)
            size = (0.5 + (by - horizon) / (H - horizon)) * 90 * SCALE
            hull = rng.choice([(240, 240, 236), (190, 60, 50), (40, 80, 130), (220, 180, 60)])
            self.draw.polygon(
                [
                    (bx - size, by - size * 0.3),
                    (bx + size, by - size * 0.3),
                    (bx + size * 0.7, by),
                    (bx - size * 0.8, by),
                ],
                fill=hull,
            )
            self.draw.rectangle(
                (bx - size * 0.3, by - size * 0.55, bx + size * 0.25, by - size * 0.3),
                fill=(245, 245, 245),
            )
            self.draw.line(
                (bx, by - size * 0.3, bx, by - size * 1.6), fill=(60, 60, 60), width=2 * SCALE
            )
            if rng.random() < 0.5:
                self.draw.polygon(
                    [
                        (bx + 4 * SCALE, by - size * 1.5),
                        (bx + 4 * SCALE, by - size * 0.4),
                        (bx + size * 0.8, by - size * 0.4),
                    ],
                    fill=(250, 248, 240),
                )
            self.draw.line(
                (bx - size, by + 6 * SCALE, bx + size, by + 6 * SCALE),
                fill=shade(sea, 0.75),
                width=4 * SCALE,
            )
        self.features += ["a harbour with moored boats", "calm water"]

    def market(self):
        rng = self.rng
        horizon = 0.42 * H
        self.sun_disc(horizon)
        self.clouds(2)
        self.town(horizon + 0.12 * H, 0, 140, 260, lit=0.3 if self.time == "dusk" else 0.0)
        pavement = (176, 160, 140) if self.time != "dusk" else (80, 70, 74)
        self.ground(horizon + 0.12 * H, pavement)
        stalls = rng.randint(4, 6)
        width = W / stalls
        for i in range(stalls):
            x = i * width + 10 * SCALE
            top = horizon + rng.uniform(0.16, 0.22) * H
            colour = rng.choice(AWNINGS)
            stripes = 6
            for s in range(stripes):
                fill = colour if s % 2 == 0 else (246, 240, 228)
                sx = x + s * (width - 20 * SCALE) / stripes
                ex = sx + (width - 20 * SCALE) / stripes
                self.draw.polygon(
                    [
                        (sx + 12 * SCALE, top),
                        (ex + 12 * SCALE, top),
                        (ex, top + 90 * SCALE),
                        (sx, top + 90 * SCALE),
                    ],
                    fill=fill,
                )
                self.draw.pieslice((sx, top + 70 * SCALE, ex, top + 110 * SCALE), 0, 180, fill=fill)
            table_y = top + 300 * SCALE
            self.draw.rectangle(
                (x, top + 90 * SCALE, x + 6 * SCALE, table_y + 120 * SCALE), fill=(90, 70, 50)
            )
            self.draw.rectangle(
                (
                    x + width - 26 * SCALE,
                    top + 90 * SCALE,
                    x + width - 20 * SCALE,
                    table_y + 120 * SCALE,
                ),
                fill=(90, 70, 50),
            )
            self.draw.rectangle(
                (x, table_y, x + width - 20 * SCALE, table_y + 40 * SCALE), fill=(130, 96, 64)
            )
            produce = rng.sample(
                [
                    (220, 60, 40),
                    (240, 160, 30),
                    (120, 170, 50),
                    (150, 40, 90),
                    (240, 210, 80),
                    (200, 120, 60),
                ],
                3,
            )
            for _ in range(40):
                px = rng.uniform(x + 20 * SCALE, x + width - 40 * SCALE)
                py = table_y - rng.uniform(0, 30) * SCALE
                r = rng.uniform(9, 15) * SCALE
                self.draw.ellipse((px - r, py - r, px + r, py + r), fill=rng.choice(produce))
        self.people(H - 0.18 * H, rng.randint(8, 14), scale=2.2)
        self.features.insert(0, "market stalls under striped awnings")

    def bridge(self):
        rng = self.rng
        horizon = rng.uniform(0.52, 0.6) * H
        self.sun_disc(horizon)
        self.clouds()
        self.ranges(3, 0.34 * H, horizon, snow=rng.random() < 0.5, green=True)
        bank = mix((110, 140, 80), self.haze, 0.2)
        if self.time == "dusk":
            bank = shade(bank, 0.5)
        self.ground(horizon, bank)
        self.river(horizon)
        water = mix(self.sky_bottom, (70, 120, 150), 0.5)
        deck = horizon + rng.uniform(0.1, 0.16) * H
        waterline = deck + 0.22 * H
        self.draw.rectangle((0, waterline, W, H), fill=water)
        stone = (196, 176, 146) if self.time != "dusk" else (100, 90, 90)
        # The bridge is drawn on its own layer so the arches can be cut out of it, showing
        # the bank behind, and so its reflection can be laid on the water below.
        layer = Image.new("RGBA", (W, int(waterline - deck) + 24 * SCALE), (0, 0, 0, 0))
        bridge = ImageDraw.Draw(layer)
        height = layer.height
        bridge.rectangle((0, 0, W, 22 * SCALE), fill=shade(stone, 0.8))
        bridge.rectangle((0, 22 * SCALE, W, height), fill=stone)
        arches = rng.randint(3, 5)
        span = W / arches
        pier = span * 0.09
        rise = rng.uniform(0.3, 0.42) * (span - 2 * pier)
        for i in range(arches):
            x0, x1 = i * span + pier, (i + 1) * span - pier
            spring = height * 0.55
            bridge.ellipse((x0, spring - rise, x1, spring + rise), fill=(0, 0, 0, 0))
            bridge.rectangle((x0, spring, x1, height), fill=(0, 0, 0, 0))
            bridge.arc(
                (x0, spring - rise, x1, spring + rise),
                180,
                360,
                fill=shade(stone, 0.7),
                width=6 * SCALE,
            )
        self.image.paste(layer, (0, int(deck)), layer)
        reflection = layer.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
        alpha = reflection.getchannel("A").point(lambda a: a * 45 // 100)
        tint = Image.new("RGB", reflection.size, shade(stone, 0.75))
        self.image.paste(tint, (0, int(waterline)), alpha)
        glint = mix(water, (255, 255, 255), 0.3)
        for _ in range(50):
            y = rng.uniform(waterline + 6 * SCALE, H)
            x = rng.uniform(0, W)
            self.draw.line((x - 30 * SCALE, y, x + 30 * SCALE, y), fill=glint, width=2 * SCALE)
        self.features.insert(0, "an arched stone bridge")

    def power(self):
        rng = self.rng
        horizon = rng.uniform(0.58, 0.66) * H
        self.sun_disc(horizon)
        self.clouds()
        self.ranges(3, 0.34 * H, horizon, snow=rng.random() < 0.5, green=True)
        field = mix((140, 150, 90), self.haze, 0.2)
        if self.time == "dusk":
            field = shade(field, 0.5)
        self.hills(horizon + 0.02 * H, field, amplitude=0.02)
        metal = (80, 84, 90) if self.time != "dusk" else (30, 30, 40)
        if rng.random() < 0.5:
            for i in range(rng.randint(3, 5)):
                x = rng.uniform(0.08, 0.92) * W
                size = rng.uniform(0.6, 1.0)
                base = horizon + rng.uniform(0.05, 0.2) * H
                top = base - 0.42 * H * size
                white = (240, 240, 242) if self.time != "dusk" else (130, 130, 150)
                self.draw.polygon(
                    [
                        (x - 6 * SCALE, base),
                        (x + 6 * SCALE, base),
                        (x + 3 * SCALE, top),
                        (x - 3 * SCALE, top),
                    ],
                    fill=white,
                )
                angle = rng.uniform(0, math.tau) + i
                for b in range(3):
                    a = angle + b * math.tau / 3
                    length = 0.2 * H * size
                    tip = (x + math.cos(a) * length, top + math.sin(a) * length)
                    side = (
                        x + math.cos(a + 0.1) * length * 0.3,
                        top + math.sin(a + 0.1) * length * 0.3,
                    )
                    self.draw.polygon([(x, top), side, tip], fill=white)
                self.draw.ellipse(
                    (x - 8 * SCALE, top - 8 * SCALE, x + 8 * SCALE, top + 8 * SCALE), fill=white
                )
            self.features.insert(0, "wind turbines on a ridge")
        else:
            towers = []
            for i in range(4):
                x = (0.1 + i * 0.28) * W
                size = 0.55 + i * 0.2
                base = horizon + 0.05 * H + i * 0.08 * H
                top = base - 0.4 * H * size
                towers.append((x, top, size))
                self.draw.line(
                    (x - 40 * SCALE * size, base, x, top), fill=metal, width=int(5 * SCALE * size)
                )
                self.draw.line(
                    (x + 40 * SCALE * size, base, x, top), fill=metal, width=int(5 * SCALE * size)
                )
                for arm in (0.1, 0.3):
                    y = top + 0.4 * H * size * arm
                    self.draw.line(
                        (x - 60 * SCALE * size, y, x + 60 * SCALE * size, y),
                        fill=metal,
                        width=int(4 * SCALE * size),
                    )
                for k in range(1, 6):
                    y = top + (0.4 * H * size) * k / 6
                    dx = 40 * SCALE * size * k / 6
                    self.draw.line((x - dx, y, x + dx, y), fill=metal, width=int(2 * SCALE * size))
            for (x1, y1, s1), (x2, y2, s2) in zip(towers, towers[1:], strict=False):
                for side in (-1, 1):
                    a = (x1 + side * 60 * SCALE * s1, y1 + 0.04 * H * s1)
                    b = (x2 + side * 60 * SCALE * s2, y2 + 0.04 * H * s2)
                    sag = [
                        (
                            a[0] + (b[0] - a[0]) * t,
                            a[1] + (b[1] - a[1]) * t + math.sin(math.pi * t) * 40 * SCALE,
                        )
                        for t in (i / 12 for i in range(13))
                    ]
                    self.draw.line(sag, fill=metal, width=2 * SCALE)
            self.features.insert(0, "power lines crossing the valley")

    def road(self):
        rng = self.rng
        horizon = rng.uniform(0.5, 0.58) * H
        self.sun_disc(horizon)
        self.clouds()
        self.ranges(3, 0.32 * H, horizon, snow=rng.random() < 0.6)
        verge = mix((120, 140, 80), self.haze, 0.2)
        if self.time == "dusk":
            verge = shade(verge, 0.5)
        self.ground(horizon, verge)
        vx = rng.uniform(0.4, 0.6) * W
        asphalt = (80, 80, 86) if self.time != "dusk" else (44, 44, 54)
        self.draw.polygon(
            [(vx - 6 * SCALE, horizon), (vx + 6 * SCALE, horizon), (W * 0.95, H), (W * 0.05, H)],
            fill=asphalt,
        )
        for k in range(14):
            t0, t1 = (k / 14) ** 2, ((k + 0.5) / 14) ** 2
            y0, y1 = horizon + (H - horizon) * t0, horizon + (H - horizon) * t1
            x0 = vx + (W * 0.5 - vx) * t0
            x1 = vx + (W * 0.5 - vx) * t1
            self.draw.polygon(
                [
                    (x0 - 1 * SCALE - 6 * SCALE * t0, y0),
                    (x0 + 1 * SCALE + 6 * SCALE * t0, y0),
                    (x1 + 6 * SCALE * t1, y1),
                    (x1 - 6 * SCALE * t1, y1),
                ],
                fill=(236, 226, 170),
            )
        for side in (-1, 1):
            for k in range(8):
                t = (k / 8) ** 2 + 0.05
                y = horizon + (H - horizon) * t
                x = vx + (W * (0.5 + side * 0.55) - vx) * t
                h = 0.25 * H * t
                self.draw.rectangle((x - 2 * SCALE, y - h, x + 2 * SCALE, y), fill=(90, 90, 96))
                self.draw.ellipse(
                    (
                        x - 10 * SCALE * t - 4,
                        y - h - 6 * SCALE,
                        x + 10 * SCALE * t + 4,
                        y - h + 4 * SCALE,
                    ),
                    fill=self.lights or (200, 200, 190),
                )
        self.features.insert(0, "a mountain road running towards the pass")

    def stadium(self):
        rng = self.rng
        horizon = 0.38 * H
        self.sun_disc(horizon)
        self.clouds()
        seats = rng.choice([(180, 40, 50), (40, 90, 160), (230, 180, 40), (40, 130, 90)])
        for row in range(10):
            y = horizon + row * 0.03 * H
            colour = shade(seats, 0.7 + 0.03 * row) if row % 2 else shade(seats, 0.9)
            self.draw.rectangle((0, y, W, y + 0.03 * H), fill=colour)
        for _ in range(700):
            x = rng.uniform(0, W)
            y = rng.uniform(horizon, horizon + 0.3 * H)
            r = rng.uniform(3, 5) * SCALE
            self.draw.ellipse(
                (x - r, y - r, x + r, y + r),
                fill=rng.choice([(240, 240, 240), (30, 30, 30), (200, 160, 120), seats]),
            )
        pitch = (70, 150, 70) if self.time != "dusk" else (40, 100, 50)
        top = horizon + 0.3 * H
        for s in range(8):
            y0 = top + (H - top) * (s / 8) ** 1.3
            y1 = top + (H - top) * ((s + 1) / 8) ** 1.3
            self.draw.rectangle((0, y0, W, y1), fill=pitch if s % 2 else shade(pitch, 1.1))
        line = (245, 245, 240)
        self.draw.line(
            (0.05 * W, top + 0.05 * H, 0.95 * W, top + 0.05 * H), fill=line, width=4 * SCALE
        )
        self.draw.line((W / 2, top + 0.05 * H, W / 2, H), fill=line, width=4 * SCALE)
        self.draw.ellipse(
            (W / 2 - 0.2 * W, H - 0.2 * H, W / 2 + 0.2 * W, H + 0.2 * H),
            outline=line,
            width=4 * SCALE,
        )
        for x in (0.15, 0.85):
            self.draw.rectangle(
                (x * W - 2 * SCALE, 0.05 * H, x * W + 2 * SCALE, horizon), fill=(90, 90, 96)
            )
            self.draw.rectangle(
                (x * W - 40 * SCALE, 0.04 * H, x * W + 40 * SCALE, 0.08 * H),
                fill=self.lights or (230, 230, 220),
            )
        self.features.insert(0, "a football ground with packed stands")

    def render(self, kind):
        getattr(self, kind)()
        return self.image.reduce(SCALE)

    def describe(self, kind):
        sky = SKY_WORDS[self.time]
        features = list(dict.fromkeys(self.features))
        if len(features) > 1:
            listed = ", ".join(features[:-1]) + " and " + features[-1]
        else:
            listed = features[0] if features else "a landscape"
        return f"An illustration of {listed} under {sky}."


SCENES = [
    "mountains",
    "valley",
    "fields",
    "rooftops",
    "parliament",
    "flagpoles",
    "harbour",
    "market",
    "bridge",
    "power",
    "road",
    "stadium",
]


def draw_scene(key, kind, time_of_day=None):
    """Return (JPEG bytes, alt text, (focal_x, focal_y)) for one illustration."""
    if kind not in SCENES:
        raise ValueError(f"Unknown scene {kind!r}; choose one of {', '.join(SCENES)}.")
    scene = Scene(key, time_of_day)
    image = scene.render(kind)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=True, progressive=True)
    focal = {"parliament": (0.5, 0.4), "market": (0.5, 0.6), "stadium": (0.5, 0.55)}
    return buffer.getvalue(), scene.describe(kind), focal.get(kind, (0.5, 0.45))


def draw_portrait(key, size=480):
    """An abstract head-and-shoulders silhouette on a soft two-tone ground."""
    rng = random.Random(key)
    top = rng.choice(
        [(70, 110, 150), (150, 90, 80), (90, 130, 100), (120, 100, 150), (170, 140, 80)]
    )
    big = size * SCALE
    image = vertical_gradient(mix(top, (255, 255, 255), 0.35), top, height=big, width=big)
    draw = ImageDraw.Draw(image)
    figure = shade(top, 0.45)
    cx = big / 2 + rng.uniform(-0.04, 0.04) * big
    head_r = big * rng.uniform(0.15, 0.18)
    head_y = big * 0.4
    if rng.random() < 0.5:
        # Longer hair: a soft shape behind the head reaching the shoulders.
        draw.rounded_rectangle(
            (cx - head_r * 1.25, head_y - head_r * 1.1, cx + head_r * 1.25, big * 0.74),
            radius=head_r,
            fill=shade(figure, 0.8),
        )
    draw.ellipse((cx - big * 0.36, big * 0.68, cx + big * 0.36, big * 1.3), fill=figure)
    draw.rectangle((cx - head_r * 0.45, head_y, cx + head_r * 0.45, big * 0.72), fill=figure)
    draw.ellipse(
        (cx - head_r, head_y - head_r * 1.15, cx + head_r, head_y + head_r * 1.15), fill=figure
    )
    image = image.reduce(SCALE)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()
