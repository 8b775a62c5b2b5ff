"""Stands in for an 80 mm network thermal printer that speaks ESC/POS, on a loopback TCP port
(as a socket:// queue sends to it).

    escpos-printer.py PORT DIR

Each connection's bytes are kept as DIR/job-N.bin; when they are ESC/POS (ESC @ first) with raster (GS v 0), the
image is written as DIR/job-N.png (8-bit grey, black dots black) and the commands seen as
DIR/job-N.txt (one a line: "ESC @", "GS v 0 72x256", "ESC d 4", "GS V 66 0"). It answers
real-time status (DLE EOT n, n = 1..4) at once, as the printer's state in DIR/status says:
empty or missing (ready), paper-out, paper-near-end or cover-open; silent: no answer at all, as a
printer without real-time status. Standard library only."""

import os
import socket
import struct
import sys
import threading
import zlib

# DLE EOT answers: bit 1 and bit 4 are always set (0x12).
STATUS = {
    "ready": {1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12},
    "paper-out": {1: 0x1A, 2: 0x32, 3: 0x12, 4: 0x72},
    "paper-near-end": {1: 0x12, 2: 0x12, 3: 0x12, 4: 0x1E},
    "cover-open": {1: 0x1A, 2: 0x16, 3: 0x12, 4: 0x12},
}


def state(folder):
    try:
        with open(os.path.join(folder, "status")) as f:
            word = f.read().strip()
    except FileNotFoundError:
        word = ""
    if word == "silent":
        return None
    return STATUS.get(word or "ready", STATUS["ready"])


def png(width, rows):
    """An 8-bit greyscale PNG: each row a list of 0/1 dots (1 black)."""
    raw = b"".join(b"\x00" + bytes(0 if d else 255 for d in row) for row in rows)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, len(rows), 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")


class Job:
    """Parses the stream as it comes: real-time status is answered before the job ends."""

    def __init__(self, conn, folder):
        self.conn, self.folder = conn, folder
        self.buf = bytearray()
        self.pos = 0
        self.commands = []
        self.rows = []
        self.width = 0

    def need(self, n):
        return len(self.buf) - self.pos >= n

    def step(self):
        """Consumes one command if it is all here; False when more bytes are needed."""
        b = self.buf
        p = self.pos
        if not self.need(1):
            return False
        c = b[p]
        if c == 0x10:  # DLE EOT n
            if not self.need(3):
                return False
            if b[p + 1] == 0x04:
                n = b[p + 2]
                answers = state(self.folder)
                if answers is not None:
                    self.conn.sendall(bytes([answers.get(n, 0x12)]))
                self.commands.append(f"DLE EOT {n}")
                self.pos += 3
                return True
            self.pos += 1
            return True
        if c == 0x1B:  # ESC
            if not self.need(2):
                return False
            op = b[p + 1]
            if op == 0x40:
                self.commands.append("ESC @")
                self.pos += 2
                return True
            if op in (0x64, 0x4A):  # ESC d n / ESC J n: feed
                if not self.need(3):
                    return False
                self.commands.append(f"ESC {chr(op)} {b[p + 2]}")
                self.rows.extend([[0] * self.width] * (b[p + 2] * (1 if op == 0x4A else 24)))
                self.pos += 3
                return True
            self.commands.append(f"ESC 0x{op:02x}")
            self.pos += 2
            return True
        if c == 0x1D:  # GS
            if not self.need(2):
                return False
            op = b[p + 1]
            if op == 0x76:  # GS v 0 m xL xH yL yH d1..dk
                if not self.need(8):
                    return False
                xbytes = b[p + 4] | b[p + 5] << 8
                lines = b[p + 6] | b[p + 7] << 8
                size = xbytes * lines
                if not self.need(8 + size):
                    return False
                data = b[p + 8 : p + 8 + size]
                self.width = max(self.width, xbytes * 8)
                for y in range(lines):
                    row = data[y * xbytes : (y + 1) * xbytes]
                    self.rows.append([(byte >> (7 - i)) & 1 for byte in row for i in range(8)])
                self.commands.append(f"GS v 0 {xbytes}x{lines}")
                self.pos += 8 + size
                return True
            if op == 0x56:  # GS V m [n]
                if not self.need(3):
                    return False
                m = b[p + 2]
                if m in (65, 66, 97, 98, 103, 104):
                    if not self.need(4):
                        return False
                    self.commands.append(f"GS V {m} {b[p + 3]}")
                    self.pos += 4
                else:
                    self.commands.append(f"GS V {m}")
                    self.pos += 3
                return True
            self.commands.append(f"GS 0x{op:02x}")
            self.pos += 2
            return True
        self.pos += 1  # text or LF: a printer would print it in its own font
        return True

    def run(self):
        while True:
            data = self.conn.recv(65536)
            if not data:
                break
            self.buf += data
            while self.step():
                pass
        return bytes(self.buf)


def serve(conn, folder, n):
    # The files are written before the connection is closed: cupsd's socket backend waits for
    # the close, so a job reported completed has its files here (no race with the next test).
    job = Job(conn, folder)
    try:
        save(job, job.run(), folder, n)
    finally:
        conn.close()


def save(job, data, folder, n):
    if not data or all(cmd.startswith("DLE EOT") for cmd in job.commands) and job.pos == len(data):
        return  # a status query, not a job
    base = os.path.join(folder, f"job-{n}")
    # An ESC/POS job, not a raw PDF: ESC @ first (after the status questions a queue's filter asks).
    if job.rows and [c for c in job.commands if not c.startswith("DLE EOT")][:1] == ["ESC @"]:
        width = job.width
        rows = [row + [0] * (width - len(row)) for row in job.rows]
        with open(base + ".png.tmp", "wb") as f:
            f.write(png(width, rows))
        os.rename(base + ".png.tmp", base + ".png")
        with open(base + ".txt", "w") as f:
            f.write("\n".join(job.commands) + "\n")
    with open(base + ".tmp", "wb") as f:
        f.write(data)
    os.rename(base + ".tmp", base + ".bin")


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", port))
    server.listen(8)
    n = 0
    lock = threading.Lock()
    while True:
        conn, _ = server.accept()
        with lock:
            n += 1
            number = n
        threading.Thread(target=serve, args=(conn, folder, number), daemon=True).start()


if __name__ == "__main__":
    main()
