#!/usr/bin/env python3
"""Opens many TCP connections at once from this network namespace, in one process.

Reads "INDEX ADDRESS PORT" lines on stdin; prints "INDEX ANSWER" for each, ANSWER being open, refused
(a reset: the host is there), silent (dropped or no route within the timeout) or "error ..." (the probe
itself failed). First it prints "control ANSWER": the same connect aimed at a loopback listener this
process opened, so a prober that cannot connect at all shows up as a failed control, not as a column of
"silent". One process instead of one nc per probe: starting hundreds of processes at once, not the
network, is what a matrix of probes costs on a small machine.
"""
import errno
import selectors
import socket
import sys
import time

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


def main():
    timeout = float(sys.argv[1])
    targets = []
    for line in sys.stdin.read().splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2].isdigit():
            targets.append((parts[0], parts[1], int(parts[2])))
        elif parts:
            print(parts[0] + " error unreadable probe line: " + line)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    control = ("control", "127.0.0.1", listener.getsockname()[1])
    answers = probe_all([control] + targets, timeout)
    listener.close()
    print("control " + answers.pop("control"))
    for key, _, _ in targets:
        print(key + " " + answers[key])


if __name__ == "__main__":
    main()
