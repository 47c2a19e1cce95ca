"""What the speed layer buys: the default booklet built again and again in one process,
with guide.speed on and off in turns (CPU time, so other work on the machine matters less).

    python benchmarks/speed_layer.py
"""

import time, statistics
from pathlib import Path
from guide import speed
from guide.options import BuildOptions
from guide.pipeline import StageTimer, load_inputs, render_pdf
guide, brand, _ = load_inputs(Path("content/pain-medicine"), None)
on, off = [], []
for i in range(12):
    for state, bucket in ((True, on), (False, off)):
        speed.enable() if state else speed.disable()
        t = time.process_time()
        render_pdf(guide, brand, BuildOptions(), StageTimer())
        if i: bucket.append(time.process_time() - t)
print(f"warm build CPU, median of 11 interleaved: layer on {statistics.median(on)*1000:.0f} ms, off {statistics.median(off)*1000:.0f} ms; min {min(on)*1000:.0f} / {min(off)*1000:.0f} ms")
