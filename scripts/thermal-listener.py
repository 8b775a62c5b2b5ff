"""Stands in for an 80 mm network thermal printer: accepts raw jobs on a TCP port (the way a
socket:// queue sends them) and writes each connection's bytes to DIR/job-N.bin."""
import os
import socket
import sys

port, folder = int(sys.argv[1]), sys.argv[2]
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", port))
server.listen(4)
n = 0
while True:
    conn, _ = server.accept()
    n += 1
    chunks = []
    while True:
        data = conn.recv(65536)
        if not data:
            break
        chunks.append(data)
    conn.close()
    tmp = os.path.join(folder, f"job-{n}.tmp")
    with open(tmp, "wb") as f:
        f.write(b"".join(chunks))
    os.rename(tmp, os.path.join(folder, f"job-{n}.bin"))
