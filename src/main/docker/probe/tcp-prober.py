#!/usr/bin/env python3
"""Opens many TCP connections at once, in one process.

Reads "KEY ADDRESS PORT" lines on stdin and probes from this network namespace; or, given --namespaces,
"KEY NETNS ADDRESS PORT" lines, and probes from each named network namespace file, e.g. /proc/PID/ns/net
(a forked child per namespace joins it with setns(2): needs CAP_SYS_ADMIN and the host's PIDs). Prints
"KEY ANSWER" for each, ANSWER being open, refused (a reset: the host is there), silent (dropped or no route
within the timeout) or "error ..." (the probe itself failed). Per namespace it first prints
"control[:NETNS] ANSWER": the same connect aimed at a loopback listener opened in that namespace, so a
prober that cannot connect at all shows up as a failed control, not as a column of "silent". One process
(per namespace) instead of one nc per probe: starting hundreds of processes at once, not the network, is
what a matrix of probes costs on a small machine.
"""
import errno
import os
import selectors
import socket
import sys
import time

CLONE_NEWNET = 0x40000000

NO_ROUTE = {errno.EHOSTUNREACH, errno.ENETUNREACH, errno.ETIMEDOUT}


def answer(code):
    if code == 0:
        return "open"
    if code == errno.ECONNREFUSED:
        return "refused"
    if code in NO_ROUTE:
        return "silent"
    return "error connect: " + errno.errorcode.get(code, str(code))


def probe_all(targets, timeout):
    """targets: list of (key, address, port); returns {key: answer}."""
    selector = selectors.DefaultSelector()
    answers = {}
    for key, address, port in targets:
        try:
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setblocking(False)
            code = sock.connect_ex((address, port))
        except OSError as e:
            answers[key] = "error " + str(e)
            continue
        if code == errno.EINPROGRESS:
            selector.register(sock, selectors.EVENT_WRITE, key)
        else:
            answers[key] = answer(code)
            sock.close()
    deadline = time.monotonic() + timeout
    while selector.get_map():
        left = deadline - time.monotonic()
        if left <= 0:
            break
        for selected, _ in selector.select(left):
            sock = selected.fileobj
            answers[selected.data] = answer(sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR))
            selector.unregister(sock)
            sock.close()
    for selected in list(selector.get_map().values()):
        answers[selected.data] = "silent"
        selected.fileobj.close()
    return answers


def with_control(targets, timeout):
    """The targets' answers after the control's, as output lines, in input order."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    control = ("control", "127.0.0.1", listener.getsockname()[1])
    answers = probe_all([control] + targets, timeout)
    listener.close()
    return [("control", answers.pop("control"))] + [(key, answers[key]) for key, _, _ in targets]


def in_namespace(netns, targets, timeout):
    """Forks a child that joins netns and probes; returns its output lines."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        out = os.fdopen(write_end, "w")
        try:
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            fd = os.open(netns, os.O_RDONLY)
            if libc.setns(fd, CLONE_NEWNET) != 0:
                raise OSError(ctypes.get_errno(), "setns " + netns + ": " + os.strerror(ctypes.get_errno()))
            lines = [("control:" + netns if key == "control" else key) + " " + answer
                     for key, answer in with_control(targets, timeout)]
        except Exception as e:  # the namespace's probes all become errors, the control first
            lines = ["control:" + netns + " error " + str(e)] + [key + " error " + str(e) for key, _, _ in targets]
        out.write("\n".join(lines) + "\n")
        out.close()
        os._exit(0)
    os.close(write_end)
    return pid, os.fdopen(read_end)


def main():
    timeout = float(sys.argv[-1])
    namespaces = "--namespaces" in sys.argv[1:-1]
    targets = {}
    for line in sys.stdin.read().splitlines():
        parts = line.split()
        fields = 4 if namespaces else 3
        if len(parts) == fields and parts[-1].isdigit():
            netns = parts[1] if namespaces else None
            targets.setdefault(netns, []).append((parts[0], parts[-2], int(parts[-1])))
        elif parts:
            print(parts[0] + " error unreadable probe line: " + line)
    if not namespaces:
        for key, answer in with_control(targets.get(None, []), timeout):
            print(key + " " + answer)
        return
    children = [in_namespace(netns, probes, timeout) for netns, probes in targets.items()]
    for pid, pipe in children:
        sys.stdout.write(pipe.read())
        pipe.close()
        os.waitpid(pid, 0)


if __name__ == "__main__":
    main()
