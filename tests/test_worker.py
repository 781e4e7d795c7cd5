"""`make run` and `make serve` start the task worker beside the server (newsroom/worker.py).

Real processes stand in for the server and the worker: each says what it got, and they wait
for each other through named pipes, never for a time.
"""

import json
import os
import signal
import subprocess
import sys
import textwrap

from django.conf import settings

from newsroom.worker import worker_command

LAUNCHER = "import json, sys; from newsroom.worker import run_beside; " + (
    "sys.exit(run_beside(json.loads(sys.argv[1]), json.loads(sys.argv[2])))"
)


def python(code):
    return [sys.executable, "-c", textwrap.dedent(code)]


def stand_in_worker(ready, log):
    """Records each signal it gets, and whether it runs in a session of its own."""
    return python(
        f"""
        import os, signal, sys
        def stop(signum, frame):
            own_session = os.getsid(0) == os.getpid()
            with open({str(log)!r}, "a") as record:
                record.write(f"{{signal.Signals(signum).name}} own-session={{own_session}}\\n")
            sys.exit(0)
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        open({str(ready)!r}, "w").close()  # waits until the server listens
        signal.pause()
        """
    )


def launch(server, worker):
    return subprocess.Popen(
        [sys.executable, "-c", LAUNCHER, json.dumps(server), json.dumps(worker)],
        cwd=settings.BASE_DIR,
        start_new_session=True,  # a process group of its own, like a terminal's foreground job
    )


def test_when_the_server_stops_the_worker_gets_one_sigterm_and_the_servers_status_is_kept(
    tmp_path,
):
    worker_ready, log = tmp_path / "worker-ready", tmp_path / "worker.log"
    os.mkfifo(worker_ready)
    server = python(f"open({str(worker_ready)!r}).read(); raise SystemExit(3)")
    launcher = launch(server, stand_in_worker(worker_ready, log))
    assert launcher.wait(timeout=60) == 3
    assert log.read_text().splitlines() == ["SIGTERM own-session=True"]


def test_a_ctrl_c_stops_the_server_and_reaches_the_worker_only_as_that_one_sigterm(tmp_path):
    worker_ready, server_ready = tmp_path / "worker-ready", tmp_path / "server-ready"
    log = tmp_path / "worker.log"
    os.mkfifo(worker_ready)
    os.mkfifo(server_ready)
    server = python(
        f"""
        import signal
        open({str(worker_ready)!r}).read()
        open({str(server_ready)!r}, "w").close()
        signal.pause()  # until Ctrl+C
        """
    )
    launcher = launch(server, stand_in_worker(worker_ready, log))
    open(server_ready).read()  # both are running
    os.killpg(launcher.pid, signal.SIGINT)  # what Ctrl+C in the terminal does
    assert launcher.wait(timeout=60) == 128 + signal.SIGINT  # the server's status
    # A second signal would have made the worker drop the task it was running.
    assert log.read_text().splitlines() == ["SIGTERM own-session=True"]


def test_a_sigterm_to_the_launcher_stops_the_server_and_then_the_worker(tmp_path):
    worker_ready, server_ready = tmp_path / "worker-ready", tmp_path / "server-ready"
    log = tmp_path / "worker.log"
    os.mkfifo(worker_ready)
    os.mkfifo(server_ready)
    server = python(
        f"""
        import signal
        open({str(worker_ready)!r}).read()
        open({str(server_ready)!r}, "w").close()
        signal.pause()  # until make, or a service manager, passes on a SIGTERM
        """
    )
    launcher = launch(server, stand_in_worker(worker_ready, log))
    open(server_ready).read()
    launcher.send_signal(signal.SIGTERM)
    assert launcher.wait(timeout=60) == 128 + signal.SIGTERM
    assert log.read_text().splitlines() == ["SIGTERM own-session=True"]


def test_the_worker_is_the_one_of_the_configured_backend(settings):
    settings.TASKS_BACKEND = "database"
    assert worker_command()[-2:] == ["db_worker", "--no-reload"]
    settings.TASKS_BACKEND = "rq"
    assert "--with-scheduler" in worker_command()
    settings.TASKS_BACKEND = "immediate"
    assert worker_command() is None
