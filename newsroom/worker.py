"""The background task worker, on its own or beside a server, in one command.

    python -m newsroom.worker                    # the worker for TASKS_BACKEND (`make worker`)
    python -m newsroom.worker -- CMD [ARG ...]   # the server CMD with a worker beside it

Beside a server (`make run`, `make serve`) the worker runs in a session of its own, so that it
gets exactly one signal, the SIGTERM sent once the server has stopped: the worker finishes the
task it is running on a first signal, and drops it half done on a second, as a Ctrl+C that
reached both it and this SIGTERM would be. A Ctrl+C reaches the server directly; a SIGTERM sent
to this process (make passes one on) is passed to the server. However the server ends, the
worker is stopped and waited for, and the exit status is the server's.
"""

import os
import signal
import subprocess
import sys

# The worker command of each TASKS_BACKEND (README.md, "Background tasks").
WORKERS = {
    # --no-reload: the autoreloader would kill a running task to restart.
    "database": ["db_worker", "--no-reload"],
    # The scheduler runs the retries that wait (run_after).
    "rq": ["rqworker", "default", "--job-class", "django_tasks_rq.Job", "--with-scheduler"],
    "immediate": None,  # tasks run where they are queued
}


def worker_command():
    """The worker's command line for the configured TASKS_BACKEND, or None if it needs none."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    from django.conf import settings

    arguments = WORKERS[settings.TASKS_BACKEND]
    if arguments is None:
        return None
    return [sys.executable, str(settings.BASE_DIR / "manage.py"), *arguments]


def run_beside(server_command, worker):
    """Run the server until it ends, the worker beside it; return the server's exit status."""
    # The handlers are in place before either child starts, so no signal finds this process
    # unprepared; being Python functions, not SIG_IGN, they are reset to the default in the
    # children when they start, which keeps Ctrl+C a KeyboardInterrupt for the server.
    server, stopping = None, []

    def pass_on(signum, frame):
        if server:
            server.send_signal(signum)
        else:
            stopping.append(signum)

    signal.signal(signal.SIGTERM, pass_on)
    signal.signal(signal.SIGINT, lambda signum, frame: None)  # the terminal sends it the server
    background = subprocess.Popen(worker, start_new_session=True) if worker else None
    try:
        server = subprocess.Popen(server_command)
    except BaseException:
        if background:
            background.terminate()
            background.wait()
        raise
    if stopping:  # a SIGTERM came while the server was starting
        server.send_signal(signal.SIGTERM)
    status = server.wait()
    if background:
        background.terminate()
        background.wait()
    return 128 - status if status < 0 else status


def main(argv):
    worker = worker_command()
    if "--" in argv:
        return run_beside(argv[argv.index("--") + 1 :], worker)
    if worker is None:
        print("TASKS_BACKEND=immediate: tasks run where they are queued, no worker is needed.")
        return 0
    os.execv(worker[0], worker)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
