"""`drafter serve`: how soon the page answers after the command starts, and how long a check of
sample 000 takes through it (docs/serve.md records the figures).

    python benchmarks/serve.py [--runs 5]

Each run starts `python -m drafter serve --no-browser --port 0` as its own process and times
  start → page   from starting the process to the first answer of GET / (the socket is bound
                 before uvicorn starts, so the request waits in the queue rather than failing);
  first check    the first POST of sample 000 to 检查并生成, a second after the page (the
                 library is imported in the background once the page is sent, as while a
                 clerk picks a file; the pack is read and its templates compiled here);
  check          the median of 5 more posts of the same workbook (the server warmed up);
then stops the server. Each figure is the median over the runs. A check's answer must be the
result page naming the workbook, or the run fails.

On Linux the server process's own CPU time is shown beside each (from /proc): on a machine
busy with other work, wall-clock times grow while CPU times stay what the server needs.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = next((ROOT / "sample_inputs").glob("000_*.xlsx"))


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    """A multipart/form-data body and its Content-Type, as a browser sends a form."""
    boundary = uuid.uuid4().hex
    out: list[bytes] = []
    for name, value in fields.items():
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                   f"{value}\r\n".encode())
    for name, (filename, data) in files.items():
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                   f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
                   .encode() + data + b"\r\n")
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out), f"multipart/form-data; boundary={boundary}"


def token(root: str, timeout: float = 60) -> str:
    """The form token of the page at `root`, as a browser has it from the page it shows."""
    with urllib.request.urlopen(root, timeout=timeout) as resp:
        page = resp.read().decode("utf-8")
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    if not found:
        raise RuntimeError("the page has no form token")
    return found.group(1)


def post(url: str, fields: dict[str, str], files: dict[str, tuple[str, bytes]],
         timeout: float = 60) -> tuple[int, str]:
    """A form posted as the page's own (its token first, as the page has it)."""
    if "csrf" not in fields:
        fields = {"csrf": token(url.split("/form/")[0] + "/", timeout), **fields}
    body, kind = multipart(fields, files)
    req = urllib.request.Request(url, data=body, headers={"Content-Type": kind}, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def start(*args: str) -> tuple[subprocess.Popen[str], str]:
    """A `drafter serve` process on a free port, and its address (from its first line)."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "drafter", "serve", "--no-browser",
                             "--port", "0", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if "http://" not in line:
        proc.kill()
        raise RuntimeError(f"drafter serve did not start: {line}{proc.stderr.read()}")
    return proc, line[line.index("http://"):].strip()


def stop(proc: subprocess.Popen[str]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def check(url: str) -> float:
    data = SAMPLE.read_bytes()
    fields = {"csrf": token(url), "kind": ""}  # the page is already open in the browser
    t = time.perf_counter()
    status, text = post(url + "form/check", fields, {"workbook": (SAMPLE.name, data)})
    took = time.perf_counter() - t
    if status != 200 or SAMPLE.name not in text or 'id="preview"' not in text:
        raise RuntimeError(f"check answered {status} without the result page")
    return took


def cpu(pid: int) -> float | None:
    """CPU seconds (user + system) a process has used so far; None where /proc is missing."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def one_run(warm: int = 5) -> dict[str, float]:
    t = time.perf_counter()
    proc, url = start()
    out: dict[str, float] = {}
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            resp.read()
        out["start → page"] = time.perf_counter() - t
        before = cpu(proc.pid)
        time.sleep(1)  # the library loads after the page is sent, as while a clerk picks a file
        loaded = cpu(proc.pid)
        out["first check"] = check(url)
        after = cpu(proc.pid)
        checks = [check(url) for _ in range(warm)]
        out["check"] = statistics.median(checks)
        done = cpu(proc.pid)
        if before is not None and loaded is not None and after is not None and done is not None:
            out["start → page, CPU"] = before
            out["library load, CPU"] = loaded - before
            out["first check, CPU"] = after - loaded
            out["check, CPU"] = (done - after) / warm
    finally:
        stop(proc)
    return out


def measure(runs: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for _ in range(runs):
        for key, value in one_run().items():
            out.setdefault(key, []).append(value)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    found = measure(args.runs)
    print(f"drafter serve, sample {SAMPLE.name}, median of {args.runs} runs (seconds)")
    for key, values in found.items():
        print(f"  {key:<18} {statistics.median(values):6.3f}   "
              f"(min {min(values):.3f}, max {max(values):.3f})")


if __name__ == "__main__":
    main()
