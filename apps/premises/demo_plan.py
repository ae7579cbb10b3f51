"""A simple floor plan for the demo company, drawn with Pillow: outer walls, a corridor, and a box
where each room sits (the rooms' plan positions, in percent of the plan, as the demo places them),
so the floor plan page shows rooms over a drawing rather than "no plan yet"."""

from __future__ import annotations

import io
from collections.abc import Iterable

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1200, 600
WALL = (73, 80, 87)
ROOM_WALL = (134, 142, 150)
FLOOR = (248, 249, 250)
CORRIDOR = (233, 236, 239)


def _box(x: float, y: float, w: float, h: float) -> tuple[int, int, int, int]:
    """A rectangle given in percent of the plan, in pixels."""
    left, top = x * WIDTH / 100, y * HEIGHT / 100
    return (round(left), round(top), round(left + w * WIDTH / 100), round(top + h * HEIGHT / 100))


def floor_plan_png(rooms: Iterable[tuple[float, float, float, float]]) -> bytes:
    """A PNG floor plan with a box at each ``(x, y, width, height)`` given in percent."""
    image = Image.new("RGB", (WIDTH, HEIGHT), FLOOR)
    draw = ImageDraw.Draw(image)
    draw.rectangle(_box(0, 45, 100, 8), fill=CORRIDOR)  # the corridor between the two rows of rooms
    for x, y, w, h in rooms:
        draw.rectangle(_box(x, y, w, h), outline=ROOM_WALL, width=4)
    draw.rectangle((0, 0, WIDTH - 1, HEIGHT - 1), outline=WALL, width=10)
    draw.rectangle(_box(46, 97, 8, 3), fill=FLOOR)  # the entrance, a gap in the outer wall
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()
