"""The kiosk tapped through as a person would: a real GTK window under Xvfb, found and driven
through the accessibility tree (AT-SPI), printing through the test command's private cupsd.

Run by scripts/ui-tests.sh (which starts Xvfb, a D-Bus session and the AT-SPI bus)."""
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback

import pyatspi

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KIOSK = os.environ.get("BHUMISEBA_KIOSK_BIN", os.path.join(ROOT, ".build/debug/bhumiseba-kiosk"))
CUPS_DIR = os.environ["BHUMISEBA_TEST_CUPS_DIR"]
NAMJARI = "ই-নামজারি আবেদন / e-Namjari (mutation) application"
NAME_FIELD = "আবেদনকারীর নাম / Applicant's name"
SAVE = "সংরক্ষণ করুন ও স্লিপ ছাপুন"
BN_DIGITS = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")


def wait_for(what, predicate, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            found = predicate()
        except Exception:  # the tree changes under us while a page is replaced
            found = None
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def walk(node):
    yield node
    for i in range(node.childCount):
        child = node.getChildAtIndex(i)
        if child is not None:
            yield from walk(child)


class Kiosk:
    """One kiosk process with its own data folder and config."""

    def __init__(self, config_lines=(), env=None):
        self.tmp = tempfile.mkdtemp(prefix="kiosk-ui-")
        self.config = os.path.join(self.tmp, "kiosk.conf")
        with open(self.config, "w") as f:
            f.write("[storage]\ndata_dir = %s/data\n" % self.tmp)
            f.write("\n".join(config_lines) + "\n")
        e = dict(os.environ)
        e.update(env or {})
        self.proc = subprocess.Popen([KIOSK, "--config", self.config], env=e,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.app = wait_for("the kiosk on the AT-SPI bus", self._find_app)

    def _find_app(self):
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and app.name == "bhumiseba-kiosk" and app.get_process_id() == self.proc.pid:
                return app
        return None

    def find(self, role, name=None, contains=None):
        for node in walk(self.app):
            if node.getRoleName() != role:
                continue
            if name is not None and node.name == name:
                return node
            if contains is not None and contains in node.name:
                return node
        return None

    def wait(self, role, name=None, contains=None, timeout=15.0):
        try:
            return wait_for(f"{role} {name or contains!r}", lambda: self.find(role, name, contains), timeout)
        except AssertionError as e:
            raise AssertionError(f"{e}; the screen shows: {self.labels()}") from None

    def tap(self, name=None, contains=None):
        button = self.wait("push button", name, contains)
        button.queryAction().doAction(0)

    def type_into(self, name, text):
        field = self.wait("text", name)
        field.queryEditableText().setTextContents(text)

    def labels(self):
        return [n.name for n in walk(self.app) if n.getRoleName() == "label"]

    def db(self):
        return sqlite3.connect(os.path.join(self.tmp, "data", "kiosk.sqlite"))

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.tmp, ignore_errors=True)


def captured_jobs(queue="capture"):
    folder = os.path.join(CUPS_DIR, "capture")
    return sorted(f for f in os.listdir(folder) if f.startswith(queue + "-") and f.endswith(".bin"))


def pdftext(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True).stdout


def squeezed(text):
    """pdftotext may put spaces inside Bengali clusters and wraps lines: compare without space."""
    return "".join(text.split())


def set_fault(queue, word):
    path = os.path.join(CUPS_DIR, "capture", queue + ".fault")
    if word:
        with open(path, "w") as f:
            f.write(word)
    elif os.path.exists(path):
        os.remove(path)


def fill_name_and_save(k, name, save=SAVE):
    k.tap(NAMJARI)
    k.type_into(NAME_FIELD, name)
    k.tap(save)


# ---------------------------------------------------------------------------------------------

def test_namjari_slip_printed():
    """Home → e-Namjari → applicant's name → save and print: the draft is stored, the slip printed."""
    before = set(captured_jobs())
    k = Kiosk(["[printing]", "slip_queue = capture"])
    try:
        assert k.find("label", contains="১৬১২২"), "the home page shows the helpline 16122 in Bengali digits"
        name = "মোছাম্মৎ রহিমা খাতুন"
        fill_name_and_save(k, name)
        k.wait("label", name="ছাপা হয়েছে")
        with k.db() as db:
            code, state = db.execute("SELECT resume_code, state FROM draft").fetchone()
            answer = db.execute("SELECT value FROM draft_answer WHERE question_id='applicant_name'").fetchone()[0]
            job_state = db.execute("SELECT state FROM print_job").fetchone()[0]
        assert answer == name, answer
        assert state == "waiting", state
        assert job_state == "printed", job_state
        grouped = f"{code[0:5]}-{code[5:10]}-{code[10:15]}"
        assert grouped.translate(BN_DIGITS) in k.labels(), "the screen shows the code in Bengali digits"
        new = sorted(set(captured_jobs()) - before)
        assert len(new) == 1, new
        text = pdftext(os.path.join(CUPS_DIR, "capture", new[0]))
        assert grouped in text, "the slip carries the resume code"
        assert "প্রাপ্তি স্বীকারপত্র" in text and "Acknowledgement slip" in text
        assert squeezed(name) in squeezed(text), "the applicant's name on the slip:\n" + text
        assert "16122" in text and "১৬১২২" in text
        qr = subprocess.run(["zbarimg", "-q", "--raw", "-"], input=subprocess.run(
            ["pdftoppm", "-r", "200", "-png", "-singlefile", os.path.join(CUPS_DIR, "capture", new[0])],
            capture_output=True, check=True).stdout, capture_output=True)
        assert qr.stdout.decode().strip() == "BHUMISEBA:" + code, qr.stdout
    finally:
        k.close()


def test_empty_name_is_refused_next_to_the_field():
    k = Kiosk(["[printing]", "slip_queue = capture"])
    try:
        k.tap(NAMJARI)
        k.type_into(NAME_FIELD, "   ")
        k.tap(SAVE)
        k.wait("label", name="আবেদনকারীর নাম লিখুন")
        assert k.find("text", NAME_FIELD) is not None, "still on the question page"
        with k.db() as db:
            assert db.execute("SELECT count(*) FROM draft_answer").fetchone()[0] == 0
    finally:
        k.close()


def test_english_screen():
    k = Kiosk(["[printing]", "slip_queue = capture"])
    try:
        k.tap("English")
        k.wait("label", name="Bhumiseba Kiosk")
        assert k.find("label", contains="16122"), "Latin digits on the English screen"
        fill_name_and_save(k, "Rahima Khatun", save="Save and print slip")
        k.wait("label", name="Printed")
    finally:
        k.close()


def printer_trouble(config_lines, expect, env=None, fault=None):
    set_fault("capture", fault)
    k = Kiosk(config_lines, env)
    try:
        fill_name_and_save(k, "করিম উদ্দিন")
        label = k.wait("label", contains=expect, timeout=30)
        assert "আপনার আবেদন সংরক্ষিত আছে" in label.name, label.name
        with k.db() as db:
            assert db.execute("SELECT value FROM draft_answer").fetchone()[0] == "করিম উদ্দিন"
            assert db.execute("SELECT state FROM print_job").fetchone()[0] == "not-printed"
            assert len(db.execute("SELECT pdf FROM print_job").fetchone()[0]) > 1000, "the slip is kept to reprint"
        assert k.proc.poll() is None, "the kiosk is still running"
    finally:
        set_fault("capture", None)
        k.close()


def test_paper_jam_is_said_in_words():
    printer_trouble(["[printing]", "slip_queue = capture"], "কাগজ আটকে গেছে", fault="jam")


def test_unknown_queue_is_said_in_words():
    printer_trouble(["[printing]", "slip_queue = no-such-printer"], "পাওয়া যায়নি")


def test_stopped_queue_is_said_in_words():
    subprocess.run(["cupsdisable", "a4"], check=True)
    try:
        printer_trouble(["[printing]", "slip_queue = a4"], "প্রিন্টার বন্ধ আছে")
    finally:
        subprocess.run(["cupsenable", "a4"], check=True)


def test_cupsd_not_running_is_said_in_words():
    printer_trouble(["[printing]", "cups_server = 127.0.0.1:9", "slip_queue = capture"], "প্রিন্ট সার্ভিস চলছে না")


def test_broken_config_stops_start_up_naming_the_line():
    tmp = tempfile.mkdtemp()
    path = os.path.join(tmp, "bad.conf")
    with open(path, "w") as f:
        f.write("[centre]\narea_class = D\n")
    out = subprocess.run([KIOSK, "--config", path], capture_output=True, text=True, timeout=20)
    assert out.returncode == 2, out
    assert f"{path}:2:" in out.stderr and "area_class" in out.stderr, out.stderr
    shutil.rmtree(tmp)


def main():
    tests = [(n, f) for n, f in sorted(globals().items()) if n.startswith("test_") and callable(f)]
    only = sys.argv[1:]
    passed = failed = 0
    for name, fn in tests:
        if only and name not in only:
            continue
        start = time.monotonic()
        try:
            fn()
            passed += 1
            print(f"ok   {name} ({time.monotonic() - start:.1f} s)", flush=True)
        except Exception:
            failed += 1
            print(f"FAIL {name}", flush=True)
            traceback.print_exc()
    print(f"ui: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
