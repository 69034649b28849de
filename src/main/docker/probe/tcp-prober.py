#!/usr/bin/env python3
"""Opens many TCP connections at once, in one process.

Reads "KEY ADDRESS PORT" lines on stdin and probes from this network namespace. Prints "KEY ANSWER" for each,
ANSWER being open, refused (a reset: the host is there), silent (dropped or no route within the timeout) or
"error ..." (the probe itself failed). It first prints "control ANSWER": the same connect aimed at a loopback
listener opened in this namespace, so a prober that cannot connect at all shows up as a failed control, not
as a column of "silent". One process instead of one nc per probe: starting hundreds of processes at once, not
the network, is what a matrix of probes costs on a small machine.

With --serve it probes from other network namespaces, batch after batch until its input ends, so that one
long-lived process answers a whole matrix per batch without a docker exec each time. A batch is

    batch TIMEOUT
    netns SOURCE NETNS_FILE IDENTITY     (e.g. /proc/PID/ns/net and net:[4026532301], or - when not yet known)
    KEY SOURCE ADDRESS PORT
    end

and its answer, after which the prober flushes and waits for the next batch:

    identity:SOURCE net:[...]            (what NETNS_FILE is now)
    control:SOURCE ANSWER                (the loopback control inside that namespace)
    KEY ANSWER
    done

A forked child per namespace joins it with setns(2) (needs CAP_SYS_ADMIN and the host's PIDs). A namespace
file that is gone, or now names another namespace than IDENTITY (its process ended, the PID was reused), is
not joined: its control answers "gone ...", so the caller looks the process up again instead of probing a
stranger's network.
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


def joined_namespace(netns, identity):
    """Joins netns unless it is gone or no longer the namespace identity names; returns what it is now."""
    import ctypes
    try:
        now = os.readlink(netns)
    except (FileNotFoundError, ProcessLookupError) as e:  # its process ended
        raise Gone(str(e))
    if identity != "-" and now != identity:
        raise Gone(netns + " is now " + now + ", not " + identity)
    fd = os.open(netns, os.O_RDONLY)
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.setns(fd, CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), "setns " + netns + ": " + os.strerror(ctypes.get_errno()))
    os.close(fd)
    return now


class Gone(Exception):
    """The namespace file no longer names the namespace the caller looked up."""


def in_namespace(source, netns, identity, targets, timeout):
    """Forks a child that joins netns and probes; returns its pid and the pipe its output lines come on."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        out = os.fdopen(write_end, "w")
        try:
            now = joined_namespace(netns, identity)
            lines = ["identity:" + source + " " + now]
            lines += [("control:" + source if key == "control" else key) + " " + answer
                      for key, answer in with_control(targets, timeout)]
        except Gone as e:
            lines = ["control:" + source + " gone " + str(e)] + [key + " error namespace gone" for key, _, _ in targets]
        except Exception as e:  # the namespace's probes all become errors, the control first
            lines = ["control:" + source + " error " + str(e)] + [key + " error " + str(e) for key, _, _ in targets]
        out.write("\n".join(lines) + "\n")
        out.close()
        os._exit(0)
    os.close(write_end)
    return pid, os.fdopen(read_end)


def serve(lines):
    """Answers batches from the line iterator until it ends."""
    timeout, namespaces, targets = None, {}, {}
    for line in lines:
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "batch" and len(parts) == 2:
            timeout, namespaces, targets = float(parts[1]), {}, {}
        elif parts[0] == "netns" and len(parts) == 4:
            namespaces[parts[1]] = (parts[2], parts[3])
            targets.setdefault(parts[1], [])
        elif parts[0] == "end" and timeout is not None:
            children = [in_namespace(source, *namespaces[source], probes, timeout) for source, probes in targets.items()]
            for pid, pipe in children:
                sys.stdout.write(pipe.read())
                pipe.close()
                os.waitpid(pid, 0)
            sys.stdout.write("done\n")
            sys.stdout.flush()
            timeout = None
        elif len(parts) == 4 and parts[1] in namespaces and parts[3].isdigit():
            targets[parts[1]].append((parts[0], parts[2], int(parts[3])))
        else:
            sys.stdout.write(parts[0] + " error unreadable probe line: " + line.strip() + "\n")


def main():
    if sys.argv[1:] == ["--serve"]:
        serve(sys.stdin)
        return
    timeout = float(sys.argv[-1])
    targets = []
    for line in sys.stdin.read().splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[-1].isdigit():
            targets.append((parts[0], parts[1], int(parts[2])))
        elif parts:
            print(parts[0] + " error unreadable probe line: " + line)
    for key, answer in with_control(targets, timeout):
        print(key + " " + answer)


if __name__ == "__main__":
    main()
