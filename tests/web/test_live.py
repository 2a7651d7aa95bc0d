"""`drafter serve` as the command runs it: a real uvicorn server in its own process."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

from tests.conftest import SAMPLE_000
from tests.web.conftest import bench, downloads


def test_uploads_at_once_each_get_their_own_answer(live: str, broken: Path) -> None:
    """Six posts at once (sample 000 and a broken workbook, three each): every answer is the
    one for its own upload."""
    jobs = [(SAMPLE_000.name, SAMPLE_000.read_bytes(), "通过"),
            ("有错误.xlsx", broken.read_bytes(), "未通过")] * 3
    start = threading.Barrier(len(jobs))
    answers: list[tuple[int, str] | BaseException] = [RuntimeError("no answer")] * len(jobs)

    def post(i: int) -> None:
        name, data, _ = jobs[i]
        start.wait()
        try:
            answers[i] = bench.post(live + "form/check", {"kind": ""}, {"workbook": (name, data)})
        except BaseException as exc:
            answers[i] = exc

    threads = [threading.Thread(target=post, args=(i,)) for i in range(len(jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for (name, _, verdict), answer in zip(jobs, answers, strict=True):
        assert not isinstance(answer, BaseException), answer
        status, text = answer
        assert status == 200
        assert f"检查结果：{name}" in text and verdict in text
        other = "有错误" if name == SAMPLE_000.name else SAMPLE_000.stem
        assert other not in text
        stem = name.removesuffix(".xlsx")
        assert any(f.startswith(stem) and f.endswith(".docx") for f in downloads(text))


def test_the_lan_warning_and_the_address_are_printed() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "drafter", "serve", "--no-browser",
                             "--port", "0", "--host", "0.0.0.0"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        assert proc.stdout is not None and proc.stderr is not None
        first = proc.stdout.readline()
        assert first.startswith("drafter 网页界面已启动：http://127.0.0.1:")
        warning = proc.stderr.readline()
        assert warning.startswith("警告：正在监听 0.0.0.0")
        assert "局域网" in warning and "没有账号和密码" in warning
        with urllib.request.urlopen(first.split("：", 1)[1].strip(), timeout=30) as page:
            assert page.status == 200  # any host name is answered on the LAN
    finally:
        bench.stop(proc)


def test_ctrl_c_stops_it_with_a_word_and_a_taken_port_is_a_chinese_error() -> None:
    proc, url = bench.start()
    try:
        with urllib.request.urlopen(url, timeout=30) as page:  # serving (Ctrl+C is then uvicorn's)
            assert page.status == 200
        port = url.rsplit(":", 1)[1].strip("/")
        again = subprocess.run([sys.executable, "-m", "drafter", "serve", "--no-browser",
                                "--port", port], capture_output=True, text=True,
                               encoding="utf-8", timeout=60)
        assert again.returncode == 2
        assert f"端口 {port} 已被占用" in again.stderr and "--port" in again.stderr
        assert "Traceback" not in again.stderr
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert out.strip().endswith("已停止。")


def test_a_missing_office_folder_is_refused_before_starting(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "drafter", "serve", "--no-browser", "--port",
                           "0", "--office", str(tmp_path / "没有")], capture_output=True,
                          text=True, encoding="utf-8", timeout=60)
    assert done.returncode == 2 and "单位文件夹不存在" in done.stderr


def test_only_loopback_names_are_answered_on_127_0_0_1() -> None:
    from drafter.web import server

    for host in ("127.0.0.1", "localhost", "::1", "[::1]"):
        hosts = server.allowed_hosts(host)
        assert all(hosts.allow(h) for h in ("127.0.0.1:8765", "localhost", "[::1]:8765"))
        assert not any(hosts.allow(h) for h in ("evil.example", "192.168.1.20", "[::2]"))
    lan = server.allowed_hosts("0.0.0.0")
    assert lan.allow("192.168.1.20:8765") and lan.allow("[fe80::1]") and lan.allow("localhost")
    assert not lan.allow("evil.example:8765")
    assert server.loopback("::1") and not server.loopback("192.168.1.20")


def test_the_benchmark_runs_and_measures_each_step() -> None:
    found = bench.one_run(warm=1)
    assert {"start → page", "first check", "check"} <= set(found)
    assert all(v > 0 for k, v in found.items() if "CPU" not in k)
