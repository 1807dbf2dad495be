"""Benchmark pruning and quantization: python benchmarks/bench_compress.py

Prints, for every shipped model, recomputed live on its held-out set (see
lstm_core.compress.heldout for which set):
1. int8: size ratio against float32 and the metric change (targets: at least 3.5x smaller;
   within 0.5 accuracy points, 0.03 bits per character or 3% MASE);
2. 50% unstructured magnitude pruning: the metric change (targets: 1 point, 0.05 bits, 5% MASE);
3. structured pruning: measured speed-up per step with 25% and 50% of the units removed;
4. the Cost tab's rerun time after a slider move, server side (target: under 300 ms).
"""

from timing import open_page, rerun_times  # first: puts the repository on sys.path

from lstm_core.compress import network_of, pruned, quantized
from lstm_core.compress.cost import seconds_per_step
from lstm_core.compress.heldout import SHIPPED_KEYS, heldout_for, load_shipped
from lstm_core.compress.quantize import float32_bytes, quantize_weights

TARGETS = {"accuracy": (0.005, 0.01), "bits_per_char": (0.03, 0.05), "mase": (0.03, 0.05)}  # int8, 50% pruned


def change(metric: str, base: float, value: float) -> tuple[str, float]:
    """The change as printed (points, bits, or % of MASE) and how much worse it is, in the target's unit
    (negative when the compressed model is better: that never misses a target)."""
    if metric == "accuracy":
        return f"{100 * (value - base):+.2f} pts", base - value
    if metric == "mase":
        return f"{100 * (value / base - 1):+.1f}%", value / base - 1
    return f"{value - base:+.4f}", value - base


def bench_models() -> None:
    print(f"{'model':22s} {'metric':14s} {'float32':>8s} {'int8':>8s} {'int8 Δ':>11s} {'ratio':>6s} "
          f"{'50% pruned':>10s} {'pruned Δ':>11s} {'speed-up 25%':>12s} {'50%':>6s}")
    for key in SHIPPED_KEYS:
        model = load_shipped(key)
        heldout = heldout_for(key, model)
        base = heldout.score(model)
        net = network_of(model)
        int8 = heldout.score(quantized(model, 8))
        ratio = float32_bytes(net.weights) / quantize_weights(net.weights, 8).stored_bytes
        half = heldout.score(pruned(model, 0.5))
        full_time = seconds_per_step(net)
        speed = [full_time / seconds_per_step(network_of(pruned(model, f, structured=True))) for f in (0.25, 0.5)]
        int8_text, int8_size = change(heldout.metric, base, int8)
        half_text, half_size = change(heldout.metric, base, half)
        limits = TARGETS[heldout.metric]
        print(f"{key:22s} {heldout.metric:14s} {base:8.4f} {int8:8.4f} {int8_text:>9s}{'' if int8_size <= limits[0] else ' ✗':2s} "
              f"{ratio:5.2f}{'' if ratio >= 3.5 else '✗'} {half:10.4f} {half_text:>9s}{'' if half_size <= limits[1] else ' ✗':2s} "
              f"{speed[0]:11.2f}x {speed[1]:5.2f}x", flush=True)


def bench_rerun(repeats: int = 15) -> None:
    at, _ = open_page("pages/practical.py")
    for name, widget, values in (("sparsity slider", at.slider(key="practical_sparsity"), [10, 60]),
                                 ("bits select", at.select_slider(key="practical_bits"), [4, 16])):
        times = rerun_times(at, lambda n: widget.set_value(values[n % 2]), repeats)
        print(f"4. Cost tab rerun after the {name}: median {times.median_ms():.0f} ms, "
              f"max {times.max_ms():.0f} ms over {repeats} (target < 300 ms)")


if __name__ == "__main__":
    bench_models()
    bench_rerun()
